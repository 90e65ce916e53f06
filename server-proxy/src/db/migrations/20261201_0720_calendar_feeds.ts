import type { Kysely } from 'kysely';

/**
 * Calendar feeds: each row is one secret feed address a person made. Only the SHA-256 of its
 * token is kept (`token_hash`, unique: a fetch finds its feed by it); revoking deletes the row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calendar_feeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.references('projects.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_fetched_at', 'text')
    .execute();
  await db.schema.createIndex('calendar_feeds_user_idx').on('calendar_feeds').columns(['user_id', 'id']).execute();
  // A feed reads due dates by assignee (a person's) or by project, in due order.
  await db.schema.createIndex('tasks_assignee_due_idx').on('tasks').columns(['assignee_id', 'due_at']).execute();
  await db.schema.createIndex('tasks_project_due_idx').on('tasks').columns(['project_id', 'due_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tasks_project_due_idx').execute();
  await db.schema.dropIndex('tasks_assignee_due_idx').execute();
  await db.schema.dropTable('calendar_feeds').execute();
}
