import {
  LIMITS,
  OVERVIEW_STALLS_MAX,
  OVERVIEW_WEEKS_DEFAULT,
  type Due,
  type DueQuery,
  type Overview,
  type OverviewCell,
  type OverviewCellQuery,
  type OverviewQuery,
  type OverviewRow,
  type Task,
} from '@throughline/contract';
import type { Access } from '../access/access.js';
import { visibleChannels, within, type Facts } from '../access/policy.js';
import { shelfItems } from '../assets/recall.js';
import type { Db } from '../db/database.js';
import * as decisions from '../decisions/decision.repository.js';
import { channelsOf, present } from '../decisions/decision.view.js';
import type { Caller } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import type { ProjectService } from '../projects/project.service.js';
import * as cells from './cell.repository.js';
import { flowDeltas, medians, type Scope } from './flow.repository.js';
import { disappearingOf, durationsOf, flowOf, overdueByChannel, stallsOf, zeroCounts } from './overview.assemble.js';
import { dayRange, daysBetween, decodeDueCursor, encodeDueCursor, instantOf, weeksBefore } from './overview.input.js';
import type { OverviewNames } from './overview.names.js';
import * as repo from './overview.repository.js';

interface Seen {
  project: { id: string; name: string; channel_id: string };
  facts: Facts;
  scope: Scope;
}

/**
 * A project at a glance, every figure one aggregate query over the channels the caller may know
 * of: staff see the whole campaign, a guest only their own channels (never other regions' counts).
 */
export class OverviewService {
  constructor(
    private readonly db: Db,
    private readonly access: Access,
    private readonly projects: ProjectService,
    private readonly names: OverviewNames,
  ) {}

  private async seen(caller: Caller, projectId: string): Promise<Seen> {
    const { project, facts } = await this.projects.visible(caller, projectId);
    const own = within(facts, project.channel_ids);
    this.access.require('project.overview', own);
    return { project, facts: own, scope: { projectId: project.id, channelIds: visibleChannels(own, project.channel_ids) } };
  }

  async overview(caller: Caller, projectId: string, query: OverviewQuery): Promise<Overview> {
    const { project, facts, scope } = await this.seen(caller, projectId);
    const at = instantOf(query.at);
    const weeks = query.weeks ?? OVERVIEW_WEEKS_DEFAULT;
    const window = { start: weeksBefore(at, weeks), end: at };
    const { db } = this;
    const [counts, rollouts, owedDecisions, byPerson, versions, proposals, gone, durations, deltas, channels] = await Promise.all([
      repo.statusCounts(db, scope, at),
      repo.rolloutProgress(db, scope),
      repo.owedDecisions(db, scope),
      repo.overdueByAssignee(db, scope, at),
      repo.proposedVersions(db, scope, OVERVIEW_STALLS_MAX),
      repo.proposedDecisions(db, scope, OVERVIEW_STALLS_MAX),
      repo.disappearing(db, scope),
      medians(db, scope, window),
      flowDeltas(db, scope, window),
      this.names.channels(scope.channelIds),
    ]);
    const display = new Map(channels.map((c) => [c.id, c.display_name]));
    const owedReceipts = new Map<string, number>();
    for (const g of gone) owedReceipts.set(g.channel_id, (owedReceipts.get(g.channel_id) ?? 0) + 1);
    const rows: OverviewRow[] = scope.channelIds.map((c) => ({
      channel_id: c,
      display_name: display.get(c) ?? null,
      is_home: c === project.channel_id,
      tasks: zeroCounts(),
      overdue: 0,
      rollout: { done: 0, total: 0 },
      receipts_owed: owedReceipts.get(c) ?? 0,
      decisions_unconfirmed: owedDecisions.get(c) ?? 0,
    }));
    const row = new Map(rows.map((r) => [r.channel_id, r]));
    for (const n of counts) {
      const r = row.get(n.channel_id);
      if (!r) continue;
      r.tasks[n.status] += n.n;
      r.overdue += n.overdue;
    }
    for (const p of rollouts) {
      const r = row.get(p.channel_id);
      if (r) r.rollout = { done: p.done, total: p.total };
    }
    const stalls = stallsOf(versions, proposals, {
      at,
      scope: new Set(scope.channelIds),
      member: new Set(facts.standings.keys()),
      max: OVERVIEW_STALLS_MAX,
    });
    const durationParts = durationsOf(durations, scope.channelIds);
    const users = await this.names.users([
      ...byPerson.map((p) => p.key),
      ...durationParts.by_assignee.map((a) => a.user_id),
      ...stalls.items.flatMap((s) => [s.proposed_by, s.waiting_for.user_id]),
    ]);
    return {
      project_id: project.id,
      project_name: project.name,
      at,
      weeks,
      window_start: window.start,
      rows,
      stalls,
      durations: durationParts,
      flow: flowOf(deltas, daysBetween(window.start, at)),
      disappearing: disappearingOf(gone),
      overdue: {
        by_person: byPerson.map((p) => ({ user_id: p.key, count: p.count, oldest_due_at: p.oldest_due_at })),
        by_channel: overdueByChannel(counts),
      },
      users,
      channels,
    };
  }

  async cell(caller: Caller, projectId: string, query: OverviewCellQuery): Promise<OverviewCell> {
    const { facts, scope } = await this.seen(caller, projectId);
    if (!scope.channelIds.includes(query.channel_id)) throw new AppError('not_found', 'Channel not found in this project');
    const { kind, status } = query;
    if (kind === 'status' && !status) throw new AppError('validation_failed', 'A status cell needs status');
    if (status && kind !== 'status' && kind !== 'rollout') throw new AppError('validation_failed', `A ${kind} cell takes no status`);
    const limit = query.limit ?? LIMITS.pageDefault;
    const page = { after: query.cursor, limit: limit + 1 };
    const answer: OverviewCell = {
      kind,
      channel_id: query.channel_id,
      tasks: [],
      receipts: [],
      decisions: [],
      next_cursor: null,
      users: [],
      channels: [],
    };
    let ids: string[];
    if (kind === 'receipts') {
      const found = await cells.cellVersions(this.db, scope, query.channel_id, page);
      answer.receipts = await shelfItems(this.db, query.channel_id, found.slice(0, limit));
      ids = found.map((r) => r.version_id);
    } else if (kind === 'decisions') {
      ids = await cells.cellDecisionIds(this.db, scope, query.channel_id, page);
      answer.decisions = await this.decisionsFor(caller, facts, ids.slice(0, limit));
    } else {
      const cell: cells.TaskCell =
        kind === 'status' ? { kind, status: status! } : kind === 'overdue' ? { kind, at: instantOf(query.at) } : { kind, status };
      answer.tasks = await cells.cellTasks(this.db, scope, query.channel_id, cell, page);
      ids = answer.tasks.map((t) => t.id);
      answer.tasks = answer.tasks.slice(0, limit);
    }
    answer.next_cursor = ids.length > limit ? ids[limit - 1]! : null;
    return { ...answer, ...(await this.directory(answer.tasks, [query.channel_id])) };
  }

  async due(caller: Caller, projectId: string, query: DueQuery): Promise<Due> {
    const { scope } = await this.seen(caller, projectId);
    const range = dayRange(query.from, query.to);
    const after = decodeDueCursor(query.cursor);
    if (query.channel_id && !scope.channelIds.includes(query.channel_id))
      throw new AppError('not_found', 'Channel not found in this project');
    const filter = { ...range, channelId: query.channel_id, assigneeId: query.assignee_id, open: query.open };
    const limit = query.limit ?? LIMITS.pageDefault;
    const [days, found] = await Promise.all([
      cells.dueDays(this.db, scope, filter),
      cells.dueItems(this.db, scope, filter, after, limit + 1),
    ]);
    const items = found.slice(0, limit);
    const last = items[items.length - 1];
    return {
      from: query.from,
      to: query.to,
      days,
      items,
      next_cursor: found.length > limit && last ? encodeDueCursor({ due_at: last.due_at!, id: last.id }) : null,
      ...(await this.directory(items, [...new Set(items.map((t) => t.channel_id))])),
    };
  }

  /** Decisions as `GET /decisions/:id` shows them to the caller, in the order of `ids`. */
  private async decisionsFor(caller: Caller, facts: Facts, ids: string[]) {
    if (!ids.length) return [];
    const rows = await this.db.selectFrom('decisions').select(decisions.COLUMNS).where('id', 'in', ids).orderBy('id').execute();
    const stored = await decisions.assemble(this.db, rows);
    const unasked = [...new Set(stored.flatMap(channelsOf))].filter((c) => !facts.standings.has(c));
    const extra = unasked.length ? await this.access.standings(caller, unasked) : new Map();
    const all: Facts = { ...facts, standings: new Map([...facts.standings, ...extra]) };
    return stored.map((d) => present(d, all));
  }

  private async directory(tasks: readonly Task[], channelIds: readonly string[]) {
    const [users, channels] = await Promise.all([
      this.names.users(tasks.flatMap((t) => [t.assignee_id, t.created_by])),
      this.names.channels(channelIds),
    ]);
    return { users, channels };
  }
}
