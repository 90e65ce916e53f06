import {
  type Asset,
  type AssetHistoryEntry,
  type Decision,
  type DecisionHistoryEntry,
  type HistoryEntry,
  type Project,
  type Rollout,
  type Task,
} from '@throughline/contract';
import type { Access } from '../access/access.js';
import type { AssetService } from '../assets/asset.service.js';
import { assetIdsInProject } from '../assets/asset.repository.js';
import type { Db } from '../db/database.js';
import { channelsOf, historyFor, historyScope, present as presentDecision } from '../decisions/decision.view.js';
import type { Caller } from '../http/auth.js';
import type { ProjectService } from '../projects/project.service.js';
import type { RolloutService } from '../rollouts/rollout.service.js';
import { decisionHistories, projectDecisionsAfter, projectTasksAfter, rolloutIdsOfProject, taskHistories } from './export.repository.js';
import { nowIso } from '../util/ids.js';

/** Rows read per query: a page is the most of the project the service holds at once. */
export const EXPORT_PAGE = 500;

export type ExportedTask = Task & { history: HistoryEntry[] };
export type ExportedDecision = Decision & { history: DecisionHistoryEntry[] };
export type ExportedAsset = Asset & { history: AssetHistoryEntry[] };

export interface RecordHead {
  project: Project;
  exported_at: string;
  exported_by: string;
}

/** The record as pages of items: each writer (JSON, HTML) turns a page into one chunk of the reply. */
export interface RecordPages {
  head: RecordHead;
  tasks(): AsyncGenerator<ExportedTask[]>;
  decisions(): AsyncGenerator<ExportedDecision[]>;
  assets(): AsyncGenerator<ExportedAsset[]>;
  rollouts(): AsyncGenerator<Rollout[]>;
}

/**
 * A project's whole record for a non-guest member of its home channel. Access is decided before
 * anything is read; then each section is read in keyset pages as the reply asks for more, so a
 * 50,000-task project is never held in memory and a client that goes away stops the reading.
 */
export class ExportService {
  constructor(
    private readonly db: Db,
    private readonly access: Access,
    private readonly projects: ProjectService,
    private readonly assets: AssetService,
    private readonly rollouts: RolloutService,
  ) {}

  async open(caller: Caller, projectId: string): Promise<RecordPages> {
    const { project, facts } = await this.projects.visible(caller, projectId);
    this.access.require('project.export', { ...facts, target: project.channel_id });
    const head = { project: await this.projects.get(caller, projectId), exported_at: nowIso(), exported_by: caller.id };
    const { db, access } = this;
    const assets = this.assets;
    const rollouts = this.rollouts;
    return {
      head,
      async *tasks() {
        let after: string | null = null;
        for (;;) {
          const page = await projectTasksAfter(db, projectId, after, EXPORT_PAGE);
          if (!page.length) return;
          const history = await taskHistories(
            db,
            page.map((t) => t.id),
          );
          yield page.map((t) => ({ ...t, history: history.get(t.id) ?? [] }));
          if (page.length < EXPORT_PAGE) return;
          after = page[page.length - 1]!.id;
        }
      },
      async *decisions() {
        let after: string | null = null;
        for (;;) {
          const page = await projectDecisionsAfter(db, projectId, after, EXPORT_PAGE);
          if (!page.length) return;
          // A decision may come from a channel outside the project: ask about every channel of the page at once.
          const seen = await access.facts(caller, new Set(page.flatMap(channelsOf)));
          const history = await decisionHistories(
            db,
            page.map((d) => d.id),
          );
          yield page.map((d) => {
            const scope = historyScope(d, seen);
            const shown = new Set(scope.channels);
            // The same cut the decision's own history page makes.
            const entries = (history.get(d.id) ?? []).filter(
              (e) => (e.channel_id === null || shown.has(e.channel_id)) && (scope.quotes || e.field !== 'quote_post_ids'),
            );
            return { ...presentDecision(d, seen), history: historyFor(scope, entries) };
          });
          if (page.length < EXPORT_PAGE) return;
          after = page[page.length - 1]!.id;
        }
      },
      async *assets() {
        // A project has few assets; each is read as its own API answer, its history paged through.
        const ids = [...new Set((await assetIdsInProject(db, projectId)).map((a) => a.id))].sort();
        for (const id of ids) {
          const asset = await assets.get(caller, id);
          const history: AssetHistoryEntry[] = [];
          for (let cursor: string | undefined; ;) {
            const page = await assets.history(caller, id, { cursor, limit: 100 });
            history.push(...page.items);
            if (!page.next_cursor) break;
            cursor = page.next_cursor;
          }
          yield [{ ...asset, history: history.reverse() }];
        }
      },
      async *rollouts() {
        for (const id of await rolloutIdsOfProject(db, projectId)) yield [await rollouts.get(caller, id)];
      },
    };
  }
}
