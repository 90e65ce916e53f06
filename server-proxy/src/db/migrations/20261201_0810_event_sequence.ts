import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * PostgreSQL numbers events from a sequence instead of max(seq) + 1 under a lock, and each event
 * keeps the id of the transaction that wrote it (null on SQLite, whose single writer numbers them in
 * order). Readers deliver a seq only once every transaction that may still hold a lower one has ended
 * (see events/event.repository.ts), so writers no longer queue on each other.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('events').addColumn('xid', 'bigint').execute();
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`create sequence events_seq_seq as bigint owned by events.seq`.execute(db);
  await sql`select setval('events_seq_seq', coalesce((select max(seq) from events), 0) + 1, false)`.execute(db);
  await sql`alter table events alter column seq set default nextval('events_seq_seq')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table events alter column seq drop default`.execute(db);
    await sql`drop sequence events_seq_seq`.execute(db);
  }
  await db.schema.alterTable('events').dropColumn('xid').execute();
}
