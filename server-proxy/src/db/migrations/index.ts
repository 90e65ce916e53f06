import type { Migration, MigrationProvider } from 'kysely';
import * as init from './20261124_0001_init.js';
import * as eventsOutbox from './20261124_0002_events_outbox.js';
import * as assets from './20261124_0003_assets.js';
import * as outboxSkipped from './20261201_0101_outbox_skipped.js';
import * as receipts from './20261201_0102_receipts.js';
import * as decisions from './20261201_0103_decisions.js';
import * as outboxTopics from './20261201_0201_outbox_topics.js';
import * as decisionProposalCards from './20261201_0210_decision_proposal_cards.js';
import * as rollouts from './20261201_0300_rollouts.js';
import * as recall from './20261201_0310_recall.js';
import * as search from './20261201_0500_search.js';
import * as digests from './20261201_0600_digests.js';
import * as overview from './20261201_0700_overview.js';
import * as calendarFeeds from './20261201_0720_calendar_feeds.js';
import * as taskSources from './20261201_0730_task_sources.js';
import * as searchOrder from './20261201_0740_search_order.js';
import * as eventSequence from './20261201_0810_event_sequence.js';
import * as taskStays from './20261201_0820_task_stays.js';
import * as assetListMarks from './20261201_0830_asset_list_marks.js';

// A static list rather than a folder scan, so the compiled service and tsx resolve the same files.
const migrations: Record<string, Migration> = {
  '20261124_0001_init': init,
  '20261124_0002_events_outbox': eventsOutbox,
  '20261124_0003_assets': assets,
  '20261201_0101_outbox_skipped': outboxSkipped,
  '20261201_0102_receipts': receipts,
  '20261201_0103_decisions': decisions,
  '20261201_0201_outbox_topics': outboxTopics,
  '20261201_0210_decision_proposal_cards': decisionProposalCards,
  '20261201_0300_rollouts': rollouts,
  '20261201_0310_recall': recall,
  '20261201_0500_search': search,
  '20261201_0600_digests': digests,
  '20261201_0700_overview': overview,
  '20261201_0720_calendar_feeds': calendarFeeds,
  '20261201_0730_task_sources': taskSources,
  '20261201_0740_search_order': searchOrder,
  '20261201_0810_event_sequence': eventSequence,
  '20261201_0820_task_stays': taskStays,
  '20261201_0830_asset_list_marks': assetListMarks,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
