import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LIMITS } from '../limits.js';
import { callerOf } from './auth.js';
import { MmId, commonErrors } from './schemas.js';

export const meRoutes: FastifyPluginAsyncTypebox<{ version: string }> = async (app, { version }) => {
  app.get(
    '/me',
    {
      schema: {
        tags: ['session'],
        summary: 'Who the caller is, as Mattermost says',
        response: { 200: Type.Object({ user_id: MmId, username: Type.String(), is_guest: Type.Boolean() }), ...commonErrors },
      },
    },
    async (req) => {
      const c = callerOf(req);
      return { user_id: c.id, username: c.username, is_guest: c.isGuest };
    },
  );

  app.get(
    '/config',
    {
      config: { public: true },
      schema: {
        tags: ['session'],
        summary: 'Limits and version, for clients',
        response: {
          200: Type.Object({ version: Type.String(), limits: Type.Record(Type.String(), Type.Integer()) }),
        },
      },
    },
    async () => ({ version, limits: { ...LIMITS } }),
  );
};
