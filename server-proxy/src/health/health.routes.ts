import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { pingDatabase, type Db } from '../db/database.js';
import type { MattermostGateway } from '../mattermost/gateway.js';

const Check = Type.Union([Type.Literal('ok'), Type.String()]);

export const healthRoutes: FastifyPluginAsyncTypebox<{ db: Db; mm: MattermostGateway }> = async (app, { db, mm }) => {
  app.get(
    '/healthz',
    {
      config: { public: true },
      schema: { tags: ['health'], summary: 'The process is up', response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
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
