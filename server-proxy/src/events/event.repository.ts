import { sql, type Transaction } from 'kysely';
import type { Db, Engine } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { NewEvent, StoredEvent } from './event.types.js';

// Any constant shared by every replica: event writers queue on it until their transaction ends.
const EVENT_LOCK = 7_243_001;
export const EVENTS_CHANNEL = 'throughline_events';

/**
 * Appends an event inside the caller's transaction. On PostgreSQL an advisory lock held until commit
 * makes seq grow in commit order, so a reader that has seen seq N has seen everything before it.
 * SQLite writers are serial already.
 */
export async function appendEvent(trx: Transaction<Database>, engine: Engine, e: NewEvent, at: string): Promise<number> {
  if (engine === 'postgres') await sql`select pg_advisory_xact_lock(${EVENT_LOCK})`.execute(trx);
  const row = await trx
    .selectFrom('events')
    .select((eb) => eb.fn.max('seq').as('max'))
    .executeTakeFirst();
  const seq = Number(row?.max ?? 0) + 1;
  await trx
    .insertInto('events')
    .values({ seq, type: e.type, channel_id: e.channel_id, payload: JSON.stringify(e.payload), created_at: at })
    .execute();
  // Delivered by PostgreSQL at commit, to every replica listening (and never for a rollback).
  if (engine === 'postgres') await sql`select pg_notify(${EVENTS_CHANNEL}, '')`.execute(trx);
  return seq;
}

export async function eventsAfter(db: Db, seq: number, limit: number): Promise<StoredEvent[]> {
  const rows = await db.selectFrom('events').selectAll().where('seq', '>', seq).orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    type: r.type,
    channel_id: r.channel_id,
    payload: JSON.parse(r.payload),
    created_at: r.created_at,
  }));
}

export async function latestSeq(db: Db): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max('seq').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

export async function oldestSeq(db: Db): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.min('seq').as('min'))
    .executeTakeFirst();
  return Number(row?.min ?? 0);
}

/** Drops old events but always keeps the newest, so seq never starts again from 1. */
export async function pruneEvents(db: Db, before: string): Promise<void> {
  const newest = await latestSeq(db);
  await db.deleteFrom('events').where('created_at', '<', before).where('seq', '<', newest).execute();
}
