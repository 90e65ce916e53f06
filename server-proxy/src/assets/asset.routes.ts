import type { OutgoingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { callerOf } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import {
  AssetHistoryPageSchema,
  HistoryQuerySchema,
  AssetSchema,
  AssetVersionSchema,
  CreateAssetSchema,
  MmId,
  Uuid,
  VersionDecisionSchema,
  VersionFromMattermostSchema,
} from '@throughline/contract';
import { ErrorBody, commonErrors } from '../http/schemas.js';
import type { MattermostGateway } from '../mattermost/gateway.js';
import type { AssetService } from './asset.service.js';
import { FileBytes } from './blob.local.js';
import { rangeOf } from './byte.range.js';
import { countsAsDownload, type RecallService } from './recall.js';
import { uploadPart } from './upload.part.js';
import { JSON_TYPE } from '../tasks/page.cache.js';

const IdParams = Type.Object({ id: Uuid });
const VersionParams = Type.Object({ id: Uuid, version_id: Uuid });

/** Types a browser could run or render as a page are never served as themselves. */
const ACTIVE = /html|svg|xml|javascript|ecmascript|x-sh|wasm/i;
function servedType(mime: string): string {
  if (ACTIVE.test(mime) || !/^[\w.+-]+\/[\w.+-]+$/.test(mime)) return 'application/octet-stream';
  return mime;
}
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * The idle deadline (IDLE_TIMEOUT_MS) is for a client that stalls. Once its whole request is in, the
 * silence is the service's own (copying the file from Mattermost, sending it to the bucket): the
 * deadline is lifted until the answer is sent, then put back for the connection's next request.
 */
function keepWaiting(socket: Socket, now: boolean): (() => void) & { lift(): void } {
  const idle = socket.timeout ?? 0;
  const lift = () => void socket.setTimeout(0);
  if (now) lift();
  return Object.assign(() => void (socket.destroyed || socket.setTimeout(idle)), { lift });
}

export interface AssetRouteOptions {
  assets: AssetService;
  recall: RecallService;
  mm: MattermostGateway;
  uploadLimit: number;
  /** Told the bytes of every version stored, and where they came from (for the metrics). */
  onStored?: (source: 'upload' | 'mattermost', bytes: number) => void;
}

export const assetRoutes: FastifyPluginAsyncTypebox<AssetRouteOptions> = async (app, { assets, recall, mm, uploadLimit, onStored }) => {
  await app.register(multipart, {
    limits: { fileSize: uploadLimit + 1, files: 1, fields: 4, parts: 5, fieldSize: 1024 },
    preservePath: true,
  });

  app.get(
    '/assets',
    {
      schema: {
        tags: ['assets'],
        querystring: Type.Object({ project_id: Uuid }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(AssetSchema) }), ...commonErrors },
      },
    },
    async (req, reply) => {
      // The JSON comes from this route's response serializer, reused while the project's assets are unchanged.
      const { body } = await assets.list(callerOf(req), req.query.project_id, (list) => String(reply.serialize(list)));
      return reply.type(JSON_TYPE).send(body as never); // bytes this route's serializer made: sent as they are
    },
  );

  app.post(
    '/assets',
    {
      schema: {
        tags: ['assets'],
        summary: 'A named deliverable of a project, shared with some of its channels (non-guests)',
        body: CreateAssetSchema,
        response: { 201: AssetSchema, 422: ErrorBody, ...commonErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await assets.create(callerOf(req), req.body)),
  );

  app.get('/assets/:id', { schema: { tags: ['assets'], params: IdParams, response: { 200: AssetSchema, ...commonErrors } } }, async (req) =>
    assets.get(callerOf(req), req.params.id),
  );

  app.get(
    '/assets/:id/history',
    {
      schema: {
        tags: ['assets'],
        summary: 'The asset’s history, newest first, a page at a time',
        params: IdParams,
        querystring: HistoryQuerySchema,
        response: { 200: AssetHistoryPageSchema, ...commonErrors },
      },
    },
    async (req) => assets.history(callerOf(req), req.params.id, req.query),
  );

  app.post(
    '/assets/:id/versions',
    {
      schema: {
        tags: ['assets'],
        summary: 'Upload a new version (multipart/form-data, one `file` part, streamed)',
        params: IdParams,
        response: { 201: AssetVersionSchema, 409: ErrorBody, 413: ErrorBody, ...commonErrors },
      },
    },
    async (req, reply) => {
      const caller = callerOf(req);
      const part = await uploadPart(req);
      const restore = keepWaiting(req.raw.socket, false);
      try {
        const v = await assets.addVersion(caller, req.params.id, {
          ...part,
          complete: async () => {
            await part.complete();
            restore.lift();
          },
        });
        onStored?.('upload', v.size);
        return reply.status(201).send(v);
      } finally {
        restore();
        part.release();
      }
    },
  );

  app.post(
    '/assets/:id/versions/from-mattermost',
    {
      schema: {
        tags: ['assets'],
        summary: 'Add a Mattermost file the caller can read as a new version',
        params: IdParams,
        body: VersionFromMattermostSchema,
        response: { 201: AssetVersionSchema, 409: ErrorBody, 413: ErrorBody, ...commonErrors },
      },
    },
    async (req, reply) => {
      const caller = callerOf(req);
      await assets.get(caller, req.params.id);
      const info = await mm.fileInfo(caller.token, req.body.file_id);
      if (!info || info.delete_at > 0) throw new AppError('not_found', 'File not found');
      if (req.body.post_id && info.post_id !== req.body.post_id)
        throw new AppError('not_found', 'That file is not attached to that message');
      if (info.size > uploadLimit)
        throw new AppError('payload_too_large', `The file is larger than the limit of ${uploadLimit} bytes; nothing was stored`);
      const body = await mm.fileBytes(caller.token, req.body.file_id);
      const restore = keepWaiting(req.raw.socket, true);
      try {
        const v = await assets.addVersion(caller, req.params.id, {
          stream: Readable.fromWeb(body as WebReadableStream),
          fileName: info.name,
          mimeType: info.mime_type,
          sourcePostId: info.post_id || null,
          sourceFileId: info.id,
        });
        onStored?.('mattermost', v.size);
        return reply.status(201).send(v);
      } finally {
        restore();
      }
    },
  );

  app.get(
    '/assets/:id/versions/:version_id/file',
    {
      schema: {
        tags: ['assets'],
        summary: 'The bytes of a version, always as an attachment; supports Range and If-None-Match. Each download is recorded',
        params: VersionParams,
        querystring: Type.Object(
          { channel_id: Type.Optional({ ...MmId, description: 'The channel the download is made from (a card or a shelf)' }) },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const caller = callerOf(req);
      const version = await assets.fileOf(caller, req.params.id, req.params.version_id);
      const etag = `"${version.sha256}"`;
      const common = {
        etag,
        'accept-ranges': 'bytes',
        'content-type': servedType(version.mime_type),
        'content-disposition': disposition(version.file_name),
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, no-cache',
      };
      // The validators are ours (the content hash), and so is the size (recorded with the version):
      // every store answers a Range alike, and only the bytes sent are read from it.
      if (req.headers['if-none-match'] === etag) return reply.status(304).headers(common).send();
      const { range: asked, 'if-range': ifRange } = req.headers;
      const range = ifRange === undefined || ifRange === etag ? rangeOf(asked, version.size) : null;
      if (range === 'unsatisfiable') {
        return reply
          .status(416)
          .header('content-range', `bytes */${version.size}`)
          .send({ error: { code: 'validation_failed', message: 'The requested range is outside the file' } });
      }
      // Opened before any header is set: a missing file or an absent store is answered as an error, whole.
      const bytes = req.method === 'HEAD' ? null : await assets.bytesOf(version, range ?? undefined);
      const fetchDest = req.headers['sec-fetch-dest'];
      const download = {
        method: req.method,
        status: range ? 206 : 200,
        contentRange: range ? `bytes ${range.start}-${range.end}/${version.size}` : undefined,
        fetchDest: typeof fetchDest === 'string' ? fetchDest : undefined,
      };
      if (countsAsDownload(download)) {
        try {
          await recall.recordDownload(caller, req.params.id, version.id, req.query.channel_id);
        } catch (err) {
          bytes?.destroy();
          throw err;
        }
      }
      reply.status(range ? 206 : 200).headers({ ...common, 'content-length': range ? range.end - range.start + 1 : version.size });
      if (range) reply.header('content-range', `bytes ${range.start}-${range.end}/${version.size}`);
      if (bytes instanceof FileBytes) {
        // A local file is written by the route itself, into two reused buffers (FileBytes.writeTo):
        // a gigabyte through a stream would leave a gigabyte of buffers for the collector.
        reply.hijack();
        reply.raw.writeHead(reply.statusCode, reply.getHeaders() as OutgoingHttpHeaders);
        try {
          await bytes.writeTo(reply.raw);
        } catch (err) {
          req.log.info({ err: (err as Error).message }, 'download ended early');
          reply.raw.destroy();
        }
        return reply;
      }
      return reply.send(bytes ?? undefined);
    },
  );

  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/assets/:id/versions/:version_id/${decision}`,
      {
        schema: {
          tags: ['assets'],
          summary: `${decision === 'approve' ? 'Approve (superseding the approved one)' : 'Reject'} a version (non-guests)`,
          params: VersionParams,
          body: VersionDecisionSchema,
          response: { 200: AssetSchema, ...commonErrors },
        },
      },
      async (req) => assets.decide(callerOf(req), req.params.id, req.params.version_id, decision, req.body?.comment),
    );
  }

  app.post(
    '/assets/:id/receipts/:channel_id',
    {
      schema: {
        tags: ['assets'],
        summary: 'Confirm that a channel received the approved version',
        params: Type.Object({ id: Uuid, channel_id: MmId }),
        response: { 200: AssetSchema, 409: ErrorBody, ...commonErrors },
      },
    },
    async (req) => assets.confirmReceipt(callerOf(req), req.params.id, req.params.channel_id),
  );
};
