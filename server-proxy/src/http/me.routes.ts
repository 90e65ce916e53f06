import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ConfigSchema, LIMITS, MeSchema, PERMISSIONS } from '@throughline/contract';
import { allows, asMember } from '../access/policy.js';
import { callerOf } from './auth.js';
import { commonErrors } from './schemas.js';

export const meRoutes: FastifyPluginAsyncTypebox<{ version: string }> = async (app, { version }) => {
  app.get(
    '/me',
    {
      schema: {
        tags: ['session'],
        summary: 'Who the caller is, as Mattermost says',
        response: { 200: MeSchema, ...commonErrors },
      },
    },
    async (req) => {
      const c = callerOf(req);
      const member = asMember(c);
      return { user_id: c.id, username: c.username, is_guest: c.isGuest, permissions: PERMISSIONS.filter((p) => allows(p, member)) };
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
          200: ConfigSchema,
        },
      },
    },
    async () => ({ version, limits: { ...LIMITS } }),
  );
};
