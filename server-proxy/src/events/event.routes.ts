import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { callerOf } from '../http/auth.js';
import { ErrorBody, commonErrors } from '../http/schemas.js';
import { streamEvents, type EventStreamDeps } from './event.stream.js';

/** The largest id a client may resume from: the header's 15 digits, for the query too. */
const MAX_EVENT_ID = 10 ** 15 - 1;

/**
 * Server-sent events: every change the caller may see, as it commits. Resume with the
 * Last-Event-ID header (EventSource sends it) or ?last_event_id.
 */
export const eventRoutes: FastifyPluginAsyncTypebox<EventStreamDeps> = async (app, deps) => {
  app.get(
    '/events',
    {
      schema: {
        tags: ['live'],
        summary: 'A text/event-stream of task and asset changes the caller may see',
        querystring: Type.Object(
          { last_event_id: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_EVENT_ID })) },
          { additionalProperties: false },
        ),
        headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ pattern: '^\\d{1,15}$' })) }),
        response: { ...commonErrors, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      const caller = callerOf(req);
      const header = req.headers['last-event-id'];
      const resumeFrom = header !== undefined ? Number(header) : req.query.last_event_id;
      // Refused (429 / 503) before the stream starts, as an ordinary error answer.
      const release = deps.slots.take(caller.id);
      reply.hijack();
      await streamEvents(deps, reply.raw, caller, resumeFrom, req.log, release);
    },
  );
};
