import type { Kysely } from 'kysely';

/** What a message is about (coalescing and the per-object interval) and what it tells. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('topic', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('topic_state', 'text').execute();
  await db.schema.createIndex('outbox_topic_idx').on('outbox').columns(['topic', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbox_topic_idx').execute();
  await db.schema.alterTable('outbox').dropColumn('topic_state').execute();
  await db.schema.alterTable('outbox').dropColumn('topic').execute();
}
