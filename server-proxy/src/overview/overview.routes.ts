import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  DueQuerySchema,
  DueSchema,
  OverviewCellQuerySchema,
  OverviewCellSchema,
  OverviewQuerySchema,
  OverviewSchema,
  Uuid,
} from '@throughline/contract';
import { callerOf } from '../http/auth.js';
import { commonErrors } from '../http/schemas.js';
import type { OverviewService } from './overview.service.js';

const params = Type.Object({ id: Uuid });

export const overviewRoutes: FastifyPluginAsyncTypebox<{ overview: OverviewService }> = async (app, { overview }) => {
  app.get(
    '/projects/:id/overview',
    {
      schema: {
        tags: ['projects'],
        summary:
          'The project at a glance: channels by task status, rollouts, receipts and decisions owed, approval stalls, time in each status, cumulative flow, overdue work (a guest: their channels only)',
        params,
        querystring: OverviewQuerySchema,
        response: { 200: OverviewSchema, ...commonErrors },
      },
    },
    async (req) => overview.overview(callerOf(req), req.params.id, req.query),
  );

  app.get(
    '/projects/:id/overview/cell',
    {
      schema: {
        tags: ['projects'],
        summary: 'One page of what a cell of the overview matrix counts: tasks, receipts owed or decisions not confirmed',
        params,
        querystring: OverviewCellQuerySchema,
        response: { 200: OverviewCellSchema, ...commonErrors },
      },
    },
    async (req) => overview.cell(callerOf(req), req.params.id, req.query),
  );

  app.get(
    '/projects/:id/due',
    {
      schema: {
        tags: ['projects'],
        summary: 'Tasks of the project due in a range of days (at most 62), by due date, with how many fall on each day',
        params,
        querystring: DueQuerySchema,
        response: { 200: DueSchema, ...commonErrors },
      },
    },
    async (req) => overview.due(callerOf(req), req.params.id, req.query),
  );
};
