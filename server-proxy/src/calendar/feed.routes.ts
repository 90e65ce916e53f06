import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CreateFeedSchema, CreatedFeedSchema, FeedListSchema, Uuid } from '@throughline/contract';
import { Type } from 'typebox';
import { callerOf } from '../http/auth.js';
import { ErrorBody, commonErrors } from '../http/schemas.js';
import type { FeedService } from './feed.service.js';

const tags = ['calendar'];

export const feedRoutes: FastifyPluginAsyncTypebox<{ feeds: FeedService }> = async (app, { feeds }) => {
  app.post(
    '/me/feeds',
    {
      schema: {
        tags,
        summary: "Make a calendar feed: the caller's tasks (person) or a project's due dates they may see; the address is answered once",
        body: CreateFeedSchema,
        response: { 201: CreatedFeedSchema, 409: ErrorBody, ...commonErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await feeds.create(callerOf(req), req.body)),
  );

  app.get(
    '/me/feeds',
    {
      schema: {
        tags,
        summary: "The caller's calendar feeds, newest first (never their addresses)",
        response: { 200: FeedListSchema, ...commonErrors },
      },
    },
    async (req) => feeds.list(callerOf(req)),
  );

  app.delete(
    '/me/feeds/:id',
    {
      schema: {
        tags,
        summary: 'Revoke one of the caller’s feeds: its address answers 404 from now on',
        params: Type.Object({ id: Uuid }),
        response: { 204: Type.Null(), ...commonErrors },
      },
    },
    async (req, reply) => {
      await feeds.revoke(callerOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/feeds/:file',
    {
      // Calendar apps send no cookie and no Authorization: the secret token in the address is the credential.
      config: { public: true },
      schema: {
        tags,
        summary:
          'A calendar feed (`<token>.ics`, RFC 5545), fetched by calendar apps without a session; membership is asked of Mattermost now',
        security: [],
        params: Type.Object({ file: Type.String({ maxLength: 100 }) }),
        response: {
          200: { description: 'text/calendar; charset=utf-8, with an ETag', content: { 'text/calendar': { schema: Type.String() } } },
          304: { description: 'Unchanged since the ETag sent in If-None-Match', type: 'null' },
          400: ErrorBody,
          404: ErrorBody,
          503: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const { ics, etag } = await feeds.fetch(req.params.file);
      reply.headers({
        etag,
        'cache-control': 'private, no-cache',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
      if (req.headers['if-none-match'] === etag) return reply.status(304).send(null);
      return reply.type('text/calendar; charset=utf-8').send(ics);
    },
  );
};
