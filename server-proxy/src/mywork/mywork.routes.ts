import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MyWorkQuerySchema, MyWorkSchema } from '@throughline/contract';
import { callerOf } from '../http/auth.js';
import { commonErrors } from '../http/schemas.js';
import type { MyWorkService } from './mywork.service.js';

export const myWorkRoutes: FastifyPluginAsyncTypebox<{ mywork: MyWorkService }> = async (app, { mywork }) => {
  app.get(
    '/me/work',
    {
      schema: {
        tags: ['session'],
        summary:
          "What waits for the caller across their projects: their open tasks by when they are due (overdue, today, this week, later, in the caller's time zone), decisions and versions waiting for their approval, receipts their channels owe, and their channels' rollout tasks; each section a page with its count",
        querystring: MyWorkQuerySchema,
        response: { 200: MyWorkSchema, ...commonErrors },
      },
    },
    async (req) => mywork.work(callerOf(req), req.query),
  );
};
