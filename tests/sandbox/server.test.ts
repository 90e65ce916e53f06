// The front server as a reverse proxy: prefix stripping, cookies both ways, unbuffered event
// streams, nginx-like 502s, the manifest list, static files that stay inside their folders.
//   node --import tsx --test tests/sandbox/server.test.ts
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';

import { startFront, type FrontServer } from './server.ts';

let upstream: http.Server;
let upstreamUrl: string;
let front: FrontServer;
let releaseStream: () => void = () => undefined;
const seen: Array<{ path: string; cookie?: string; host?: string }> = [];

before(async () => {
  upstream = http.createServer((req, res) => {
    seen.push({ path: req.url ?? '', cookie: req.headers.cookie, host: req.headers.host });
    if (req.url === '/api/v1/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write('event: hello\ndata: {"n":1}\n\n');
      releaseStream = () => res.end('event: bye\ndata: {}\n\n');
      return;
    }
    if (req.url === '/api/v4/users/login') {
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['MMAUTHTOKEN=t; Path=/; HttpOnly', 'MMCSRF=c; Path=/'] });
      res.end('{"id":"u"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ path: req.url }));
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', () => r()));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  front = await startFront({ port: 0, standinUrl: upstreamUrl, serviceUrl: upstreamUrl, users: [], plugins: 'fixture' });
});

after(async () => {
  releaseStream();
  await front.close();
  upstream.closeAllConnections();
  await new Promise<void>((r) => upstream.close(() => r()));
});

test('/throughline-api/* reaches the service with the prefix stripped, query kept', async () => {
  const res = await fetch(`${front.url}/throughline-api/api/v1/tasks?limit=5`);
  assert.deepEqual(await res.json(), { path: '/api/v1/tasks?limit=5' });
});

test('/api/v4/* passes cookies to the stand-in and Set-Cookie back to the browser', async () => {
  const res = await fetch(`${front.url}/api/v4/users/login`, { method: 'POST', headers: { cookie: 'MMAUTHTOKEN=old' }, body: '{}' });
  assert.deepEqual(res.headers.getSetCookie(), ['MMAUTHTOKEN=t; Path=/; HttpOnly', 'MMCSRF=c; Path=/']);
  assert.equal(seen.at(-1)?.cookie, 'MMAUTHTOKEN=old');
  assert.equal(seen.at(-1)?.host, new URL(front.url).host, "the browser's Host is kept, as Mattermost's nginx config does");
});

test('event streams pass through unbuffered', async () => {
  const res = await fetch(`${front.url}/throughline-api/api/v1/events`);
  assert.equal(res.headers.get('content-type'), 'text/event-stream');
  const reader = res.body!.getReader();
  const first = await Promise.race([
    reader.read(),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('first event not delivered while the stream is open')), 2000)),
  ]);
  assert.match(new TextDecoder().decode(first.value), /event: hello/);
  releaseStream();
  await reader.cancel();
});

test('an unreachable upstream answers an nginx-like 502 page', async () => {
  const down = await startFront({
    port: 0,
    standinUrl: 'http://127.0.0.1:1',
    serviceUrl: 'http://127.0.0.1:1',
    users: [],
    plugins: 'fixture',
  });
  try {
    const res = await fetch(`${down.url}/throughline-api/healthz`);
    assert.equal(res.status, 502);
    assert.equal(res.headers.get('content-type'), 'text/html');
  } finally {
    await down.close();
  }
});

test('GET /api/v4/plugins/webapp answers the client manifest list', async () => {
  const res = await fetch(`${front.url}/api/v4/plugins/webapp`);
  assert.equal(res.headers.get('content-type'), 'application/json');
  const [m] = await res.json();
  assert.equal(m.id, 'sandbox-fixture');
  assert.equal(m.name, '');
  assert.equal(m.description, undefined);
  assert.match(m.webapp.bundle_path, /^\/static\/sandbox-fixture\/sandbox-fixture_[0-9a-f]{16}_bundle\.js$/);
  const bundle = await fetch(front.url + m.webapp.bundle_path.replace('/static/', '/static/plugins/'));
  assert.equal(bundle.status, 200);
  assert.match(await bundle.text(), /window\.registerPlugin\(PLUGIN_ID/);
});

test('plugin public files are served, nothing outside the public folder, no other /plugins/ routes', async () => {
  assert.equal((await fetch(`${front.url}/plugins/sandbox-fixture/public/icon.svg`)).status, 200);
  assert.equal((await fetch(`${front.url}/plugins/sandbox-fixture/public/..%2fplugin.json`)).status, 404);
  assert.equal((await fetch(`${front.url}/plugins/sandbox-fixture/api/v1/x`)).status, 404);
});
