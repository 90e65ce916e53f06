import type { FastifyInstance } from 'fastify';

/**
 * A body that is not an upload is small (at most BODY_LIMIT_BYTES): a client that has not sent it
 * in full within `ms` is holding a connection, not sending a request, and is disconnected. Uploads
 * are large and may be slow; they are bounded by the idle and request timeouts instead.
 */
export function installBodyTimeout(app: FastifyInstance, ms: number): void {
  app.addHook('onRequest', (req, _reply, done) => {
    const raw = req.raw;
    const hasBody = raw.headers['transfer-encoding'] !== undefined || Number(raw.headers['content-length'] ?? 0) > 0;
    if (!hasBody || raw.complete || /^multipart\/form-data/i.test(raw.headers['content-type'] ?? '')) return done();
    const timer = setTimeout(() => {
      if (raw.complete) return;
      req.log.info({ timeout_ms: ms }, 'request body not received in time; connection closed');
      raw.socket.destroy();
    }, ms);
    timer.unref();
    const clear = () => clearTimeout(timer);
    raw.once('end', clear);
    raw.once('close', clear);
    done();
  });
}
