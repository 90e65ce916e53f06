import type { Generated } from 'kysely';
import type {
  AssetHistoryEntry,
  DecisionHistoryEntry,
  DecisionStatus,
  EventType,
  HistoryEntry,
  TaskStatus,
  VersionState,
} from '@throughline/contract';
import type { SearchDocumentsTable } from '../search/search.types.js';
import type { CalendarFeedsTable } from '../calendar/feed.types.js';
import type { DigestSubscriptionsTable, DigestsTable } from '../digests/digest.types.js';

/** Row shapes of every table. They stay inside repositories; services speak domain types. */
export interface ProjectsTable {
  id: string;
  name: string;
  home_channel_id: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** IANA zone of the digest's schedule; null: the service's DIGEST_DEFAULT_TZ. */
  time_zone: string | null;
  /** 1 = Monday … 7 = Sunday (ISO). */
  digest_weekday: Generated<number>;
  /** HH:MM, local to the zone. */
  digest_time: Generated<string>;
  stalled_days: Generated<number>;
}

export interface ProjectChannelsTable {
  project_id: string;
  channel_id: string;
  added_by: string;
  added_at: string;
  /** Who this channel's rollout tasks are assigned to. */
  lead_id: string | null;
}

export interface TasksTable {
  id: string;
  title: string;
  description: string;
  /** Lower-cased title and description: SQLite's LOWER() folds ASCII only, so folding happens in code. */
  search_text: string;
  status: TaskStatus;
  assignee_id: string | null;
  due_at: string | null;
  channel_id: string;
  project_id: string | null;
  source_post_id: string | null;
  permalink: string | null;
  files: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
  reminder_sent_at: string | null;
  /** The thread the source message belongs to: where the bot replies. */
  thread_root_id: string | null;
  /** On a rollout's child: the rolled-out task. */
  parent_id: string | null;
  /** The rollout this task is the parent of, or a child in. */
  rollout_id: string | null;
}

export interface TaskHistoryTable {
  id: string;
  task_id: string;
  actor_id: string;
  action: HistoryEntry['action'];
  field: string | null;
  from_value: string | null;
  to_value: string | null;
  at: string;
}

export interface IdempotencyKeysTable {
  user_id: string;
  key: string;
  request_hash: string;
  task_id: string;
  created_at: string;
}

export interface EventsTable {
  seq: number | string;
  type: EventType;
  channel_id: string;
  payload: string;
  created_at: string;
  /** The writing transaction's id on PostgreSQL (pg_current_xact_id); null on SQLite. */
  xid: number | string | null;
}

export interface OutboxTable {
  id: string;
  kind: string;
  payload: string;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  locked_by: string | null;
  locked_until: string | null;
  delivered_at: string | null;
  result_post_id: string | null;
  last_error: string | null;
  /** Set with delivered_at when the message was settled without a post: why. */
  skipped: string | null;
  /** What the message is about (see outbox/topics.ts), and what it tells of it. */
  topic: string | null;
  topic_state: string | null;
}

export interface ActionNoncesTable {
  nonce: string;
  used_by: string;
  used_at: string;
}

export interface AssetsTable {
  id: string;
  project_id: string;
  name: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** Grows with every change to what a project's asset list shows (kept by triggers): a version for its reused answers. */
export interface AssetListMarksTable {
  project_id: string;
  mark: number | string;
}

export interface AssetChannelsTable {
  asset_id: string;
  channel_id: string;
}

export interface AssetVersionsTable {
  id: string;
  asset_id: string;
  number: number;
  file_name: string;
  mime_type: string;
  size: number | string;
  sha256: string;
  source_post_id: string | null;
  source_file_id: string | null;
  added_by: string;
  added_at: string;
  state: VersionState;
  decided_by: string | null;
  decided_at: string | null;
  decision_comment: string | null;
}

/** What a receipt is for: an approved asset version, or a decided decision. */
export type ReceiptSubject = 'asset_version' | 'decision';

export interface ReceiptsTable {
  subject_kind: ReceiptSubject;
  subject_id: string;
  channel_id: string;
  confirmed_by: string | null;
  confirmed_at: string | null;
}

export interface AssetHistoryTable {
  id: string;
  asset_id: string;
  version_id: string | null;
  actor_id: string;
  action: AssetHistoryEntry['action'];
  detail: string | null;
  at: string;
}

export interface DecisionsTable {
  id: string;
  project_id: string;
  statement: string;
  rationale: string;
  /** Lower-cased statement and rationale, folded in code like tasks' search_text. */
  search_text: string;
  status: DecisionStatus;
  proposed_by: string;
  recorded_by: string;
  approver_id: string | null;
  decided_by: string | null;
  decided_at: string | null;
  revoked_by: string | null;
  revoked_at: string | null;
  revoke_reason: string | null;
  supersedes_id: string | null;
  superseded_by_id: string | null;
  source_channel_id: string;
  source_post_id: string | null;
  permalink: string | null;
  source_text: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface DecisionChannelsTable {
  decision_id: string;
  channel_id: string;
}

export interface DecisionQuotesTable {
  decision_id: string;
  post_id: string;
  position: number;
  user_id: string;
  message: string;
  created_at: string;
}

export type DecisionLinkKind = 'task' | 'asset_version';

export interface DecisionLinksTable {
  decision_id: string;
  kind: DecisionLinkKind;
  target_id: string;
}

export interface DecisionCardsTable {
  decision_id: string;
  channel_id: string;
  outbox_id: string;
}

export interface DecisionHistoryTable {
  id: string;
  decision_id: string;
  actor_id: string;
  action: DecisionHistoryEntry['action'];
  field: string | null;
  from_value: string | null;
  to_value: string | null;
  channel_id: string | null;
  at: string;
}

export interface RolloutsTable {
  id: string;
  task_id: string;
  project_id: string;
  asset_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface RolloutChannelsTable {
  rollout_id: string;
  channel_id: string;
  task_id: string;
  position: number;
}

/** An approval card the bot posted (by the outbox message that posts it), to edit once superseded. */
export interface AssetCardsTable {
  outbox_id: string;
  version_id: string;
  channel_id: string;
}

/** A channel bookmark the bot made to an approved version. */
export interface AssetBookmarksTable {
  bookmark_id: string;
  asset_id: string;
  channel_id: string;
  version_id: string;
  created_at: string;
}

export interface AssetDownloadsTable {
  id: string;
  asset_id: string;
  version_id: string;
  user_id: string;
  channel_id: string | null;
  at: string;
  /** 1 when the version was superseded at the time; integers on both engines. */
  after_superseded: number;
}

/** Someone told (once) that a version they downloaded was superseded. */
export interface RecallNoticesTable {
  version_id: string;
  user_id: string;
  at: string;
}

export interface Database {
  projects: ProjectsTable;
  project_channels: ProjectChannelsTable;
  tasks: TasksTable;
  task_history: TaskHistoryTable;
  idempotency_keys: IdempotencyKeysTable;
  events: EventsTable;
  outbox: OutboxTable;
  action_nonces: ActionNoncesTable;
  assets: AssetsTable;
  asset_channels: AssetChannelsTable;
  asset_list_marks: AssetListMarksTable;
  asset_versions: AssetVersionsTable;
  receipts: ReceiptsTable;
  asset_history: AssetHistoryTable;
  decisions: DecisionsTable;
  decision_channels: DecisionChannelsTable;
  decision_quotes: DecisionQuotesTable;
  decision_links: DecisionLinksTable;
  decision_cards: DecisionCardsTable;
  decision_proposal_cards: DecisionCardsTable;
  decision_history: DecisionHistoryTable;
  rollouts: RolloutsTable;
  rollout_channels: RolloutChannelsTable;
  asset_cards: AssetCardsTable;
  asset_bookmarks: AssetBookmarksTable;
  asset_downloads: AssetDownloadsTable;
  recall_notices: RecallNoticesTable;
  digest_subscriptions: DigestSubscriptionsTable;
  digests: DigestsTable;
  search_documents: SearchDocumentsTable;
  calendar_feeds: CalendarFeedsTable;
}
