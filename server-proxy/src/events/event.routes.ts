import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Access } from '../access/access.js';
import type { Db } from '../db/database.js';
import { callerOf } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import { commonErrors } from '../http/schemas.js';
import type { EventHub } from './event.hub.js';
import { eventsAfter, oldestSeq } from './event.repository.js';
import type { StoredEvent } from './event.types.js';

const HEARTBEAT_MS = 20_000;

/**
 * Server-sent events: every change the caller may see, as it commits. Access is asked again for
 * each event (Mattermost's answer is cached for seconds), so someone removed from a channel stops
 * hearing about it. Resume with the Last-Event-ID header (EventSource sends it) or ?last_event_id.
 */
export const eventRoutes: FastifyPluginAsyncTypebox<{ db: Db; hub: EventHub; access: Access }> = async (app, { db, hub, access }) => {
  app.get(
    '/events',
    {
      schema: {
        tags: ['live'],
        summary: 'A text/event-stream of task and asset changes the caller may see',
        querystring: Type.Object({ last_event_id: Type.Optional(Type.Integer({ minimum: 0 })) }, { additionalProperties: false }),
        headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ pattern: '^\\d{1,15}$' })) }),
        response: { ...commonErrors },
      },
    },
    async (req, reply) => {
      const caller = callerOf(req);
      const header = req.headers['last-event-id'];
      const resumeFrom = header !== undefined ? Number(header) : req.query.last_event_id;

      const res = reply.raw;
      reply.hijack();
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 2000\n\n');

      let cursor = hub.seq;
      let closed = false;
      const pending: StoredEvent[] = [];
      let pumping: Promise<void> | null = null;
      let live = false;

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
        if (!(await access.membership(caller, e.channel_id))) return;
        write(
          `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify({ seq: e.seq, type: e.type, channel_id: e.channel_id, at: e.created_at, ...e.payload })}\n\n`,
        );
      };
      const pump = () => {
        if (pumping || !live) return;
        pumping = (async () => {
          while (pending.length && !closed) await send(pending.shift()!);
        })()
          .catch((err) => {
            // Mattermost cannot vouch for the caller right now: stop, and let the client resume later.
            req.log.info({ code: err instanceof AppError ? err.code : 'error' }, 'event stream closed');
            close();
          })
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

      try {
        if (resumeFrom !== undefined) {
          cursor = resumeFrom;
          const oldest = await oldestSeq(db);
          // Some events are gone (pruned): the client must reload rather than trust a partial replay.
          if (resumeFrom < oldest - 1) write(`event: reset\ndata: {"reason":"too_old"}\n\n`);
          for (;;) {
            const batch = await eventsAfter(db, cursor, 500);
            for (const e of batch) await send(e);
            if (batch.length < 500) break;
          }
        }
        write(`event: ready\ndata: ${JSON.stringify({ seq: cursor })}\n\n`);
        live = true;
        pump();
      } catch (err) {
        req.log.info({ code: err instanceof AppError ? err.code : 'error' }, 'event stream closed during replay');
        close();
      }
    },
  );
};
