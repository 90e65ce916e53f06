import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SearchPageSchema, SearchQuerySchema } from '@throughline/contract';
import { callerOf } from '../http/auth.js';
import { commonErrors } from '../http/schemas.js';
import type { SearchService } from './search.service.js';

export const searchRoutes: FastifyPluginAsyncTypebox<{ search: SearchService }> = async (app, { search }) => {
  app.get(
    '/search',
    {
      schema: {
        tags: ['search'],
        summary:
          'Tasks, decisions, assets and versions the caller may see whose text has every word of q (Russian and English word forms), best first, with the matches marked',
        querystring: SearchQuerySchema,
        response: { 200: SearchPageSchema, ...commonErrors },
      },
    },
    async (req) => search.search(callerOf(req), req.query),
  );
};
