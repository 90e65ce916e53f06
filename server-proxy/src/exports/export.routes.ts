import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { CampaignRecordSchema, ExportQuerySchema, Uuid } from '@throughline/contract';
import { callerOf } from '../http/auth.js';
import { commonErrors } from '../http/schemas.js';
import { htmlChunks, incompleteNotice, type ExportLocale } from './export.html.js';
import { jsonChunks } from './export.json.js';
import type { ExportService } from './export.service.js';

const localeOf = (asked: ExportLocale | undefined, acceptLanguage: string | undefined): ExportLocale =>
  asked ?? (/^\s*ru\b/i.test(acceptLanguage ?? '') ? 'ru' : 'en');

/**
 * The record's chunks; when reading fails after the first byte the error ends the reply without
 * its last chunk, so the client sees a failed download, never a file that looks whole. A page
 * (`notice`) also says where it stops, for whoever opens what was saved.
 */
async function* failLoudly(chunks: AsyncGenerator<string>, res: ServerResponse, notice: string | null): AsyncGenerator<string> {
  try {
    yield* chunks;
  } catch (err) {
    // Every earlier chunk is already with the response (the stream asks for the next only then).
    if (notice && res.headersSent && !res.destroyed) await new Promise<void>((resolve) => res.write(notice, () => resolve()));
    throw err;
  }
}

export const exportRoutes: FastifyPluginAsyncTypebox<{ exports: ExportService }> = async (app, { exports }) => {
  app.get(
    '/projects/:id/export',
    {
      schema: {
        tags: ['projects'],
        summary: "The project's whole record as a JSON file or a printable page, streamed (non-guest members of the home channel)",
        params: Type.Object({ id: Uuid }),
        querystring: ExportQuerySchema,
        response: { 200: CampaignRecordSchema, ...commonErrors },
      },
    },
    async (req, reply) => {
      // Access is decided before the first byte: a refusal is an ordinary error answer.
      const record = await exports.open(callerOf(req), req.params.id);
      const html = req.query.format === 'html';
      const day = record.head.exported_at.slice(0, 10);
      const locale = localeOf(req.query.locale, req.headers['accept-language']);
      const chunks = failLoudly(html ? htmlChunks(record, locale) : jsonChunks(record), reply.raw, html ? incompleteNotice(locale) : null);
      // Readable.from pulls the next page only when the socket has drained the last one; a client
      // that disconnects destroys the stream, which ends the generator and its reading.
      const body = Readable.from(chunks, { objectMode: false, highWaterMark: 1 });
      return (
        reply
          .headers({
            'content-type': html ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
            'content-disposition': `attachment; filename="campaign-record-${record.head.project.id}-${day}.${html ? 'html' : 'json'}"`,
            'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
            'x-content-type-options': 'nosniff',
            'cache-control': 'private, no-store',
          })
          // A stream is written as it is, never serialized: the 200 schema documents the record's shape.
          .send(body as never)
      );
    },
  );
};
