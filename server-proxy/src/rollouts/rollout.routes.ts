import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AddRolloutChannelsSchema, CreateRolloutSchema, RolloutSchema, Uuid } from '@throughline/contract';
import { callerOf } from '../http/auth.js';
import { ErrorBody, commonErrors } from '../http/schemas.js';
import type { RolloutService } from './rollout.service.js';

const IdParams = Type.Object({ id: Uuid });
const tags = ['rollouts'];

export const rolloutRoutes: FastifyPluginAsyncTypebox<{ rollouts: RolloutService }> = async (app, { rollouts }) => {
  app.post(
    '/rollouts',
    {
      schema: {
        tags,
        summary: 'Roll a task of a project out to channels of that project: one child task per channel',
        body: CreateRolloutSchema,
        response: { 201: RolloutSchema, 409: ErrorBody, 422: ErrorBody, ...commonErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await rollouts.create(callerOf(req), req.body)),
  );

  app.get(
    '/rollouts/:id',
    {
      schema: {
        tags,
        summary: 'The rollout matrix: one row per channel the caller is a member of',
        params: IdParams,
        response: { 200: RolloutSchema, ...commonErrors },
      },
    },
    async (req) => rollouts.get(callerOf(req), req.params.id),
  );

  app.post(
    '/rollouts/:id/channels',
    {
      schema: {
        tags,
        summary: 'Add channels of the project to a running rollout',
        params: IdParams,
        body: AddRolloutChannelsSchema,
        response: { 200: RolloutSchema, 409: ErrorBody, 422: ErrorBody, ...commonErrors },
      },
    },
    async (req) => rollouts.addChannels(callerOf(req), req.params.id, req.body.channel_ids),
  );
};
