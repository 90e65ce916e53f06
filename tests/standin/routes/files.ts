// File infos and bytes (api4/file.go getFileInfo, getFile; web.WriteFileResponse).
import type { FastifyInstance, FastifyRequest } from 'fastify';

import { notFound, permissionError } from '../errors.js';
import { canReadChannel, wireFile, type StandinState } from '../state.js';

// WriteFileResponse serves these as text/plain so a browser never runs them.
const UNSAFE_CONTENT_TYPES = /^(application\/(java|ecma|x-java)script|text\/(java|ecma)script|text\/html)/;

export function fileRoutes(api: FastifyInstance, s: StandinState): void {
  const readableFile = (req: FastifyRequest) => {
    const file = s.files.get((req.params as { file_id: string }).file_id);
    if (!file || file.info.delete_at) {
      throw notFound('app.file_info.get.app_error');
    }
    const channel = s.channels.get(file.info.channel_id);
    if (!channel) {
      throw notFound('app.channel.get.existing.app_error');
    }
    // The uploader may always read their own file, attached or not.
    if (file.info.user_id !== req.me.id && !canReadChannel(s, req.me, channel)) {
      throw permissionError();
    }
    return file;
  };

  api.get('/files/:file_id/info', async (req) => wireFile(readableFile(req).info));

  api.get('/files/:file_id', async (req, reply) => {
    const { info, bytes } = readableFile(req);
    let type = info.mime_type || 'application/octet-stream';
    if (UNSAFE_CONTENT_TYPES.test(type)) {
      type = 'text/plain';
    }
    const forceDownload = ['1', 'true'].includes((req.query as { download?: string }).download ?? '');
    const name = encodeURIComponent(info.name);
    const disposition = forceDownload || !/^(image|video|audio)\//.test(type) ? 'attachment' : 'inline';
    return reply
      .type(type)
      .headers({
        'Content-Disposition': `${disposition};filename="${name}"; filename*=UTF-8''${name}`,
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "Frame-ancestors 'none'",
        'Cache-Control': 'max-age=2592000, private',
        'Last-Modified': new Date(info.update_at).toUTCString(),
      })
      .send(bytes);
  });
}
