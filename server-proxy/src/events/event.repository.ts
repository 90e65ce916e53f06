import { sql, type CompiledQuery, type RawBuilder, type Transaction } from 'kysely';
import type { Db } from '../db/database.js';
import { keepPrepared } from '../db/postgres.js';
import type { Database } from '../db/schema.js';
import type { NewEvent, StoredEvent } from './event.types.js';

export const EVENTS_CHANNEL = 'throughline_events';

/**
 * SQLite: appends events inside the caller's transaction, in their order. SQLite has one writer at a
 * time: max(seq) + 1 grows in commit order. (PostgreSQL: eventStatements.)
 */
export async function appendEvents(trx: Transaction<Database>, events: readonly NewEvent[], at: string): Promise<void> {
  if (!events.length) return;
  const row = await trx
    .selectFrom('events')
    .select((eb) => eb.fn.max('seq').as('max'))
    .executeTakeFirst();
  const first = Number(row?.max ?? 0) + 1;
  const rows = events.map((e, i) => ({
    seq: first + i,
    type: e.type,
    channel_id: e.channel_id,
    payload: JSON.stringify(e.payload),
    created_at: at,
  }));
  // Within SQLite's bound on the parameters of one statement.
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('events')
      .values(rows.slice(i, i + 500))
      .execute();
}

/**
 * PostgreSQL: the insert of `events` (seq in their order) as common table expressions (`event_tx`,
 * `events_added`) of the one statement a unit ends with (other replicas are told after the commit: EventHub.announce).
 *
 * Writers do not wait for each other: seq comes from a sequence, so a transaction that commits late
 * may hold a lower seq than one already committed. Readers therefore deliver a seq only when every
 * lower one is final (see event.feed.ts). What makes that decidable is the order of the two steps
 * here: the transaction has its id (pg_current_xact_id, in the CTE the insert reads from) before it
 * takes a seq, so whoever looks at the running transactions after a seq was handed out sees its
 * writer among them until it ends. A seq taken after reading another transaction's commit is higher
 * than that transaction's, so seq order keeps cause before effect. nextval runs after the sort, so
 * seqs follow the order the unit emitted in.
 */
export function eventStatements(events: readonly NewEvent[], at: string): RawBuilder<unknown>[] {
  const column = (f: (e: NewEvent) => string) => sql`${events.map(f)}::text[]`;
  return [
    sql`event_tx as materialized (select pg_current_xact_id()::text::bigint as xid)`,
    sql`events_added as (
      insert into events (seq, xid, type, channel_id, payload, created_at)
      select nextval('events_seq_seq'), event_tx.xid, e.type, e.channel_id, e.payload, ${at}
      from event_tx, unnest(${column((e) => e.type)}, ${column((e) => e.channel_id)}, ${column((e) => JSON.stringify(e.payload))})
        with ordinality as e(type, channel_id, payload, ord)
      order by e.ord)`,
  ];
}

type EventRow = Pick<Database['events'], 'seq' | 'type' | 'channel_id' | 'payload' | 'created_at'>;

const stored = (r: EventRow): StoredEvent => ({
  seq: Number(r.seq),
  type: r.type,
  channel_id: r.channel_id,
  payload: JSON.parse(r.payload),
  created_at: r.created_at,
});

/** Committed events after `seq` (up to `through`, if given), in seq order. */
export async function eventsAfter(db: Db, seq: number, limit: number, through?: number): Promise<StoredEvent[]> {
  let q = db.selectFrom('events').select(['seq', 'type', 'channel_id', 'payload', 'created_at']).where('seq', '>', seq);
  if (through !== undefined) q = q.where('seq', '<=', through);
  return (await q.orderBy('seq').limit(limit).execute()).map(stored);
}

/** The highest seq handed out so far on PostgreSQL, committed or not (a sequence is not transactional). */
export async function seqHandedOut(db: Db): Promise<number> {
  const { rows } = await sql<{ last_value: string; is_called: boolean }>`select last_value, is_called from events_seq_seq`.execute(db);
  const r = rows[0]!;
  return Number(r.last_value) - (r.is_called ? 0 : 1);
}

/**
 * Ids of the transactions that have one (they have written) and are running now in this database;
 * those of other databases on the server are never waited for. Sessions of other roles show no id,
 * so every replica connects as the same role.
 */
export async function runningWriters(db: Db): Promise<Set<string>> {
  const { rows } = await sql<{ xid: string }>`
    select backend_xid::text as xid from pg_stat_activity
    where datname = current_database() and backend_xid is not null`.execute(db);
  return new Set(rows.map((r) => r.xid));
}

/** The statement of countAfter, compiled once per database handle: a cached list page is answered with it alone. */
const countStatements = new WeakMap<Db, CompiledQuery<{ n: number | string }>>();

/**
 * Committed events after `seq`: with the seq a position reader already holds, a version of
 * everything events describe. Compiled once (a reused list page costs this round trip and little more).
 */
export async function countAfter(db: Db, seq: number): Promise<number> {
  let compiled = countStatements.get(db);
  if (!compiled) {
    compiled = db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('seq', '>', 0)
      .compile();
    keepPrepared(compiled.sql);
    countStatements.set(db, compiled);
  }
  const query: CompiledQuery<{ n: number | string }> = { ...compiled, parameters: [seq] };
  const { rows } = await db.executeQuery(query);
  return Number(rows[0]?.n ?? 0);
}

/** The highest committed seq. */
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

/**
 * Drops old events up to `through` (what this replica has delivered: never one a reader may still
 * be waiting for) but always keeps the newest, so seq never starts again from 1 on SQLite.
 */
export async function pruneEvents(db: Db, before: string, through: number): Promise<void> {
  const newest = await latestSeq(db);
  await db.deleteFrom('events').where('created_at', '<', before).where('seq', '<', newest).where('seq', '<=', through).execute();
}
