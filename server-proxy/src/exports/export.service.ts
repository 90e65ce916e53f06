import {
  type Asset,
  type AssetDownload,
  type AssetHistoryEntry,
  type AssetVersion,
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
import { listDownloads } from '../assets/recall.repository.js';
import type { Db } from '../db/database.js';
import { channelsOf, historyFor, historyScope, present as presentDecision } from '../decisions/decision.view.js';
import type { Caller } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import type { BotClient } from '../mattermost/bot.js';
import type { ProjectService } from '../projects/project.service.js';
import type { RolloutService } from '../rollouts/rollout.service.js';
import { decisionHistories, projectDecisionsAfter, projectTasksAfter, rolloutIdsOfProject, taskHistories } from './export.repository.js';
import { nowIso } from '../util/ids.js';
import { RecordNames } from './export.names.js';

/** Rows read per query: a page is the most of the project the service holds at once. */
export const EXPORT_PAGE = 500;

export type ExportedTask = Task & { history: HistoryEntry[] };
export type ExportedDecision = Decision & { history: DecisionHistoryEntry[] };
export type ExportedVersion = AssetVersion & { downloads: AssetDownload[] };
export type ExportedAsset = Omit<Asset, 'versions'> & { versions: ExportedVersion[]; history: AssetHistoryEntry[] };

export interface RecordHead {
  project: Project;
  exported_at: string;
  exported_by: string;
}

/**
 * The record as pages of items: each writer (JSON, HTML) turns a page into one chunk of the reply.
 * The names of whom and where a page mentions are known by the time it is handed out.
 */
export interface RecordPages {
  head: RecordHead;
  names: RecordNames;
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
    private readonly bot: BotClient | null,
  ) {}

  async open(caller: Caller, projectId: string): Promise<RecordPages> {
    const { project, facts } = await this.projects.visible(caller, projectId);
    this.access.require('project.export', { ...facts, target: project.channel_id });
    const head = { project: await this.projects.get(caller, projectId), exported_at: nowIso(), exported_by: caller.id };
    const names = new RecordNames(caller, this.access, this.bot);
    // Before the first byte, so that Mattermost being unreachable is still an ordinary error answer.
    await names.learn(head);
    /** Each page as it is handed out, its names learned first. */
    const named = async function* <T>(pages: AsyncGenerator<T[]>): AsyncGenerator<T[]> {
      for await (const page of pages) {
        await names.learn(page);
        yield page;
      }
    };
    return {
      head,
      names,
      tasks: () => named(this.taskPages(projectId)),
      decisions: () => named(this.decisionPages(caller, projectId)),
      assets: () => named(this.assetPages(caller, projectId)),
      rollouts: () => named(this.rolloutPages(caller, projectId)),
    };
  }

  private async *taskPages(projectId: string): AsyncGenerator<ExportedTask[]> {
    let after: string | null = null;
    for (;;) {
      const page = await projectTasksAfter(this.db, projectId, after, EXPORT_PAGE);
      if (!page.length) return;
      const history = await taskHistories(
        this.db,
        page.map((t) => t.id),
      );
      yield page.map((t) => ({ ...t, history: history.get(t.id) ?? [] }));
      if (page.length < EXPORT_PAGE) return;
      after = page[page.length - 1]!.id;
    }
  }

  private async *decisionPages(caller: Caller, projectId: string): AsyncGenerator<ExportedDecision[]> {
    let after: string | null = null;
    for (;;) {
      const page = await projectDecisionsAfter(this.db, projectId, after, EXPORT_PAGE);
      if (!page.length) return;
      // A decision may come from a channel outside the project: ask about every channel of the page at once.
      const seen = await this.access.facts(caller, new Set(page.flatMap(channelsOf)));
      const history = await decisionHistories(
        this.db,
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
  }

  private async *assetPages(caller: Caller, projectId: string): AsyncGenerator<ExportedAsset[]> {
    // A project has few assets; each is read as its own API answer, its history and downloads paged through.
    const ids = [...new Set((await assetIdsInProject(this.db, projectId)).map((a) => a.id))].sort();
    for (const id of ids) {
      // An asset shared only with channels the exporter is not in is not theirs to read: the record leaves it out, as their list does.
      const asset = await this.assets.get(caller, id).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'not_found') return null;
        throw err;
      });
      if (!asset) continue;
      const history: AssetHistoryEntry[] = [];
      for (let cursor: string | undefined; ;) {
        const page = await this.assets.history(caller, id, { cursor, limit: 100 });
        history.push(...page.items);
        if (!page.next_cursor) break;
        cursor = page.next_cursor;
      }
      const downloads = await this.downloadsByVersion(id);
      const versions = asset.versions.map((v) => ({ ...v, downloads: downloads.get(v.id) ?? [] }));
      yield [{ ...asset, versions, history: history.reverse() }];
    }
  }

  /**
   * Every download of an asset's versions, oldest first, by version. The exporter's right (a
   * non-guest of the home channel) covers the whole record, downloads included.
   */
  private async downloadsByVersion(assetId: string): Promise<Map<string, AssetDownload[]>> {
    const out = new Map<string, AssetDownload[]>();
    for (let before: string | undefined; ;) {
      const page = await listDownloads(this.db, assetId, { before, limit: EXPORT_PAGE });
      for (const d of page) {
        const list = out.get(d.version_id);
        if (list) list.push(d);
        else out.set(d.version_id, [d]);
      }
      if (page.length < EXPORT_PAGE) {
        for (const list of out.values()) list.reverse();
        return out;
      }
      before = page[page.length - 1]!.id;
    }
  }

  private async *rolloutPages(caller: Caller, projectId: string): AsyncGenerator<Rollout[]> {
    for (const id of await rolloutIdsOfProject(this.db, projectId)) yield [await this.rollouts.get(caller, id)];
  }
}
