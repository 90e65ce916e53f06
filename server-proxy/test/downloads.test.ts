import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { BLOB_STORE, C, ENGINE, U, startStack, type Stack } from './helpers.js';
import { eventually } from './sse.js';

const MiB = 1024 * 1024;
/** Several of the store's 1 MiB reads, and a last one that is not whole. */
const SIZE = 5 * MiB + 12_345;

/** Files this process holds open under the store's folder (the service runs in this process). */
const openBlobs = () =>
  fs.readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`).includes('/blobs/');
    } catch {
      return false;
    }
  }).length;

/** Downloads larger than one read: every byte in place, ranges across reads, and a client that leaves midway. */
describe(`large downloads [${ENGINE}, ${BLOB_STORE} store]`, () => {
  let s: Stack;
  let assetId: string;
  let versionId: string;
  // Every 4 bytes differ from their neighbours and from those one read (1 MiB) away: a reused buffer
  // sent twice, a piece out of order or one cut short all change the bytes received.
  const bytes = Buffer.alloc(SIZE);
  for (let i = 0; i + 4 <= SIZE; i += 4) bytes.writeUInt32LE((i * 2654435761 + (i >>> 20)) >>> 0, i);

  before(async () => {
    s = await startStack({ UPLOAD_LIMIT_BYTES: String(8 * MiB) });
    const project = (await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Downloads', channel_id: C.hq } }))
      .body;
    await s.request('POST', `/api/v1/projects/${project.id}/channels`, { token: U.olga.token, body: { channel_id: C.kazan } });
    assetId = (
      await s.request('POST', '/api/v1/assets', {
        token: U.olga.token,
        body: { project_id: project.id, name: 'Billboard master', channel_ids: [C.hq, C.kazan] },
      })
    ).body.id;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/tiff' }), 'master.tif');
    const r = await fetch(`${s.url}/api/v1/assets/${assetId}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${U.olga.token}` },
      body: form,
    });
    const body = (await r.json()) as { id: string; size: number };
    assert.equal(r.status, 201, JSON.stringify(body));
    assert.equal(body.size, SIZE);
    versionId = body.id;
  });
  after(async () => {
    await s.close();
  });

  const download = (headers: Record<string, string> = {}) =>
    fetch(`${s.url}/api/v1/assets/${assetId}/versions/${versionId}/file`, {
      headers: { authorization: `Bearer ${U.kazan.token}`, ...headers },
    });
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

  it('sends every byte of a file of several reads, in order, with its length', async () => {
    const r = await download();
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-length'), String(SIZE));
    const got = Buffer.from(await r.arrayBuffer());
    assert.equal(got.length, SIZE);
    assert.equal(sha(got), sha(bytes));
    assert.equal(Buffer.compare(got, bytes), 0);
  });

  it('answers ranges that start and end inside different reads', async () => {
    for (const [start, end] of [
      [MiB - 10, 3 * MiB + 5],
      [0, MiB - 1],
      [MiB, 2 * MiB],
      [5 * MiB, SIZE - 1],
    ] as const) {
      const r = await download({ range: `bytes=${start}-${end}` });
      assert.equal(r.status, 206);
      assert.equal(r.headers.get('content-range'), `bytes ${start}-${end}/${SIZE}`);
      assert.equal(r.headers.get('content-length'), String(end - start + 1));
      const got = Buffer.from(await r.arrayBuffer());
      assert.equal(Buffer.compare(got, bytes.subarray(start, end + 1)), 0, `bytes ${start}-${end}`);
    }
  });

  it('closes the file when the client leaves midway, and serves the next download whole', async () => {
    const before = openBlobs();
    const url = new URL(`${s.url}/api/v1/assets/${assetId}/versions/${versionId}/file`);
    // A client that reads the first megabyte and hangs up.
    const received = await new Promise<number>((resolve, reject) => {
      const req = http.get(url, { headers: { authorization: `Bearer ${U.kazan.token}` } }, (res) => {
        assert.equal(res.statusCode, 200);
        let n = 0;
        res.on('data', (piece: Buffer) => {
          n += piece.length;
          if (n >= MiB) {
            req.destroy();
            resolve(n);
          }
        });
        res.on('end', () => reject(new Error('the whole file arrived before the client left')));
      });
      req.on('error', () => undefined);
    });
    assert.ok(received >= MiB && received < SIZE, `received ${received}`);
    if (BLOB_STORE === 'local') await eventually(() => openBlobs() === before, 5000, 'the stored file to be closed');
    const again = Buffer.from(await (await download()).arrayBuffer());
    assert.equal(Buffer.compare(again, bytes), 0);
  });

  it('sends every byte in place to a client that reads slowly (the socket full, writes waiting)', async () => {
    const url = new URL(`${s.url}/api/v1/assets/${assetId}/versions/${versionId}/file`);
    const got = await new Promise<Buffer>((resolve, reject) => {
      const req = http.get(url, { headers: { authorization: `Bearer ${U.kazan.token}` } }, (res) => {
        const pieces: Buffer[] = [];
        res.on('data', (piece: Buffer) => {
          pieces.push(piece);
          // A pause now and then: the service's writes back up while it keeps reading the file.
          if (pieces.length % 8 === 1) {
            res.pause();
            setTimeout(() => res.resume(), 30);
          }
        });
        res.on('end', () => resolve(Buffer.concat(pieces)));
        res.on('error', reject);
      });
      req.on('error', reject);
    });
    assert.equal(got.length, SIZE);
    assert.equal(Buffer.compare(got, bytes), 0);
  });

  it('sends the same bytes to downloads running at once', async () => {
    const all = await Promise.all([download(), download({ range: `bytes=${2 * MiB}-` }), download()]);
    const [a, tail, b] = await Promise.all(all.map(async (r) => Buffer.from(await r.arrayBuffer())));
    assert.equal(Buffer.compare(a!, bytes), 0);
    assert.equal(Buffer.compare(b!, bytes), 0);
    assert.equal(Buffer.compare(tail!, bytes.subarray(2 * MiB)), 0);
  });
});
