import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { C, ENGINE, SLASH_TOKEN, U, startStack, type Stack } from './helpers.js';
import { eventually } from './sse.js';

/** A raw connection to the service: what it was sent back, and whether the service closed it. */
interface Raw {
  socket: net.Socket;
  received: () => string;
  closed: () => boolean;
}

function connect(url: string): Promise<Raw> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    let received = '';
    let closed = false;
    socket.on('data', (d) => (received += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => (closed = true));
    socket.once('connect', () => resolve({ socket, received: () => received, closed: () => closed }));
    socket.once('error', reject);
  });
}

const head = (method: string, urlPath: string, headers: Record<string, string>) =>
  `${method} ${urlPath} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;

describe(`slow clients are disconnected [${ENGINE}]`, () => {
  let s: Stack;
  let staging: string;
  let assetId: string;
  const open: net.Socket[] = [];

  before(async () => {
    s = await startStack({ HEADERS_TIMEOUT_MS: '300', BODY_TIMEOUT_MS: '300', IDLE_TIMEOUT_MS: '500' });
    staging = path.join(s.databaseEnv.DATA_DIR!, 'blobs', 'staging');
    const project = (await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Slow', channel_id: C.hq } })).body;
    assetId = (
      await s.request('POST', '/api/v1/assets', {
        token: U.olga.token,
        body: { project_id: project.id, name: 'Poster', channel_ids: [C.hq] },
      })
    ).body.id;
  });
  after(async () => {
    open.forEach((sock) => sock.destroy());
    await s.close();
  });
  const raw = async () => {
    const r = await connect(s.url);
    open.push(r.socket);
    return r;
  };

  it('closes a button-click request whose body never comes', async () => {
    const c = await raw();
    c.socket.write(
      head('POST', '/api/v1/mattermost/actions', { 'content-type': 'application/json', 'content-length': '200' }) + '{"user_id":',
    );
    await eventually(() => c.closed(), 10_000, 'the service closes the connection');
    assert.doesNotMatch(c.received(), /HTTP\/1\.1 200/);
  });

  it('closes a slash-command request that trickles its body a byte at a time', async () => {
    const c = await raw();
    c.socket.write(
      head('POST', '/api/v1/mattermost/command', {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Token ${SLASH_TOKEN}`,
        'content-length': '1000',
      }),
    );
    // Never idle long enough for the idle timeout: only the body deadline can end it.
    const drip = setInterval(() => c.socket.write('a'), 50);
    try {
      await eventually(() => c.closed(), 10_000, 'the service closes the connection');
    } finally {
      clearInterval(drip);
    }
  });

  it('closes a connection that never finishes its headers', async () => {
    const c = await raw();
    c.socket.write('POST /api/v1/mattermost/actions HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const drip = setInterval(() => c.socket.write('X-Slow: 1\r\n'), 50);
    try {
      await eventually(() => c.closed(), 10_000, 'the service closes the connection');
    } finally {
      clearInterval(drip);
    }
  });

  it('closes a stalled upload and removes its staging file', async () => {
    const c = await raw();
    c.socket.write(
      head('POST', `/api/v1/assets/${assetId}/versions`, {
        authorization: `Bearer ${U.olga.token}`,
        'content-type': 'multipart/form-data; boundary=b0und',
        'content-length': String(10 * 1024 * 1024),
      }) + '--b0und\r\nContent-Disposition: form-data; name="file"; filename="stalled.png"\r\nContent-Type: image/png\r\n\r\n',
    );
    c.socket.write(Buffer.alloc(256 * 1024, 7));
    await eventually(() => fs.readdirSync(staging).length > 0, 10_000, 'the upload is being staged');
    await eventually(() => c.closed(), 10_000, 'the service closes the stalled upload');
    await eventually(() => fs.readdirSync(staging).length === 0, 10_000, 'the staging file is removed');
    const versions = await s.db.selectFrom('asset_versions').select('id').where('asset_id', '=', assetId).execute();
    assert.deepEqual(versions, []);
  });

  it('still serves ordinary requests', async () => {
    const r = await s.request('GET', `/api/v1/assets/${assetId}`, { token: U.olga.token });
    assert.equal(r.status, 200);
  });
});

describe(`connections are capped [${ENGINE}]`, () => {
  let s: Stack;
  const open: net.Socket[] = [];
  before(async () => {
    s = await startStack({ MAX_CONNECTIONS: '3' });
  });
  after(async () => {
    open.forEach((sock) => sock.destroy());
    await s.close();
  });

  it('drops connections past MAX_CONNECTIONS and takes new ones once some close', async () => {
    const held: Raw[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await connect(s.url);
      open.push(c.socket);
      c.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      held.push(c);
    }
    const extra = await connect(s.url);
    open.push(extra.socket);
    extra.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await eventually(() => extra.closed(), 10_000, 'the connection past the cap is dropped');
    assert.equal(extra.received(), '', 'dropped without an answer');
    assert.ok(held.every((c) => !c.closed()));
    held.forEach((c) => c.socket.destroy());
    await eventually(async () => (await s.request('GET', '/healthz').catch(() => ({ status: 0 }))).status === 200, 10_000, 'served again');
  });
});
