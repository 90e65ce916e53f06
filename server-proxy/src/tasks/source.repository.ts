import type { Db } from '../db/database.js';
import { TASK_COLUMNS, toTask } from './task.repository.js';
import type { Task } from './task.types.js';

/** Live tasks made from any of these messages (the index on source_post_id finds them). */
export async function findTasksBySource(db: Db, postIds: readonly string[]): Promise<Task[]> {
  if (!postIds.length) return [];
  const rows = await db
    .selectFrom('tasks')
    .select(TASK_COLUMNS)
    .where('source_post_id', 'in', postIds)
    .where('deleted_at', 'is', null)
    .orderBy('id', 'asc')
    .execute();
  return rows.map(toTask);
}
