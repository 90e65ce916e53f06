import type { Transaction } from 'kysely';
import type { Task, TaskStatus } from '@throughline/contract';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { TASK_COLUMNS, toTask } from '../tasks/task.repository.js';
import { unconfirmedDecisions, unconfirmedVersions } from './overview.repository.js';
import type { Scope } from './flow.repository.js';

type Executor = Db | Transaction<Database>;

const OPEN = ['todo', 'in_progress', 'review'] as const;

export interface Page {
  after?: string;
  limit: number;
}

export type TaskCell = { kind: 'status'; status: TaskStatus } | { kind: 'overdue'; at: string } | { kind: 'rollout'; status?: TaskStatus };

/** One page (by id) of a channel's tasks behind a task cell of the matrix. */
export async function cellTasks(db: Executor, s: Scope, channelId: string, cell: TaskCell, page: Page): Promise<Task[]> {
  let q = db
    .selectFrom('tasks')
    .select(TASK_COLUMNS.map((c) => `tasks.${c}` as const))
    .where('tasks.project_id', '=', s.projectId)
    .where('tasks.channel_id', '=', channelId)
    .where('tasks.deleted_at', 'is', null);
  if (cell.kind === 'status') q = q.where('tasks.status', '=', cell.status);
  if (cell.kind === 'overdue') q = q.where('tasks.status', 'in', OPEN).where('tasks.due_at', '<', cell.at);
  if (cell.kind === 'rollout') {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('rollout_channels as rc')
          .innerJoin('rollouts as r', 'r.id', 'rc.rollout_id')
          .select('rc.task_id')
          .whereRef('rc.task_id', '=', 'tasks.id')
          .where('r.project_id', '=', s.projectId),
      ),
    );
    q = cell.status ? q.where('tasks.status', '=', cell.status) : q.where('tasks.status', '!=', 'cancelled');
  }
  if (page.after) q = q.where('tasks.id', '>', page.after);
  const rows = await q.orderBy('tasks.id').limit(page.limit).execute();
  return rows.map(toTask);
}

/** One page (by version id) of the approved versions a channel has not confirmed. */
export async function cellVersions(db: Executor, s: Scope, channelId: string, page: Page) {
  let q = unconfirmedVersions(db, { ...s, channelIds: [channelId] }).select(['a.id as asset_id', 'v.id as version_id']);
  if (page.after) q = q.where('v.id', '>', page.after);
  return q.orderBy('v.id').limit(page.limit).execute();
}

/** One page (by id) of the decided decisions a channel has not confirmed. */
export async function cellDecisionIds(db: Executor, s: Scope, channelId: string, page: Page): Promise<string[]> {
  let q = unconfirmedDecisions(db, { ...s, channelIds: [channelId] }).select('d.id');
  if (page.after) q = q.where('d.id', '>', page.after);
  return (await q.orderBy('d.id').limit(page.limit).execute()).map((r) => r.id);
}

export interface DueCursor {
  due_at: string;
  id: string;
}

export interface DueFilter {
  from: string;
  /** Exclusive: the day after the range. */
  until: string;
  channelId?: string;
  assigneeId?: string;
  open?: boolean;
}

function dueTasks(db: Executor, s: Scope, f: DueFilter) {
  let q = db
    .selectFrom('tasks')
    .where('tasks.project_id', '=', s.projectId)
    .where('tasks.deleted_at', 'is', null)
    .where('tasks.channel_id', 'in', f.channelId ? [f.channelId] : s.channelIds)
    .where('tasks.due_at', '>=', f.from)
    .where('tasks.due_at', '<', f.until);
  if (f.assigneeId) q = q.where('tasks.assignee_id', '=', f.assigneeId);
  if (f.open) q = q.where('tasks.status', 'in', OPEN);
  return q;
}

/** How many tasks fall due on each day of the range, and how many of them are open. */
export async function dueDays(db: Executor, s: Scope, f: DueFilter) {
  const rows = await dueTasks(db, s, f)
    .select((eb) => [
      eb.fn<string>('substr', ['tasks.due_at', eb.val(1), eb.val(10)]).as('day'),
      eb.fn.countAll<number | string>().as('total'),
      eb.fn.sum<number | string>(eb.case().when('tasks.status', 'in', OPEN).then(1).else(0).end()).as('open'),
    ])
    .groupBy('day')
    .orderBy('day')
    .execute();
  return rows.map((r) => ({ day: r.day, total: Number(r.total), open: Number(r.open) }));
}

/** One page of the tasks due in the range, by due date then id. */
export async function dueItems(db: Executor, s: Scope, f: DueFilter, after: DueCursor | null, limit: number): Promise<Task[]> {
  let q = dueTasks(db, s, f).select(TASK_COLUMNS.map((c) => `tasks.${c}` as const));
  if (after)
    q = q.where((eb) =>
      eb.or([eb('tasks.due_at', '>', after.due_at), eb.and([eb('tasks.due_at', '=', after.due_at), eb('tasks.id', '>', after.id)])]),
    );
  const rows = await q.orderBy('tasks.due_at').orderBy('tasks.id').limit(limit).execute();
  return rows.map(toTask);
}
