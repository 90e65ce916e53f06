import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type { Permission } from '@throughline/contract';
import type { Access } from '../access/access.js';
import type { Db } from '../db/database.js';
import type { Caller } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import type { EventHub } from './event.hub.js';
import { eventsAfter, oldestSeq } from './event.repository.js';
import type { StoredEvent } from './event.types.js';

const HEARTBEAT_MS = 20_000;
const REPLAY_BATCH = 500;

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;

/** Who may hear of an event: whoever may read the object it is about. */
const readPermission = (e: StoredEvent): Permission => (e.type.startsWith('asset.') ? 'asset.read' : 'task.read');

export interface EventStreamDeps {
  db: Db;
  hub: EventHub;
  access: Access;
}

/**
 * One caller's text/event-stream: an optional replay from `resumeFrom` (with a `reset` when pruned
 * events make it partial), then `ready`, then live events in seq order, each sent only if the policy
 * still lets the caller read it (Mattermost's answer is cached for seconds, so someone removed from
 * a channel stops hearing about it). A heartbeat keeps proxies from closing an idle stream; the
 * stream ends when the client goes, the hub stops, or Mattermost cannot vouch for the caller.
 */
export function streamEvents(
  { db, hub, access }: EventStreamDeps,
  res: ServerResponse,
  caller: Caller,
  resumeFrom: number | undefined,
  log: FastifyBaseLogger,
): Promise<void> {
  res.writeHead(200, SSE_HEADERS);
  res.write('retry: 2000\n\n');

  let cursor = hub.seq;
  let closed = false;
  let live = false;
  const pending: StoredEvent[] = [];
  let pumping: Promise<void> | null = null;

  const close = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(heartbeat);
    res.end();
  };
  const write = (chunk: string) => {
    if (!closed) res.write(chunk);
  };
  const send = async (e: StoredEvent) => {
    if (e.seq <= cursor) return;
    cursor = e.seq;
    const facts = await access.facts(caller, [e.channel_id]);
    if (!access.granted([readPermission(e)], facts).length) return;
    const data = { seq: e.seq, type: e.type, channel_id: e.channel_id, at: e.created_at, ...e.payload };
    write(`id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(data)}\n\n`);
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
      pending.push(e);
      pump();
    },
    () => close(),
  );
  const heartbeat = setInterval(() => write(': ping\n\n'), HEARTBEAT_MS);
  res.on('close', close);

  const replay = async () => {
    if (resumeFrom !== undefined) {
      cursor = resumeFrom;
      // Some events are gone (pruned): the client must reload rather than trust a partial replay.
      if (resumeFrom < (await oldestSeq(db)) - 1) write(`event: reset\ndata: {"reason":"too_old"}\n\n`);
      for (;;) {
        const batch = await eventsAfter(db, cursor, REPLAY_BATCH);
        for (const e of batch) await send(e);
        if (batch.length < REPLAY_BATCH) break;
      }
    }
    write(`event: ready\ndata: ${JSON.stringify({ seq: cursor })}\n\n`);
    live = true;
    pump();
  };
  return replay().catch(ended(' during replay'));
}
