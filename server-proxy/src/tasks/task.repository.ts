import { sql, type Transaction } from 'kysely';
import type { Db, Engine } from '../db/database.js';
import { distinctValues } from '../db/distinct.js';
import { confinedTo, newestWithin } from '../db/newest.js';
import type { Database, TasksTable } from '../db/schema.js';
import { newId } from '../util/ids.js';
import type { EditableField, HistoryEntry, Task, TaskChanges, TaskFilter } from './task.types.js';
import { OPEN_STATUSES } from './task.types.js';

type Executor = Db | Transaction<Database>;

/** Every column a Task is made of (not search_text or deleted_at, which never leave the repository). */
export const TASK_COLUMNS = [
  'id',
  'title',
  'description',
  'status',
  'assignee_id',
  'due_at',
  'channel_id',
  'project_id',
  'source_post_id',
  'permalink',
  'files',
  'parent_id',
  'rollout_id',
  'created_by',
  'created_at',
  'updated_at',
  'version',
] as const;

type TaskRow = Pick<TasksTable, (typeof TASK_COLUMNS)[number]>;

export function toTask(r: TaskRow): Task {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    status: r.status,
    assignee_id: r.assignee_id,
    due_at: r.due_at,
    channel_id: r.channel_id,
    project_id: r.project_id,
    source_post_id: r.source_post_id,
    permalink: r.permalink,
    files: JSON.parse(r.files),
    parent_id: r.parent_id,
    rollout_id: r.rollout_id,
    created_by: r.created_by,
    created_at: r.created_at,
    updated_at: r.updated_at,
    version: Number(r.version),
  };
}

export const searchText = (title: string, description: string): string => `${title}\n${description}`.toLocaleLowerCase();

/** LIKE wildcards in user text are literal. */
const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => '\\' + c);

export async function findTask(db: Executor, id: string): Promise<Task | null> {
  const row = await db.selectFrom('tasks').select(TASK_COLUMNS).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  return row ? toTask(row) : null;
}

export async function insertTask(trx: Executor, t: Task, threadRootId: string | null = null): Promise<void> {
  await taskInsert(trx, t, threadRootId).execute();
}

/** The insert of a new task, to run now or with a unit's last statement (Work.later). */
export function taskInsert(trx: Executor, t: Task, threadRootId: string | null = null) {
  return trx.insertInto('tasks').values({
    ...t,
    files: JSON.stringify(t.files),
    search_text: searchText(t.title, t.description),
    deleted_at: null,
    reminder_sent_at: null,
    thread_root_id: threadRootId,
  });
}

export async function threadRootOf(db: Executor, id: string): Promise<string | null> {
  const row = await db.selectFrom('tasks').select('thread_root_id').where('id', '=', id).executeTakeFirst();
  return row?.thread_root_id ?? null;
}

/** Applies changes only if the task is still at `version`; returns false when someone else got there first. */
export async function updateTask(
  trx: Executor,
  id: string,
  version: number,
  changes: TaskChanges,
  at: string,
  title: string,
  description: string,
): Promise<boolean> {
  const res = await trx
    .updateTable('tasks')
    // A new due date deserves a new reminder.
    .set({
      ...changes,
      search_text: searchText(title, description),
      updated_at: at,
      version: version + 1,
      ...('due_at' in changes ? { reminder_sent_at: null } : {}),
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function softDeleteTask(trx: Executor, id: string, version: number, at: string): Promise<boolean> {
  const res = await trx
    .updateTable('tasks')
    .set({ deleted_at: at, updated_at: at, version: version + 1 })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function listTasks(db: Executor, engine: Engine, f: TaskFilter): Promise<Task[]> {
  if (!f.channelIds.length) return [];
  // Walked newest first along the project's (or the one channel's) own index, unless someone's tasks are asked for: theirs finds those.
  const within = f.assigneeId ? null : confinedTo(f);
  let q = db.selectFrom('tasks').select(TASK_COLUMNS).where('deleted_at', 'is', null);
  if (within?.column !== 'channel_id') q = q.where('channel_id', 'in', f.channelIds);
  if (f.projectId && !within) q = q.where('project_id', '=', f.projectId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.assigneeId) q = q.where('assignee_id', '=', f.assigneeId);
  if (f.overdueAt) q = q.where('due_at', '<', f.overdueAt).where('status', 'in', ['todo', 'in_progress', 'review']);
  if (f.q) q = q.where(sql<boolean>`search_text like ${`%${likeEscape(f.q.toLocaleLowerCase())}%`} escape '\\'`);
  if (within) q = q.where(newestWithin(engine, within.column, within.value, f.before)).orderBy(within.column, 'desc');
  else if (f.before) q = q.where('id', '<', f.before);
  const rows = await q.orderBy('id', 'desc').limit(f.limit).execute();
  return rows.map(toTask);
}

/** Channels that hold live tasks matching the cheap filters, the candidates for the membership check; unfiltered, one index step per channel (a deleted task's channel too: it costs only a question). */
export async function channelsWithTasks(db: Executor, f: { projectId?: string; assigneeId?: string }): Promise<string[]> {
  if (!f.projectId && !f.assigneeId) return distinctValues(db, 'tasks', 'channel_id');
  let q = db.selectFrom('tasks').select('channel_id').distinct().where('deleted_at', 'is', null);
  if (f.projectId) q = q.where('project_id', '=', f.projectId);
  if (f.assigneeId) q = q.where('assignee_id', '=', f.assigneeId);
  return (await q.execute()).map((r) => r.channel_id);
}

type HistoryWrite = {
  taskId: string;
  actorId: string;
  action: HistoryEntry['action'];
  at: string;
  changes?: Array<{ field: EditableField; from: string | null; to: string | null }>;
};

export const insertHistory = async (trx: Executor, e: HistoryWrite): Promise<void> => void (await historyInsert(trx, e).execute());

/** The insert of a history entry (one row per changed field), to run now or with a unit's last statement (Work.later). */
export function historyInsert(trx: Executor, e: HistoryWrite) {
  const rows = (e.changes?.length ? e.changes : [null]).map((c) => ({
    id: newId(),
    task_id: e.taskId,
    actor_id: e.actorId,
    action: e.action,
    field: c?.field ?? null,
    from_value: c?.from ?? null,
    to_value: c?.to ?? null,
    at: e.at,
  }));
  return trx.insertInto('task_history').values(rows);
}

/** A task's history, newest first: `limit` entries older than `before` (an entry id), or the newest. */
export async function listHistory(db: Executor, taskId: string, page: { before?: string; limit: number }): Promise<HistoryEntry[]> {
  let q = db.selectFrom('task_history').selectAll().where('task_id', '=', taskId);
  if (page.before) q = q.where('id', '<', page.before);
  const rows = await q.orderBy('id', 'desc').limit(page.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    task_id: r.task_id,
    actor_id: r.actor_id,
    action: r.action,
    field: r.field,
    from: r.from_value,
    to: r.to_value,
    at: r.at,
  }));
}

export async function findIdempotencyKey(
  db: Executor,
  userId: string,
  key: string,
): Promise<{ request_hash: string; task_id: string } | null> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'task_id'])
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row ?? null;
}

/** The insert of the idempotency key a task was made with, to run now or with a unit's last statement (Work.later). */
export function idempotencyKeyInsert(trx: Executor, k: { userId: string; key: string; hash: string; taskId: string; at: string }) {
  return trx
    .insertInto('idempotency_keys')
    .values({ user_id: k.userId, key: k.key, request_hash: k.hash, task_id: k.taskId, created_at: k.at });
}

/** A task found through its idempotency key, deleted or not: a retry must see the first answer. */
export async function findTaskIncludingDeleted(db: Executor, id: string): Promise<Task | null> {
  const row = await db.selectFrom('tasks').select(TASK_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toTask(row) : null;
}

/** Live tasks whose id ends with `ref` (the short reference shown to slash-command users). */
export async function findTasksByRef(db: Executor, ref: string): Promise<Task[]> {
  const rows = await db
    .selectFrom('tasks')
    .select(TASK_COLUMNS)
    .where('deleted_at', 'is', null)
    // ref is checked to be hex (and '-') by the caller, so it carries no LIKE wildcards.
    .where('id', 'like', `%${ref}`)
    .limit(20)
    .execute();
  return rows.map(toTask);
}

/** Open, assigned tasks due in (after, until] that have had no reminder since their due date was set. */
export async function tasksDueForReminder(db: Executor, after: string, until: string, limit: number): Promise<Task[]> {
  const rows = await db
    .selectFrom('tasks')
    .select(TASK_COLUMNS)
    .where('deleted_at', 'is', null)
    .where('reminder_sent_at', 'is', null)
    .where('assignee_id', 'is not', null)
    .where('status', 'in', OPEN_STATUSES)
    .where('due_at', '<=', until)
    .where('due_at', '>', after)
    .limit(limit)
    .execute();
  return rows.map(toTask);
}

/** Marks a task reminded; false when another pass (or replica) got there first. */
export async function claimReminder(trx: Executor, id: string, at: string): Promise<boolean> {
  const res = await trx
    .updateTable('tasks')
    .set({ reminder_sent_at: at })
    .where('id', '=', id)
    .where('reminder_sent_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Rows per INSERT when many tasks are written at once (a rollout): well under SQLite's bound-parameter limit. */
const INSERT_CHUNK = 100;

/** Many new tasks (a rollout's children), each with its `created` history entry, in a few statements. */
export async function insertTasks(trx: Executor, tasks: readonly Task[], actorId: string): Promise<void> {
  for (let i = 0; i < tasks.length; i += INSERT_CHUNK) {
    const slice = tasks.slice(i, i + INSERT_CHUNK);
    await trx
      .insertInto('tasks')
      .values(
        slice.map((t) => ({
          ...t,
          files: JSON.stringify(t.files),
          search_text: searchText(t.title, t.description),
          deleted_at: null,
          reminder_sent_at: null,
          thread_root_id: null,
        })),
      )
      .execute();
    await trx
      .insertInto('task_history')
      .values(
        slice.map((t) => ({
          id: newId(),
          task_id: t.id,
          actor_id: actorId,
          action: 'created' as const,
          field: null,
          from_value: null,
          to_value: null,
          at: t.created_at,
        })),
      )
      .execute();
  }
}

/** Live tasks by id, in no particular order. */
export async function findTasks(db: Executor, ids: readonly string[]): Promise<Task[]> {
  const out: Task[] = [];
  for (let i = 0; i < ids.length; i += INSERT_CHUNK * 5) {
    const rows = await db
      .selectFrom('tasks')
      .select(TASK_COLUMNS)
      .where('id', 'in', ids.slice(i, i + INSERT_CHUNK * 5))
      .where('deleted_at', 'is', null)
      .execute();
    out.push(...rows.map(toTask));
  }
  return out;
}

/** Links a task to the rollout it is the parent of (its answer changes, so its version moves on). */
export async function setRolloutOf(trx: Executor, id: string, rolloutId: string, at: string): Promise<void> {
  await trx
    .updateTable('tasks')
    .set((eb) => ({ rollout_id: rolloutId, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}
/** Done, live children of the rollouts bound to an asset. */
export async function doneChildrenOfAsset(trx: Executor, assetId: string): Promise<Task[]> {
  const rows = await trx
    .selectFrom('tasks')
    .select(TASK_COLUMNS.map((c) => `tasks.${c}` as const))
    .innerJoin('rollouts', 'rollouts.id', 'tasks.rollout_id')
    .where('rollouts.asset_id', '=', assetId)
    .where('tasks.parent_id', 'is not', null)
    .where('tasks.status', '=', 'done')
    .where('tasks.deleted_at', 'is', null)
    .execute();
  return rows.map(toTask);
}

/** Moves a task from done to in progress, whatever its version: an approval reopens it. */
export async function reopenTask(trx: Executor, id: string, at: string): Promise<boolean> {
  const res = await trx
    .updateTable('tasks')
    .set((eb) => ({ status: 'in_progress' as const, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'done')
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
