import type { Kysely } from 'kysely';

// Every channel view asks which of its messages tasks were made from: found by index, not by a scan.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('tasks_source_post_idx').on('tasks').columns(['source_post_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('tasks_source_post_idx').execute();
}
