import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { callerOf } from '../http/auth.js';
import {
  CreateProjectSchema,
  LinkChannelSchema,
  MmId,
  ProjectSchema,
  SetChannelLeadSchema,
  UnlinkedProjectSchema,
  Uuid,
} from '@throughline/contract';
import { ErrorBody, commonErrors } from '../http/schemas.js';
import type { ProjectService } from './project.service.js';

const IdParams = Type.Object({ id: Uuid });

export const projectRoutes: FastifyPluginAsyncTypebox<{ projects: ProjectService }> = async (app, { projects }) => {
  app.get(
    '/projects',
    {
      schema: {
        tags: ['projects'],
        summary: 'Projects with a channel the caller is a member of',
        querystring: Type.Object({ channel_id: Type.Optional(MmId) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(ProjectSchema) }), ...commonErrors },
      },
    },
    async (req) => ({ items: await projects.list(callerOf(req), req.query.channel_id) }),
  );

  app.post(
    '/projects',
    {
      schema: {
        tags: ['projects'],
        summary: 'Make a channel the home of a new project (non-guest members only)',
        body: CreateProjectSchema,
        response: { 201: ProjectSchema, ...commonErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await projects.create(callerOf(req), req.body)),
  );

  app.get(
    '/projects/:id',
    {
      schema: { tags: ['projects'], params: IdParams, response: { 200: ProjectSchema, ...commonErrors } },
    },
    async (req) => projects.get(callerOf(req), req.params.id),
  );

  app.post(
    '/projects/:id/channels',
    {
      schema: {
        tags: ['projects'],
        summary: 'Link a channel the caller is a member of',
        params: IdParams,
        body: LinkChannelSchema,
        response: { 200: ProjectSchema, ...commonErrors },
      },
    },
    async (req) => projects.linkChannel(callerOf(req), req.params.id, req.body.channel_id),
  );

  app.delete(
    '/projects/:id/channels/:channel_id',
    {
      schema: {
        tags: ['projects'],
        summary: "Unlink a channel (not the home channel); the project's assets stop being shared with it",
        params: Type.Object({ id: Uuid, channel_id: MmId }),
        response: { 200: UnlinkedProjectSchema, 422: commonErrors[400], ...commonErrors },
      },
    },
    async (req) => projects.unlinkChannel(callerOf(req), req.params.id, req.params.channel_id),
  );

  app.put(
    '/projects/:id/channels/:channel_id/lead',
    {
      schema: {
        tags: ['projects'],
        summary: "Name the channel's lead, who is assigned its rollout tasks (null clears); non-guest members of the home channel",
        params: Type.Object({ id: Uuid, channel_id: MmId }),
        body: SetChannelLeadSchema,
        response: { 200: ProjectSchema, 422: ErrorBody, ...commonErrors },
      },
    },
    async (req) => projects.setLead(callerOf(req), req.params.id, req.params.channel_id, req.body.user_id),
  );
};
