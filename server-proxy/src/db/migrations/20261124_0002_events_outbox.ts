import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // seq is assigned in code under a lock, so it grows in commit order on both engines.
  await db.schema
    .createTable('events')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('result_post_id', 'text')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['delivered_at', 'next_attempt_at']).execute();

  await db.schema
    .createTable('action_nonces')
    .addColumn('nonce', 'text', (c) => c.primaryKey())
    .addColumn('used_by', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('tasks').addColumn('reminder_sent_at', 'text').execute();
  await db.schema.alterTable('tasks').addColumn('thread_root_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tasks').dropColumn('reminder_sent_at').execute();
  await db.schema.alterTable('tasks').dropColumn('thread_root_id').execute();
  for (const t of ['action_nonces', 'outbox', 'events']) await db.schema.dropTable(t).execute();
}
