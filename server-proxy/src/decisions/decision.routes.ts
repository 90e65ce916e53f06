import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CreateDecisionSchema,
  DecideSchema,
  DecisionHistoryPageSchema,
  DecisionPageSchema,
  DecisionSchema,
  FollowUpTaskSchema,
  HistoryQuerySchema,
  ListDecisionsQuerySchema,
  MmId,
  PatchDecisionSchema,
  RevokeDecisionSchema,
  TaskSchema,
  Uuid,
} from '@throughline/contract';
import { callerOf } from '../http/auth.js';
import { ErrorBody, commonErrors } from '../http/schemas.js';
import type { DecisionFlow } from './decision.flow.js';
import type { DecisionService } from './decision.service.js';
import { JSON_TYPE } from '../tasks/page.cache.js';

const IdParams = Type.Object({ id: Uuid });
const tags = ['decisions'];

export const decisionRoutes: FastifyPluginAsyncTypebox<{ decisions: DecisionService; flow: DecisionFlow }> = async (
  app,
  { decisions, flow },
) => {
  app.post(
    '/decisions',
    {
      schema: {
        tags,
        summary: 'Record a proposed decision from a message the caller can read (post_id), or from text in a channel',
        body: CreateDecisionSchema,
        response: { 201: DecisionSchema, 409: ErrorBody, 422: ErrorBody, ...commonErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await decisions.create(callerOf(req), req.body)),
  );

  app.get(
    '/decisions',
    {
      schema: {
        tags,
        summary: 'The decision log: decisions the caller may see, newest first, with cursor pagination',
        querystring: ListDecisionsQuerySchema,
        response: { 200: DecisionPageSchema, ...commonErrors },
      },
    },
    async (req, reply) => {
      // The page's JSON comes from this route's response serializer, reused while nothing changed.
      const { body } = await decisions.list(callerOf(req), req.query, (p) => String(reply.serialize(p)));
      return reply.type(JSON_TYPE).send(body as never); // bytes this route's serializer made: sent as they are
    },
  );

  app.get('/decisions/:id', { schema: { tags, params: IdParams, response: { 200: DecisionSchema, ...commonErrors } } }, async (req) =>
    decisions.get(callerOf(req), req.params.id),
  );

  app.patch(
    '/decisions/:id',
    {
      schema: {
        tags,
        summary: 'Change a proposal (only while proposed); `version` must be the one last seen',
        params: IdParams,
        body: PatchDecisionSchema,
        response: { 200: DecisionSchema, 409: ErrorBody, 422: ErrorBody, ...commonErrors },
      },
    },
    async (req) => decisions.update(callerOf(req), req.params.id, req.body),
  );

  app.post(
    '/decisions/:id/decide',
    {
      schema: {
        tags,
        summary: 'Mark decided (the approver, or any non-guest member of the source channel); cards go to its channels',
        params: IdParams,
        body: DecideSchema,
        response: { 200: DecisionSchema, 409: ErrorBody, 422: ErrorBody, ...commonErrors },
      },
    },
    async (req) => flow.decide(callerOf(req), req.params.id, req.body),
  );

  app.post(
    '/decisions/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a proposed or decided decision, with a reason (non-guests of the source channel)',
        params: IdParams,
        body: RevokeDecisionSchema,
        response: { 200: DecisionSchema, 409: ErrorBody, ...commonErrors },
      },
    },
    async (req) => flow.revoke(callerOf(req), req.params.id, req.body),
  );

  app.post(
    '/decisions/:id/receipts/:channel_id',
    {
      schema: {
        tags,
        summary: 'Confirm that a channel received the decision (a member of that channel, guests too)',
        params: Type.Object({ id: Uuid, channel_id: MmId }),
        response: { 200: DecisionSchema, 409: ErrorBody, ...commonErrors },
      },
    },
    async (req) => flow.confirmReceipt(callerOf(req), req.params.id, req.params.channel_id),
  );

  app.get(
    '/decisions/:id/history',
    {
      schema: {
        tags,
        summary: 'The decision’s history, newest first, a page at a time',
        params: IdParams,
        querystring: HistoryQuerySchema,
        response: { 200: DecisionHistoryPageSchema, ...commonErrors },
      },
    },
    async (req) => decisions.history(callerOf(req), req.params.id, req.query),
  );

  app.post(
    '/decisions/:id/tasks',
    {
      schema: {
        tags,
        summary: 'Create a follow-up task in one of its channels, linked to the decision',
        params: IdParams,
        body: FollowUpTaskSchema,
        response: { 201: TaskSchema, 422: ErrorBody, ...commonErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await decisions.followUp(callerOf(req), req.params.id, req.body)),
  );
};
