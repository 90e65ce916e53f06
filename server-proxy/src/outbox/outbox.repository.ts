import type { Transaction } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { newId } from '../util/ids.js';
import type { OutboxMessage } from './outbox.types.js';
import { topicOf } from './topics.js';

export interface OutboxRow {
  id: string;
  message: OutboxMessage;
  attempts: number;
}

/**
 * Queued inside the transaction of the change that caused it: both happen, or neither. A message
 * with a topic (outbox/topics.ts) replaces the topic's messages that are still waiting, is settled
 * unsent when it tells what the topic's last message told, and is due no sooner than
 * `minIntervalMs` after the topic's last post.
 */
export async function enqueue(trx: Transaction<Database> | Db, m: OutboxMessage, at: string, minIntervalMs: number): Promise<string> {
  const id = newId();
  const topic = topicOf(m);
  let due = at;
  let unchanged = false;
  if (topic) {
    await trx
      .updateTable('outbox')
      .set({ delivered_at: at, skipped: 'superseded', locked_by: null, locked_until: null })
      .where('topic', '=', topic.key)
      .where('delivered_at', 'is', null)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at)]))
      .execute();
    // What readers were last told: a post made, or one being made now.
    const last = await trx
      .selectFrom('outbox')
      .select(['topic_state', 'delivered_at'])
      .where('topic', '=', topic.key)
      .where((eb) => eb.or([eb('result_post_id', 'is not', null), eb('delivered_at', 'is', null)]))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    unchanged = topic.state !== null && topic.state === (last ? last.topic_state : topic.initial);
    if (last) due = new Date(Math.max(Date.parse(at), Date.parse(last.delivered_at ?? at) + minIntervalMs)).toISOString();
  }
  await trx
    .insertInto('outbox')
    .values({
      id,
      kind: m.kind,
      payload: JSON.stringify(m),
      created_at: at,
      attempts: 0,
      next_attempt_at: due,
      locked_by: null,
      locked_until: null,
      delivered_at: unchanged ? at : null,
      result_post_id: null,
      last_error: null,
      skipped: unchanged ? 'unchanged' : null,
      topic: topic?.key ?? null,
      topic_state: topic?.state ?? null,
    })
    .execute();
  return id;
}

/**
 * Claims due messages one by one with a conditional update: of several replicas racing for a row,
 * exactly one sees its update change it. A lease lets another worker retry after a crash. A topic's
 * messages go out in order: none while an older one of its topic is still being delivered.
 */
export async function claimDue(db: Db, worker: string, now: string, leaseUntil: string, limit: number): Promise<OutboxRow[]> {
  const candidates = await db
    .selectFrom('outbox')
    .select(['id', 'payload', 'attempts'])
    .where('delivered_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .where((eb) =>
      eb.or([
        eb('topic', 'is', null),
        eb.not(
          eb.exists(
            eb
              .selectFrom('outbox as older')
              .select('older.id')
              .whereRef('older.topic', '=', 'outbox.topic')
              .where('older.delivered_at', 'is', null)
              .whereRef('older.created_at', '<', 'outbox.created_at'),
          ),
        ),
      ]),
    )
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

/** A failed try is retried later, unless a newer message of its topic has come meanwhile: then it is settled as superseded. */
export async function markFailed(db: Db, id: string, worker: string, attempts: number, nextAt: string, error: string): Promise<void> {
  const row = await db.selectFrom('outbox').select(['topic', 'created_at']).where('id', '=', id).executeTakeFirst();
  const newer =
    row?.topic &&
    (await db
      .selectFrom('outbox')
      .select('id')
      .where('topic', '=', row.topic)
      .where('created_at', '>', row.created_at)
      .where((eb) => eb.or([eb('delivered_at', 'is', null), eb('result_post_id', 'is not', null)]))
      .limit(1)
      .executeTakeFirst());
  if (newer) return markSkipped(db, id, worker, new Date().toISOString(), 'superseded');
  await db
    .updateTable('outbox')
    .set({ attempts, next_attempt_at: nextAt, last_error: error.slice(0, 500), locked_by: null, locked_until: null })
    .where('id', '=', id)
    .where('locked_by', '=', worker)
    .execute();
}

/** How far ahead a message Mattermost keeps refusing is put off: in effect, never. */
export const PARKED_MS = 365 * 24 * 3600 * 1000;

/** The post a message made (a card to edit later): posted, still waiting, or settled without a post (or unknown). */
export async function resultPostId(db: Db, id: string, now: Date): Promise<{ posted: string } | 'waiting' | 'none'> {
  const row = await db
    .selectFrom('outbox')
    .select(['delivered_at', 'result_post_id', 'next_attempt_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return 'none';
  // A message Mattermost kept refusing is parked far ahead (PARKED_MS): it will not be posted.
  if (!row.delivered_at) return new Date(row.next_attempt_at).getTime() - now.getTime() > PARKED_MS / 2 ? 'none' : 'waiting';
  return row.result_post_id ? { posted: row.result_post_id } : 'none';
}

/**
 * What waits to be delivered, for the metrics: how many messages are pending, how many are parked,
 * and when the oldest pending one was queued. One read over the undelivered rows (delivered_at is indexed).
 */
export async function outboxDepth(db: Db, now: Date): Promise<{ pending: number; parked: number; oldestAt: string | null }> {
  const parkedFrom = new Date(now.getTime() + PARKED_MS / 2).toISOString();
  const row = await db
    .selectFrom('outbox')
    .select((eb) => [
      eb.fn.sum<number | string | null>(eb.case().when('next_attempt_at', '<', parkedFrom).then(1).else(0).end()).as('pending'),
      eb.fn.sum<number | string | null>(eb.case().when('next_attempt_at', '>=', parkedFrom).then(1).else(0).end()).as('parked'),
      eb.fn.min<string | null>(eb.case().when('next_attempt_at', '<', parkedFrom).then(eb.ref('created_at')).end()).as('oldest'),
    ])
    .where('delivered_at', 'is', null)
    .executeTakeFirst();
  return { pending: Number(row?.pending ?? 0), parked: Number(row?.parked ?? 0), oldestAt: row?.oldest ?? null };
}
