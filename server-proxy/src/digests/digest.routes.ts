import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  DigestListQuerySchema,
  DigestListSchema,
  DigestSchema,
  DigestSettingsSchema,
  DigestSubscriptionSchema,
  UpdateDigestSettingsSchema,
  Uuid,
} from '@throughline/contract';
import { Type } from 'typebox';
import { callerOf } from '../http/auth.js';
import { commonErrors } from '../http/schemas.js';
import type { DigestService } from './digest.service.js';

const IdParams = Type.Object({ id: Uuid });
const tags = ['digests'];

export const digestRoutes: FastifyPluginAsyncTypebox<{ digests: DigestService }> = async (app, { digests }) => {
  app.get(
    '/projects/:id/digest-settings',
    {
      schema: {
        tags,
        summary: "The project's digest schedule and stalled threshold, and whether the caller receives it",
        params: IdParams,
        response: { 200: DigestSettingsSchema, ...commonErrors },
      },
    },
    async (req) => digests.settings(callerOf(req), req.params.id),
  );

  app.patch(
    '/projects/:id/digest-settings',
    {
      schema: {
        tags,
        summary: 'Change the schedule (weekday, time, IANA time zone) or the stalled threshold (non-guest members of the home channel)',
        params: IdParams,
        body: UpdateDigestSettingsSchema,
        response: { 200: DigestSettingsSchema, ...commonErrors },
      },
    },
    async (req) => digests.updateSettings(callerOf(req), req.params.id, req.body),
  );

  app.put(
    '/projects/:id/digest-subscription',
    {
      schema: {
        tags,
        summary: "Receive the project's weekly digest by direct message",
        params: IdParams,
        response: { 200: DigestSubscriptionSchema, ...commonErrors },
      },
    },
    async (req) => digests.setSubscribed(callerOf(req), req.params.id, true),
  );

  app.delete(
    '/projects/:id/digest-subscription',
    {
      schema: {
        tags,
        summary: 'Stop receiving it',
        params: IdParams,
        response: { 200: DigestSubscriptionSchema, ...commonErrors },
      },
    },
    async (req) => digests.setSubscribed(callerOf(req), req.params.id, false),
  );

  app.post(
    '/projects/:id/digests',
    {
      schema: {
        tags,
        summary: "Compile the caller's digest of the past seven days now (kept in their history, not sent)",
        params: IdParams,
        response: { 201: DigestSchema, ...commonErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await digests.compileNow(callerOf(req), req.params.id)),
  );

  app.get(
    '/projects/:id/digests',
    {
      schema: {
        tags,
        summary: "The caller's digests and those of the project's channels they are in, newest first",
        params: IdParams,
        querystring: DigestListQuerySchema,
        response: { 200: DigestListSchema, ...commonErrors },
      },
    },
    async (req) => digests.list(callerOf(req), req.params.id, req.query.limit),
  );

  app.get(
    '/digests/:id',
    {
      schema: { tags, summary: 'One stored digest', params: IdParams, response: { 200: DigestSchema, ...commonErrors } },
    },
    async (req) => digests.get(callerOf(req), req.params.id),
  );
};
