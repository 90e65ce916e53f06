import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type { Permission } from '@throughline/contract';
import type { Access } from '../access/access.js';
import type { Db } from '../db/database.js';
import type { Caller } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import type { EventHub } from './event.hub.js';
import { eventsAfter, latestSeq, oldestSeq } from './event.repository.js';
import type { StoredEvent } from './event.types.js';

const HEARTBEAT_MS = 20_000;
const REPLAY_BATCH = 500;

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;

const frames = new WeakMap<StoredEvent, Buffer>();

/**
 * The event as text/event-stream sends it, serialised and encoded once however many streams send
 * it: the hub hands every stream the same object, so 200 streams cost one frame per event, not 200.
 */
export function eventFrame(e: StoredEvent): Buffer {
  let frame = frames.get(e);
  if (!frame) {
    const data = { seq: e.seq, type: e.type, channel_id: e.channel_id, at: e.created_at, ...e.payload };
    frame = Buffer.from(`id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(data)}\n\n`);
    frames.set(e, frame);
  }
  return frame;
}

/** Who may hear of an event: whoever may read the object it is about. */
const readPermission = (e: StoredEvent): Permission => (e.type.startsWith('asset.') ? 'asset.read' : 'task.read');

export interface StreamLimits {
  /** Streams this replica holds at most, in all and per user. */
  maxStreams: number;
  maxStreamsPerUser: number;
  /** Events waiting for a client that does not read; one more and its stream is closed. */
  maxBacklog: number;
  /** A resume further behind than this many events is told to `reset` rather than replayed. */
  replayMax: number;
}

export interface EventStreamDeps {
  db: Db;
  hub: EventHub;
  access: Access;
  slots: StreamSlots;
  limits: StreamLimits;
}

/** Counts the open streams, so one user (or everyone together) cannot hold more than the limits allow. */
export class StreamSlots {
  private total = 0;
  private readonly perUser = new Map<string, number>();

  constructor(private readonly limits: StreamLimits) {}

  /** Streams open now. */
  get open(): number {
    return this.total;
  }

  /** Takes a slot for the user, or refuses (429 for one user's streams, 503 when the replica is full); the answer frees it. */
  take(userId: string): () => void {
    const mine = this.perUser.get(userId) ?? 0;
    if (mine >= this.limits.maxStreamsPerUser) {
      throw new AppError('too_many_streams', `You already have ${mine} live streams open; close one (a tab or window) first`);
    }
    if (this.total >= this.limits.maxStreams) {
      throw new AppError('unavailable', 'The service holds as many live streams as it may; try again shortly');
    }
    this.total += 1;
    this.perUser.set(userId, mine + 1);
    let freed = false;
    return () => {
      if (freed) return;
      freed = true;
      this.total -= 1;
      const left = (this.perUser.get(userId) ?? 1) - 1;
      if (left > 0) this.perUser.set(userId, left);
      else this.perUser.delete(userId);
    };
  }
}

/**
 * One caller's text/event-stream: an optional replay from `resumeFrom` (or a `reset` when it cannot
 * be one: see resetReason), then `ready`, then live events in seq order, each sent only if the policy
 * still lets the caller read it (Mattermost's answer is cached for seconds, so someone removed from
 * a channel stops hearing about it). A heartbeat keeps proxies from closing an idle stream; the
 * stream ends when the client goes, the hub stops, or Mattermost cannot vouch for the caller.
 *
 * Nothing is written while the socket is full ('drain' is awaited): a client that does not read
 * holds at most `maxBacklog` events (shared with every other stream) and is then cut off, to resume
 * by Last-Event-ID. `release` frees the caller's stream slot when the stream ends.
 */
export function streamEvents(
  { db, hub, access, limits }: EventStreamDeps,
  res: ServerResponse,
  caller: Caller,
  resumeFrom: number | undefined,
  log: FastifyBaseLogger,
  release: () => void,
): Promise<void> {
  res.writeHead(200, SSE_HEADERS);
  res.write('retry: 2000\n\n');

  let cursor = hub.seq;
  let closed = false;
  let live = false;
  const pending: StoredEvent[] = [];
  let pumping: Promise<void> | null = null;

  const close = (cut = false) => {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(heartbeat);
    release();
    // A client that stopped reading would never take a polite end: drop what waits for it.
    if (cut) res.destroy();
    else res.end();
  };
  /** Resolves once the socket takes more (at once if it is not full), or the stream ends. */
  const writable = () =>
    new Promise<void>((resolve) => {
      if (closed || !res.writableNeedDrain) return resolve();
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  const write = async (chunk: string | Buffer) => {
    if (closed) return;
    if (!res.write(chunk)) await writable();
  };
  const send = async (e: StoredEvent) => {
    if (e.seq <= cursor) return;
    cursor = e.seq;
    const facts = await access.facts(caller, [e.channel_id]);
    if (!access.granted([readPermission(e)], facts).length) return;
    await write(eventFrame(e));
  };
  const ended = (during: string) => (err: unknown) => {
    // Mattermost cannot vouch for the caller right now: stop, and let the client resume later.
    log.info({ code: err instanceof AppError ? err.code : 'error' }, `event stream closed${during}`);
    close();
  };
  const pump = () => {
    if (pumping || !live) return;
    pumping = (async () => {
      while (pending.length && !closed) await send(pending.shift()!);
    })()
      .catch(ended(''))
      .finally(() => {
        pumping = null;
        if (pending.length && !closed) pump();
      });
  };

  const unsubscribe = hub.subscribe(
    (e) => {
      if (closed) return;
      pending.push(e);
      if (pending.length > limits.maxBacklog) {
        log.info({ backlog: pending.length }, 'event stream closed: the client is not reading');
        pending.length = 0;
        close(true);
        return;
      }
      pump();
    },
    () => close(),
  );
  const heartbeat = setInterval(() => {
    if (!res.writableNeedDrain) void write(': ping\n\n');
  }, HEARTBEAT_MS);
  res.on('close', () => close());

  const replay = async () => {
    if (resumeFrom === undefined) return;
    // What was committed before the resume is read by the hub first; a replay never goes past what
    // it delivered (on PostgreSQL a lower seq may still be committing), the live events go on from there.
    await hub.sync();
    const reason = await resetReason(db, resumeFrom, limits.replayMax);
    if (reason) {
      // The client must reload rather than trust a partial replay (or wait for a replay that costs
      // as much as the whole table); it hears of everything from now on.
      cursor = Math.max(cursor, hub.seq);
      await write(`event: reset\ndata: ${JSON.stringify({ reason })}\n\n`);
      return;
    }
    cursor = resumeFrom;
    for (;;) {
      const batch = await eventsAfter(db, cursor, REPLAY_BATCH, hub.seq);
      for (const e of batch) await send(e);
      if (batch.length < REPLAY_BATCH || closed) break;
    }
  };
  const start = async () => {
    await replay();
    await write(`event: ready\ndata: ${JSON.stringify({ seq: cursor })}\n\n`);
    live = true;
    pump();
  };
  return start().catch(ended(' during replay'));
}

/**
 * Why a resume from `seq` cannot be a replay: events after it were pruned (`too_old`), there are
 * more of them than a replay may send (`too_far_behind`), or it is ahead of every event (`unknown`:
 * another database, or one restored from a backup).
 */
async function resetReason(db: Db, seq: number, replayMax: number): Promise<string | null> {
  const [oldest, latest] = await Promise.all([oldestSeq(db), latestSeq(db)]);
  if (seq > latest) return 'unknown';
  if (seq < oldest - 1) return 'too_old';
  if (latest - seq > replayMax) return 'too_far_behind';
  return null;
}
