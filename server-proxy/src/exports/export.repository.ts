import type { Transaction } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import * as decisions from '../decisions/decision.repository.js';
import type { DecisionHistoryEntry, StoredDecision } from '../decisions/decision.types.js';
import * as tasks from '../tasks/task.repository.js';
import type { HistoryEntry, Task } from '../tasks/task.types.js';

type Executor = Db | Transaction<Database>;

/** The reads of an export: keyset pages in id order, and what hangs off a whole page in one query. */

/** A project's tasks (not deleted) after `after` by id: the keyset pages of an export. */
export async function projectTasksAfter(db: Executor, projectId: string, after: string | null, limit: number): Promise<Task[]> {
  let q = db.selectFrom('tasks').select(tasks.TASK_COLUMNS).where('project_id', '=', projectId).where('deleted_at', 'is', null);
  if (after) q = q.where('id', '>', after);
  return (await q.orderBy('id').limit(limit).execute()).map(tasks.toTask);
}

/** The history of several tasks in one query, by task, oldest first. */
export async function taskHistories(db: Executor, taskIds: readonly string[]): Promise<Map<string, HistoryEntry[]>> {
  const out = new Map<string, HistoryEntry[]>(taskIds.map((id) => [id, []]));
  if (!taskIds.length) return out;
  const rows = await db.selectFrom('task_history').selectAll().where('task_id', 'in', taskIds).orderBy('task_id').orderBy('id').execute();
  for (const r of rows)
    out.get(r.task_id)?.push({
      id: r.id,
      task_id: r.task_id,
      actor_id: r.actor_id,
      action: r.action,
      field: r.field,
      from: r.from_value,
      to: r.to_value,
      at: r.at,
    });
  return out;
}

/** A project's decisions after `after` by id, whatever their channels: the keyset pages of an export. */
export async function projectDecisionsAfter(
  db: Executor,
  projectId: string,
  after: string | null,
  limit: number,
): Promise<StoredDecision[]> {
  let q = db.selectFrom('decisions').select(decisions.COLUMNS).where('project_id', '=', projectId);
  if (after) q = q.where('id', '>', after);
  return decisions.assemble(db, await q.orderBy('id').limit(limit).execute());
}

/** The whole history of several decisions in one query, by decision, oldest first; the caller narrows it (historyFor). */
export async function decisionHistories(db: Executor, ids: readonly string[]): Promise<Map<string, DecisionHistoryEntry[]>> {
  const out = new Map<string, DecisionHistoryEntry[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('decision_history')
    .selectAll()
    .where('decision_id', 'in', ids)
    .orderBy('decision_id')
    .orderBy('id')
    .execute();
  for (const r of rows)
    out.get(r.decision_id)?.push({
      id: r.id,
      decision_id: r.decision_id,
      actor_id: r.actor_id,
      action: r.action,
      field: r.field,
      from: r.from_value,
      to: r.to_value,
      channel_id: r.channel_id,
      at: r.at,
    });
  return out;
}

/** A project's rollouts, oldest first. */
export async function rolloutIdsOfProject(db: Executor, projectId: string): Promise<string[]> {
  const rows = await db.selectFrom('rollouts').select('id').where('project_id', '=', projectId).orderBy('id').execute();
  return rows.map((r) => r.id);
}
