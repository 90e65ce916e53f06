import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { callerOf } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import {
  CreateTaskSchema,
  HistoryPageSchema,
  HistoryQuerySchema,
  LIMITS,
  ListTasksQuerySchema,
  PatchTaskSchema,
  TaskPageSchema,
  TaskSchema,
  TaskSourcesRequestSchema,
  TaskSourcesSchema,
  Uuid,
} from '@throughline/contract';
import { ErrorBody, commonErrors } from '../http/schemas.js';
import type { TaskService } from './task.service.js';
import { JSON_TYPE } from './page.cache.js';

const IdParams = Type.Object({ id: Uuid });
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export const taskRoutes: FastifyPluginAsyncTypebox<{ tasks: TaskService }> = async (app, { tasks }) => {
  app.post(
    '/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Create a task in a channel, or from a message (post_id) the caller can read',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String()) }),
        body: CreateTaskSchema,
        response: { 201: TaskSchema, 422: ErrorBody, ...commonErrors },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
        throw new AppError('validation_failed', `Idempotency-Key must be 1 to ${LIMITS.idempotencyKeyMax} visible ASCII characters`);
      }
      const { task, replayed } = await tasks.create(callerOf(req), req.body, key);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(task);
    },
  );

  app.get(
    '/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Tasks the caller may see, newest first, with cursor pagination',
        querystring: ListTasksQuerySchema,
        response: { 200: TaskPageSchema, ...commonErrors },
      },
    },
    async (req, reply) => {
      // The page's JSON comes from this route's response serializer, reused while nothing changed.
      const { body } = await tasks.listCached(callerOf(req), req.query, (p) => String(reply.serialize(p)));
      return reply.type(JSON_TYPE).send(body as never); // bytes this route's serializer made: sent as they are
    },
  );

  app.post(
    '/tasks/sources',
    {
      schema: {
        tags: ['tasks'],
        summary: 'The tasks made from these messages (up to 100 post ids) that the caller may see',
        body: TaskSourcesRequestSchema,
        response: { 200: TaskSourcesSchema, ...commonErrors },
      },
    },
    async (req) => ({ items: await tasks.bySource(callerOf(req), req.body.post_ids) }),
  );

  app.get(
    '/tasks/:id',
    {
      schema: { tags: ['tasks'], params: IdParams, response: { 200: TaskSchema, ...commonErrors } },
    },
    async (req) => tasks.get(callerOf(req), req.params.id),
  );

  app.patch(
    '/tasks/:id',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Change a task; `version` must be the one last seen (409 with the current task otherwise)',
        params: IdParams,
        body: PatchTaskSchema,
        response: { 200: TaskSchema, 409: ErrorBody, 422: ErrorBody, ...commonErrors },
      },
    },
    async (req) => tasks.update(callerOf(req), req.params.id, req.body),
  );

  app.delete(
    '/tasks/:id',
    {
      schema: { tags: ['tasks'], params: IdParams, response: { 204: Type.Null(), ...commonErrors } },
    },
    async (req, reply) => {
      await tasks.remove(callerOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/tasks/:id/history',
    {
      schema: {
        tags: ['tasks'],
        summary: 'The task’s history, newest first, a page at a time',
        params: IdParams,
        querystring: HistoryQuerySchema,
        response: { 200: HistoryPageSchema, ...commonErrors },
      },
    },
    async (req) => tasks.history(callerOf(req), req.params.id, req.query),
  );
};
