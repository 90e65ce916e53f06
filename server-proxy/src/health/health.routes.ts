import { createHmac } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { pingDatabase, type Db } from '../db/database.js';
import type { MattermostGateway } from '../mattermost/gateway.js';

const Check = Type.Union([Type.Literal('ok'), Type.String()]);

/** The header by which /healthz tells which deployment answers. */
export const INSTANCE_HEADER = 'x-throughline-instance';

/**
 * A tag shared by every replica of one deployment (they share ACTION_SECRET, or the bot token it
 * is derived from) and by `doctor` run with the same settings, so `doctor` can tell that the
 * address Mattermost's users reach is this service and not another one or a page of the proxy.
 * An HMAC: the secret cannot be read back from it.
 */
export function instanceTag(actionSecret: string): string {
  return createHmac('sha256', actionSecret).update('throughline-instance').digest('hex').slice(0, 24);
}

export const healthRoutes: FastifyPluginAsyncTypebox<{ db: Db; mm: MattermostGateway; instance: string }> = async (
  app,
  { db, mm, instance },
) => {
  app.get(
    '/healthz',
    {
      config: { public: true },
      schema: { tags: ['health'], summary: 'The process is up', response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
    },
    async (_req, reply) => {
      reply.header(INSTANCE_HEADER, instance);
      return { status: 'ok' as const };
    },
  );

  app.get(
    '/readyz',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        summary: 'The database and Mattermost both answer',
        response: {
          200: Type.Object({ status: Type.String(), checks: Type.Object({ database: Check, mattermost: Check }) }),
          503: Type.Object({ status: Type.String(), checks: Type.Object({ database: Check, mattermost: Check }) }),
        },
      },
    },
    async (req, reply) => {
      const [database, mattermost] = await Promise.all([
        pingDatabase(db).then(
          () => 'ok',
          () => 'unreachable',
        ),
        mm.ping().then(
          () => 'ok',
          () => 'unreachable',
        ),
      ]);
      const ready = database === 'ok' && mattermost === 'ok';
      if (!ready) req.log.warn({ database, mattermost }, 'not ready');
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks: { database, mattermost } });
    },
  );
};
