// Reverse-proxy primitives for the sandbox front server: what nginx does in front of
// Mattermost, reduced to what the sandbox needs. Bodies are piped both ways without buffering,
// so server-sent events and large file downloads stream as they arrive.
import http from 'node:http';

export type Upstream = { name: string; url: URL };

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function forwardHeaders(req: http.IncomingMessage): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
  }
  // As Mattermost's recommended nginx config: keep the browser's Host, say who asked and how.
  const remote = req.socket.remoteAddress ?? '';
  const prior = req.headers['x-forwarded-for'];
  headers['x-forwarded-for'] = prior ? `${prior}, ${remote}` : remote;
  headers['x-forwarded-proto'] = 'http';
  headers['x-forwarded-host'] = req.headers.host ?? '';
  return headers;
}

/** An nginx-like 502 page: the browser gets HTML, not JSON, when an upstream is down. */
function badGateway(res: http.ServerResponse, upstream: Upstream, err: Error): void {
  if (res.headersSent) {
    res.destroy(err);
    return;
  }
  res.writeHead(502, { 'content-type': 'text/html' });
  res.end(
    `<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>` +
      `<hr><center>sandbox proxy: ${upstream.name} unreachable (${err.message.replace(/[<>&]/g, '')})</center></body></html>\n`,
  );
}

/** Proxies one request to `upstream` at `path` (path + query, already rewritten). */
export function proxyHttp(req: http.IncomingMessage, res: http.ServerResponse, upstream: Upstream, path: string): void {
  const upstreamReq = http.request({
    protocol: upstream.url.protocol,
    hostname: upstream.url.hostname,
    port: upstream.url.port,
    method: req.method,
    path,
    headers: forwardHeaders(req),
  });
  upstreamReq.on('response', (upstreamRes) => {
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(upstreamRes.headers)) {
      if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
    }
    res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, headers);
    // Event streams must reach the browser at once, not when a buffer fills.
    if (String(upstreamRes.headers['content-type'] ?? '').startsWith('text/event-stream')) {
      res.flushHeaders();
      res.socket?.setNoDelay(true);
    }
    upstreamRes.pipe(res);
    upstreamRes.on('error', (err) => res.destroy(err));
  });
  upstreamReq.on('error', (err) => badGateway(res, upstream, err));
  // A browser that goes away (closed tab, aborted fetch, EventSource.close) ends the upstream call.
  res.on('close', () => {
    if (!res.writableFinished) upstreamReq.destroy();
  });
  req.pipe(upstreamReq);
}
