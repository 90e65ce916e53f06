import type { Kysely } from 'kysely';

/** Why a message was settled without a post (its recipient left the channel, a newer one replaced it); null when it was posted. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('skipped', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('skipped').execute();
}
