import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AssetDownloadPageSchema, AssetDownloadsQuerySchema, MmId, ShelfSchema, Uuid } from '@throughline/contract';
import { callerOf } from '../http/auth.js';
import { commonErrors } from '../http/schemas.js';
import type { RecallService } from './recall.js';

export const recallRoutes: FastifyPluginAsyncTypebox<{ recall: RecallService }> = async (app, { recall }) => {
  app.get(
    '/assets/:id/downloads',
    {
      schema: {
        tags: ['assets'],
        summary: 'Who downloaded which version, when and from which channel, newest first (non-guests)',
        params: Type.Object({ id: Uuid }),
        querystring: AssetDownloadsQuerySchema,
        response: { 200: AssetDownloadPageSchema, ...commonErrors },
      },
    },
    async (req) => recall.downloads(callerOf(req), req.params.id, req.query),
  );

  app.get(
    '/channels/:channel_id/shelf',
    {
      schema: {
        tags: ['assets'],
        summary: 'The approved versions of the assets shared with a channel, with its receipt of each (its members)',
        params: Type.Object({ channel_id: MmId }),
        response: { 200: ShelfSchema, ...commonErrors },
      },
    },
    async (req) => recall.shelf(callerOf(req), req.params.channel_id),
  );
};
