import type { Transaction } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { newId } from '../util/ids.js';
import type { OutboxMessage } from './outbox.types.js';

export interface OutboxRow {
  id: string;
  message: OutboxMessage;
  attempts: number;
}

/** Queued inside the transaction of the change that caused it: both happen, or neither. */
export async function enqueue(trx: Transaction<Database> | Db, m: OutboxMessage, at: string): Promise<string> {
  const id = newId();
  await trx
    .insertInto('outbox')
    .values({
      id,
      kind: m.kind,
      payload: JSON.stringify(m),
      created_at: at,
      attempts: 0,
      next_attempt_at: at,
      locked_by: null,
      locked_until: null,
      delivered_at: null,
      result_post_id: null,
      last_error: null,
      skipped: null,
    })
    .execute();
  return id;
}

/**
 * Claims due messages one by one with a conditional update: of several replicas racing for a row,
 * exactly one sees its update change it. A lease lets another worker retry after a crash.
 */
export async function claimDue(db: Db, worker: string, now: string, leaseUntil: string, limit: number): Promise<OutboxRow[]> {
  const candidates = await db
    .selectFrom('outbox')
    .select(['id', 'payload', 'attempts'])
    .where('delivered_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  const claimed: OutboxRow[] = [];
  for (const c of candidates) {
    const res = await db
      .updateTable('outbox')
      .set({ locked_by: worker, locked_until: leaseUntil })
      .where('id', '=', c.id)
      .where('delivered_at', 'is', null)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 1) claimed.push({ id: c.id, message: JSON.parse(c.payload), attempts: Number(c.attempts) });
  }
  return claimed;
}

/** Extends the lease of every message this worker holds and has not settled. */
export async function renewLeases(db: Db, worker: string, leaseUntil: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ locked_until: leaseUntil })
    .where('locked_by', '=', worker)
    .where('delivered_at', 'is', null)
    .execute();
}

/** Hands back what this worker holds and has not started, for any worker to take at once. */
export async function releaseLeases(db: Db, worker: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ locked_by: null, locked_until: null })
    .where('locked_by', '=', worker)
    .where('delivered_at', 'is', null)
    .execute();
}

export async function markDelivered(db: Db, id: string, worker: string, at: string, postId: string | null): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ delivered_at: at, result_post_id: postId, locked_by: null, locked_until: null, last_error: null })
    .where('id', '=', id)
    .where('locked_by', '=', worker)
    .execute();
}

/** Settled without a post, for a reason worth keeping (the row stays, as delivered ones do). */
export async function markSkipped(db: Db, id: string, worker: string, at: string, reason: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ delivered_at: at, skipped: reason, locked_by: null, locked_until: null, last_error: null })
    .where('id', '=', id)
    .where('locked_by', '=', worker)
    .execute();
}

export async function markFailed(db: Db, id: string, worker: string, attempts: number, nextAt: string, error: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ attempts, next_attempt_at: nextAt, last_error: error.slice(0, 500), locked_by: null, locked_until: null })
    .where('id', '=', id)
    .where('locked_by', '=', worker)
    .execute();
}

/** The post a delivered message made (a card to edit later), or null while it is not delivered. */
export async function resultPostId(db: Db, id: string): Promise<string | null> {
  const row = await db
    .selectFrom('outbox')
    .select('result_post_id')
    .where('id', '=', id)
    .where('delivered_at', 'is not', null)
    .executeTakeFirst();
  return row?.result_post_id ?? null;
}
