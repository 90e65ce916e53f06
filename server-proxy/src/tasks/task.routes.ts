import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { callerOf } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import { ErrorBody, Iso, MmId, NullableString, StringEnum, Uuid, commonErrors } from '../http/schemas.js';
import { MM_ID_PATTERN, UUID_PATTERN } from '../util/ids.js';
import { LIMITS } from '../limits.js';
import type { TaskService } from './task.service.js';
import { TASK_STATUSES } from './task.types.js';

const Status = StringEnum(TASK_STATUSES, `One of ${TASK_STATUSES.join(', ')}`);
const NullableMmId = NullableString({ pattern: MM_ID_PATTERN });
const NullableUuid = NullableString({ pattern: UUID_PATTERN });
const NullableDue = NullableString({ maxLength: 40, description: 'ISO 8601 date or date-time' });

// Schema bounds are generous on purpose: the service trims, then applies the documented limit with a clear message.
const Title = Type.String({ maxLength: LIMITS.titleMax * 4 });
const Description = Type.String({ maxLength: LIMITS.descriptionMax * 2 });

export const TaskSchema = Type.Object({
  id: Uuid,
  title: Type.String(),
  description: Type.String(),
  status: Status,
  assignee_id: NullableMmId,
  due_at: NullableString(),
  channel_id: MmId,
  project_id: NullableUuid,
  source_post_id: NullableMmId,
  permalink: NullableString(),
  files: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      size: Type.Number(),
      mime_type: Type.String(),
      extension: Type.String(),
    }),
  ),
  created_by: MmId,
  created_at: Iso,
  updated_at: Iso,
  version: Type.Integer(),
});

const HistorySchema = Type.Object({
  id: Uuid,
  task_id: Uuid,
  actor_id: MmId,
  action: StringEnum(['created', 'updated', 'deleted'] as const),
  field: NullableString(),
  from: NullableString(),
  to: NullableString(),
  at: Iso,
});

const CreateBody = Type.Object(
  {
    channel_id: Type.Optional(MmId),
    post_id: Type.Optional(MmId),
    title: Type.Optional(Title),
    description: Type.Optional(Description),
    assignee_id: Type.Optional(NullableMmId),
    due_at: Type.Optional(NullableDue),
    project_id: Type.Optional(NullableUuid),
  },
  { additionalProperties: false },
);

const PatchBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    title: Type.Optional(Title),
    description: Type.Optional(Description),
    status: Type.Optional(Status),
    assignee_id: Type.Optional(NullableMmId),
    due_at: Type.Optional(NullableDue),
    project_id: Type.Optional(NullableUuid),
  },
  { additionalProperties: false },
);

const ListQuery = Type.Object(
  {
    project_id: Type.Optional(Uuid),
    channel_id: Type.Optional(MmId),
    status: Type.Optional(Status),
    assignee_id: Type.Optional(MmId),
    mine: Type.Optional(Type.Boolean()),
    overdue: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ maxLength: LIMITS.queryMax })),
    cursor: Type.Optional(Uuid),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageMax })),
  },
  { additionalProperties: false },
);

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
        body: CreateBody,
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
        querystring: ListQuery,
        response: { 200: Type.Object({ items: Type.Array(TaskSchema), next_cursor: NullableUuid }), ...commonErrors },
      },
    },
    async (req, reply) => {
      // Already JSON text (possibly a cached page): a string payload skips the serializer.
      const body: unknown = await tasks.listJson(callerOf(req), req.query);
      return reply.type('application/json; charset=utf-8').send(body as { items: []; next_cursor: null });
    },
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
        body: PatchBody,
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
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(HistorySchema) }), ...commonErrors },
      },
    },
    async (req) => ({ items: await tasks.history(callerOf(req), req.params.id) }),
  );
};
