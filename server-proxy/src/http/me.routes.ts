import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ConfigSchema, LIMITS, MeSchema, PERMISSIONS } from '@throughline/contract';
import { allows, asMember } from '../access/policy.js';
import type { BotClient } from '../mattermost/bot.js';
import { callerOf } from './auth.js';
import { commonErrors } from './schemas.js';

export const meRoutes: FastifyPluginAsyncTypebox<{ version: string; bot: BotClient | null }> = async (app, { version, bot }) => {
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
        summary: 'Limits, version and the bot’s user id, for clients',
        response: {
          200: ConfigSchema,
        },
      },
    },
    // The bot's identity is asked of Mattermost once and kept; until it answers, the id is null.
    async () => ({ version, limits: { ...LIMITS }, bot_user_id: (await bot?.me().catch(() => null))?.id ?? null }),
  );
};
