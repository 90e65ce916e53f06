import type { Transaction } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { receiptsOf } from '../receipts/receipt.repository.js';
import type { Window } from './digest.repository.js';

type Executor = Db | Transaction<Database>;

/** The records a digest is compiled from: each section one query over the whole project. */

export interface TaskFact {
  id: string;
  title: string;
  channel_id: string;
  assignee_id: string | null;
  source_post_id: string | null;
  permalink: string | null;
  status: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  due_at: string | null;
  /** When the status change the section speaks of happened. */
  at: string | null;
}

const taskColumns = [
  'tasks.id',
  'tasks.title',
  'tasks.channel_id',
  'tasks.assignee_id',
  'tasks.source_post_id',
  'tasks.permalink',
  'tasks.status',
  'tasks.created_by',
  'tasks.created_at',
  'tasks.updated_at',
  'tasks.due_at',
] as const;

function projectTasks(db: Executor, projectId: string) {
  return db.selectFrom('tasks').where('tasks.project_id', '=', projectId).where('tasks.deleted_at', 'is', null);
}

const OPEN = ['todo', 'in_progress', 'review'] as const;

export async function newTasks(db: Executor, projectId: string, w: Window): Promise<TaskFact[]> {
  const rows = await projectTasks(db, projectId)
    .select(taskColumns)
    .select('tasks.created_at as at')
    .where('tasks.created_at', '>=', w.start)
    .where('tasks.created_at', '<', w.end)
    .execute();
  return rows;
}

/** Tasks whose status was set to `to` within the window (and, for done, still is): with the last such change. */
export async function tasksMovedTo(db: Executor, projectId: string, w: Window, to: 'done' | 'in_progress'): Promise<TaskFact[]> {
  let q = projectTasks(db, projectId)
    .innerJoin('task_history as h', 'h.task_id', 'tasks.id')
    .select(taskColumns)
    .select((eb) => eb.fn.max('h.at').as('at'))
    .where('h.field', '=', 'status')
    .where('h.to_value', '=', to)
    .where('h.at', '>=', w.start)
    .where('h.at', '<', w.end);
  if (to === 'done') q = q.where('tasks.status', '=', 'done');
  return q.groupBy(taskColumns).execute();
}

export async function overdueTasks(db: Executor, projectId: string, w: Window): Promise<TaskFact[]> {
  return projectTasks(db, projectId)
    .select(taskColumns)
    .select('tasks.due_at as at')
    .where('tasks.status', 'in', OPEN)
    .where('tasks.due_at', 'is not', null)
    .where('tasks.due_at', '<', w.end)
    .execute();
}

export async function stalledTasks(db: Executor, projectId: string, before: string): Promise<TaskFact[]> {
  return projectTasks(db, projectId)
    .select(taskColumns)
    .select('tasks.updated_at as at')
    .where('tasks.status', 'in', OPEN)
    .where('tasks.updated_at', '<', before)
    .execute();
}

export interface VersionFact {
  id: string;
  asset_id: string;
  asset_name: string;
  number: number;
  file_name: string;
  state: string;
  source_post_id: string | null;
  added_by: string;
  added_at: string;
  decided_by: string | null;
  decided_at: string | null;
  /** The channels its asset is shared with. */
  channel_ids: string[];
  receipts: Array<{ channel_id: string; confirmed_at: string | null }>;
}

/** Versions waiting for approval at the window's end, and those approved within it (with their receipts). */
export async function versionFacts(db: Executor, projectId: string, w: Window): Promise<VersionFact[]> {
  const rows = await db
    .selectFrom('asset_versions as v')
    .innerJoin('assets as a', 'a.id', 'v.asset_id')
    .select([
      'v.id',
      'v.asset_id',
      'a.name as asset_name',
      'v.number',
      'v.file_name',
      'v.state',
      'v.source_post_id',
      'v.added_by',
      'v.added_at',
      'v.decided_by',
      'v.decided_at',
    ])
    .where('a.project_id', '=', projectId)
    .where((eb) =>
      eb.or([
        eb.and([eb('v.state', '=', 'proposed'), eb('v.added_at', '<', w.end)]),
        eb.and([eb('v.state', 'in', ['approved', 'superseded']), eb('v.decided_at', '>=', w.start), eb('v.decided_at', '<', w.end)]),
      ]),
    )
    .execute();
  if (!rows.length) return [];
  const assetIds = [...new Set(rows.map((r) => r.asset_id))];
  const shared = await db.selectFrom('asset_channels').select(['asset_id', 'channel_id']).where('asset_id', 'in', assetIds).execute();
  const byAsset = new Map<string, string[]>();
  for (const s of shared) byAsset.set(s.asset_id, [...(byAsset.get(s.asset_id) ?? []), s.channel_id]);
  const receipts = await receiptsOf(
    db,
    'asset_version',
    rows.filter((r) => r.state !== 'proposed').map((r) => r.id),
  );
  return rows.map((r) => ({
    ...r,
    number: Number(r.number),
    channel_ids: byAsset.get(r.asset_id) ?? [],
    receipts: (receipts.get(r.id) ?? []).map((x) => ({ channel_id: x.channel_id, confirmed_at: x.confirmed_at })),
  }));
}

export interface DecisionFact {
  id: string;
  statement: string;
  status: string;
  source_channel_id: string;
  source_post_id: string | null;
  permalink: string | null;
  recorded_by: string;
  decided_by: string | null;
  created_at: string;
  decided_at: string | null;
  /** Superseded or revoked within the window: when, and by whom. */
  closed: { action: 'superseded' | 'revoked'; at: string; by: string } | null;
  channel_ids: string[];
}

/** Decisions waiting at the window's end, or recorded, decided, superseded or revoked within it. */
export async function decisionFacts(db: Executor, projectId: string, w: Window): Promise<DecisionFact[]> {
  const closedRows = await db
    .selectFrom('decision_history as h')
    .innerJoin('decisions as d', 'd.id', 'h.decision_id')
    .select(['h.decision_id', 'h.action', 'h.at', 'h.actor_id'])
    .where('d.project_id', '=', projectId)
    .where('h.action', 'in', ['superseded', 'revoked'])
    .where('h.at', '>=', w.start)
    .where('h.at', '<', w.end)
    .execute();
  const closed = new Map(
    closedRows.map((r) => [r.decision_id, { action: r.action as 'superseded' | 'revoked', at: r.at, by: r.actor_id }]),
  );
  const rows = await db
    .selectFrom('decisions')
    .select([
      'id',
      'statement',
      'status',
      'source_channel_id',
      'source_post_id',
      'permalink',
      'recorded_by',
      'decided_by',
      'created_at',
      'decided_at',
    ])
    .where('project_id', '=', projectId)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'proposed'), eb('created_at', '<', w.end)]),
        eb.and([eb('created_at', '>=', w.start), eb('created_at', '<', w.end)]),
        eb.and([eb('decided_at', '>=', w.start), eb('decided_at', '<', w.end)]),
        ...(closed.size ? [eb('id', 'in', [...closed.keys()])] : []),
      ]),
    )
    .execute();
  if (!rows.length) return [];
  const applied = await db
    .selectFrom('decision_channels')
    .select(['decision_id', 'channel_id'])
    .where(
      'decision_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const byDecision = new Map<string, string[]>();
  for (const a of applied) byDecision.set(a.decision_id, [...(byDecision.get(a.decision_id) ?? []), a.channel_id]);
  return rows.map((r) => ({ ...r, closed: closed.get(r.id) ?? null, channel_ids: byDecision.get(r.id) ?? [] }));
}

export interface RolloutFact {
  id: string;
  task_id: string;
  title: string;
  channel_id: string;
  source_post_id: string | null;
  permalink: string | null;
  created_by: string;
  created_at: string;
  rows: Array<{ channel_id: string; task_id: string; title: string; status: string }>;
}

/** Rollouts still running at the window's end, or whose parent task closed within it: each channel's child and its status. */
export async function rolloutFacts(db: Executor, projectId: string, w: Window): Promise<RolloutFact[]> {
  const rollouts = await db
    .selectFrom('rollouts as r')
    .innerJoin('tasks as t', 't.id', 'r.task_id')
    .select(['r.id', 'r.task_id', 't.title', 't.channel_id', 't.source_post_id', 't.permalink', 'r.created_by', 'r.created_at'])
    .where('r.project_id', '=', projectId)
    .where('r.created_at', '<', w.end)
    .where('t.deleted_at', 'is', null)
    .where((eb) => eb.or([eb('t.status', 'in', OPEN), eb('t.updated_at', '>=', w.start)]))
    .execute();
  if (!rollouts.length) return [];
  const rows = await db
    .selectFrom('rollout_channels as rc')
    .innerJoin('tasks as c', 'c.id', 'rc.task_id')
    .select(['rc.rollout_id', 'rc.channel_id', 'rc.task_id', 'c.title', 'c.status'])
    .where(
      'rc.rollout_id',
      'in',
      rollouts.map((r) => r.id),
    )
    .where('c.deleted_at', 'is', null)
    .execute();
  const byRollout = new Map<string, RolloutFact['rows']>();
  for (const r of rows)
    byRollout.set(r.rollout_id, [
      ...(byRollout.get(r.rollout_id) ?? []),
      { channel_id: r.channel_id, task_id: r.task_id, title: r.title, status: r.status },
    ]);
  return rollouts.map((r) => ({ ...r, rows: byRollout.get(r.id) ?? [] }));
}
