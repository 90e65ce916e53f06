import type { Kysely } from 'kysely';

// The project overview reads every stay of a task in a status from the history, task by task in
// time order (a window over each task's entries), and counts a project's tasks by channel and
// status: both straight from an index. (Its due-date pages use the calendar feeds' tasks_project_due_idx.)
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('task_history_task_at_idx')
    .on('task_history')
    .columns(['task_id', 'at', 'id', 'field', 'action', 'to_value'])
    .execute();
  await db.schema
    .createIndex('tasks_project_channel_status_idx')
    .on('tasks')
    .columns(['project_id', 'channel_id', 'status', 'due_at', 'deleted_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tasks_project_channel_status_idx').execute();
  await db.schema.dropIndex('task_history_task_at_idx').execute();
}
