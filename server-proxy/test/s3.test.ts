import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.js';
import { cli, closedPort } from './cli.js';
import { C, ENGINE, SLASH_TOKEN, U, count, startStack, storeOf, type Stack } from './helpers.js';
import { eventually } from './sse.js';

/** Larger than two of the store's 8 MiB parts: the bucket gets a real multipart upload. */
const BIG = 20 * 1024 * 1024 + 123;
const PART = 8 * 1024 * 1024;

function bytesOf(size: number, seed: number): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i + 4 <= size; i += 4) b.writeUInt32LE(((i + seed) * 2654435761) >>> 0, i);
  return b;
}
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function assetIn(s: Stack, name: string): Promise<string> {
  const project = (await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name, channel_id: C.hq } })).body;
  const a = await s.request('POST', '/api/v1/assets', { token: U.olga.token, body: { project_id: project.id, name, channel_ids: [C.hq] } });
  assert.equal(a.status, 201, JSON.stringify(a.body));
  return a.body.id;
}

const upload = (s: Stack, assetId: string, bytes: Buffer, name = 'layout.bin') => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' }), name);
  return fetch(`${s.url}/api/v1/assets/${assetId}/versions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${U.olga.token}` },
    body: form,
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
};

const download = async (s: Stack, assetId: string, versionId: string, headers: Record<string, string> = {}) => {
  const r = await fetch(`${s.url}/api/v1/assets/${assetId}/versions/${versionId}/file`, {
    headers: { authorization: `Bearer ${U.olga.token}`, ...headers },
  });
  return { status: r.status, headers: r.headers, bytes: Buffer.from(await r.arrayBuffer()) };
};

describe(`files in an S3-compatible bucket [${ENGINE}]`, () => {
  let s: Stack;
  let replica: Stack;
  let assetId: string;

  before(async () => {
    s = await startStack({}, false, undefined, 's3');
    // Another service instance on the same database and bucket, as a second replica runs.
    replica = await startStack({}, false, s);
    assetId = await assetIn(s, 'Billboard');
  });
  after(async () => {
    await replica.close();
    await s.close();
  });

  it('stores an upload under its content address in the bucket and serves it back byte for byte, with ranges', async () => {
    const bytes = bytesOf(BIG, 1);
    const r = await upload(s, assetId, bytes);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.sha256, sha(bytes));
    assert.equal(r.body.size, BIG);
    const prefix = s.s3!.env.BLOB_STORE!.replace(/^s3:\/\/[^/]+\//, '');
    assert.deepEqual(s.s3!.keys(), [`${prefix}/${r.body.sha256.slice(0, 2)}/${r.body.sha256}`]);
    assert.equal(s.s3!.openUploads(), 0, 'the multipart upload was completed');
    assert.equal(storeOf(s).staging(), 0, 'nothing left on the local disk');

    const full = await download(s, assetId, r.body.id);
    assert.equal(full.status, 200);
    assert.equal(full.headers.get('content-length'), String(BIG));
    assert.equal(sha(full.bytes), sha(bytes));
    // Across the boundary of the first two parts.
    const across = await download(s, assetId, r.body.id, { range: `bytes=${PART - 10}-${PART + 9}` });
    assert.equal(across.status, 206);
    assert.equal(across.headers.get('content-range'), `bytes ${PART - 10}-${PART + 9}/${BIG}`);
    assert.deepEqual(across.bytes, bytes.subarray(PART - 10, PART + 10));
    const tail = await download(s, assetId, r.body.id, { range: 'bytes=-7' });
    assert.equal(tail.status, 206);
    assert.deepEqual(tail.bytes, bytes.subarray(BIG - 7));
    const resume = await download(s, assetId, r.body.id, { range: `bytes=${BIG - 1000}-` });
    assert.equal(resume.headers.get('content-range'), `bytes ${BIG - 1000}-${BIG - 1}/${BIG}`);
    assert.deepEqual(resume.bytes, bytes.subarray(BIG - 1000));
    const outside = await download(s, assetId, r.body.id, { range: `bytes=${BIG}-` });
    assert.equal(outside.status, 416);
    assert.equal(outside.headers.get('content-range'), `bytes */${BIG}`);
    const stale = await download(s, assetId, r.body.id, { range: 'bytes=0-9', 'if-range': '"another"' });
    assert.equal(stale.status, 200, 'a Range for other bytes than these gets the whole file');
    assert.equal(stale.bytes.length, BIG);
  });

  it('leaves no object, no version and no staging file when the upload is cut off half-way', async () => {
    const keys = s.s3!.keys();
    const versions = await count(s.db, 'asset_versions');
    const boundary = 'cut0ff';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    const req = http.request(`${s.url}/api/v1/assets/${assetId}/versions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${U.olga.token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + BIG + boundary.length + 8),
      },
    });
    req.on('error', () => undefined);
    req.write(head);
    req.write(bytesOf(BIG / 2, 2));
    // The service is writing it: its staging file is there.
    await eventually(() => storeOf(s).staging() === 1 || undefined, 5000, 'the upload staged');
    req.destroy();
    await eventually(() => storeOf(s).staging() === 0 || undefined, 5000, 'the staging file removed');
    assert.deepEqual(s.s3!.keys(), keys);
    assert.equal(s.s3!.openUploads(), 0);
    assert.equal(await count(s.db, 'asset_versions'), versions);
    // And the service takes the next upload as usual.
    assert.equal((await upload(s, assetId, bytesOf(1000, 3))).status, 201);
  });

  it('serves a version from either replica, whichever one took the upload', async () => {
    const first = bytesOf(PART + 5, 4);
    const viaA = await upload(s, assetId, first, 'from-a.bin');
    assert.equal(viaA.status, 201, JSON.stringify(viaA.body));
    const onB = await download(replica, assetId, viaA.body.id);
    assert.equal(onB.status, 200);
    assert.equal(sha(onB.bytes), sha(first));
    const partOnB = await download(replica, assetId, viaA.body.id, { range: 'bytes=100-199' });
    assert.equal(partOnB.status, 206);
    assert.deepEqual(partOnB.bytes, first.subarray(100, 200));

    const second = bytesOf(4096, 5);
    const viaB = await upload(replica, assetId, second, 'from-b.bin');
    assert.equal(viaB.status, 201, JSON.stringify(viaB.body));
    assert.deepEqual((await download(s, assetId, viaB.body.id)).bytes, second);
    // One bucket: the same bytes sent to either replica are the same version.
    const again = await upload(s, assetId, second, 'again.bin');
    assert.equal(again.status, 409);
    assert.equal(again.body.error.existing.id, viaB.body.id);
  });

  it('keeps the client waiting, past the idle deadline, while a large file goes on to a slow bucket', async () => {
    // In front of the bucket, a server that takes 1.5 s to complete each multipart upload.
    const slow = http.createServer((req, res) => {
      const forward = () => {
        const up = http.request(`${s.s3!.url}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        up.on('error', () => res.destroy());
        req.pipe(up);
      };
      if (req.method === 'POST' && req.url?.includes('uploadId=')) setTimeout(forward, 1500);
      else forward();
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const front = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
    const patient = await startStack({ AWS_ENDPOINT_URL: front, IDLE_TIMEOUT_MS: '1000' }, false, s);
    try {
      const bytes = bytesOf(PART * 2 + 1, 7);
      const r = await upload(patient, assetId, bytes, 'slow.bin');
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(sha((await download(s, assetId, r.body.id)).bytes), sha(bytes));
    } finally {
      await patient.close();
      await new Promise((resolve) => slow.close(resolve));
    }
  });

  it('answers 503 storage_unavailable when the S3 endpoint refuses, storing nothing', async () => {
    const port = await closedPort();
    const away = await startStack({ AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` }, false, s);
    try {
      const keys = s.s3!.keys();
      const versions = await count(s.db, 'asset_versions');
      const r = await upload(away, assetId, bytesOf(5000, 6));
      assert.equal(r.status, 503, JSON.stringify(r.body));
      assert.equal(r.body.error.code, 'storage_unavailable');
      assert.match(r.body.error.message, /file store cannot be reached; nothing was stored/);
      assert.equal(await count(s.db, 'asset_versions'), versions);
      assert.deepEqual(s.s3!.keys(), keys);
      assert.equal(storeOf(away).staging(), 0);
      // A version stored before is not lost, only out of reach from this replica.
      const version = (await s.db.selectFrom('asset_versions').select('id').where('asset_id', '=', assetId).executeTakeFirstOrThrow()).id;
      const d = await download(away, assetId, version);
      assert.equal(d.status, 503);
      assert.equal(JSON.parse(d.bytes.toString()).error.code, 'storage_unavailable');
      assert.equal((await download(s, assetId, version)).status, 200);
    } finally {
      await away.close();
    }
  });

  it('doctor writes and removes a probe object, and fails with the fix when the endpoint refuses', async () => {
    const env = {
      ...s.databaseEnv,
      ...s.s3!.env,
      MM_URL: s.mm.url,
      MM_BOT_TOKEN: U.throughline.token,
      MM_SLASH_TOKEN: SLASH_TOKEN,
      SERVICE_URL: s.url,
      MM_TIMEOUT_MS: '2000',
    };
    const keys = s.s3!.keys();
    const good = await cli(env, ['doctor', '--json']);
    const bucket = good.checks.get('bucket')!;
    assert.equal(bucket.status, 'ok', bucket.detail);
    assert.match(bucket.detail, /^s3:\/\/throughline-test\/throughline\/blobs at http:\/\/127\.0\.0\.1:\d+ is reachable and writable/);
    assert.deepEqual(s.s3!.keys(), keys, 'the probe object is gone');

    const port = await closedPort();
    const bad = await cli({ ...env, AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` }, ['doctor', '--json']);
    assert.equal(bad.code, 1);
    const refused = bad.checks.get('bucket')!;
    assert.equal(refused.status, 'fail');
    assert.match(refused.detail, /cannot be written: ECONNREFUSED/);
    assert.match(refused.fix!, new RegExp(`an S3-compatible server answers at http://127\\.0\\.0\\.1:${port}`));
    const failed = (r: typeof good) => [...r.checks.values()].filter((c) => c.status === 'fail').map((c) => c.name);
    assert.deepEqual(
      failed(bad).filter((n) => n !== 'bucket'),
      failed(good),
      'the bucket is the one check that fails more',
    );

    const lines = await cli({ ...env, AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` }, ['doctor']);
    assert.equal(lines.code, 1);
    assert.match(
      lines.stdout,
      /^FAIL {2}bucket +s3:\/\/throughline-test\/throughline\/blobs at .* cannot be written: ECONNREFUSED — fix: /m,
    );
  });

  it('refuses a bad BLOB_STORE or AWS setting as a configuration error, naming it', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (err) {
        assert.ok(err instanceof ConfigError);
        return err.problems;
      }
    };
    const s3 = { AWS_ENDPOINT_URL: 'http://127.0.0.1:9000' };
    for (const [env, why] of [
      [{ ...s3, BLOB_STORE: 's3://' }, /not a valid S3 bucket name/],
      [{ ...s3, BLOB_STORE: 's3://Bad_Bucket/x' }, /"Bad_Bucket", which is not a valid S3 bucket name/],
      [{ ...s3, BLOB_STORE: 'gs://bucket/x' }, /BLOB_STORE must be "local" or s3:\/\/bucket\/prefix/],
      [{ ...s3, BLOB_STORE: 's3://bucket/a/../b' }, /must not contain empty, \. or \.\. segments/],
      [{ BLOB_STORE: 's3://bucket/x' }, /AWS_REGION must be set/],
      [{ ...s3, BLOB_STORE: 's3://bucket/x', AWS_ENDPOINT_URL: 'ftp://host' }, /AWS_ENDPOINT_URL must start with http:\/\/ or https:\/\//],
      [
        { ...s3, BLOB_STORE: 's3://bucket/x', AWS_ACCESS_KEY_ID: 'AKIA0000' },
        /AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together/,
      ],
    ] as const) {
      const got = problems(env);
      assert.equal(got.length, 1, JSON.stringify(got));
      assert.match(got[0]!, why);
    }
    const ok = loadConfig({ BLOB_STORE: 's3://media.example/throughline/', AWS_REGION: 'eu-west-1' }).blobStore;
    assert.deepEqual(ok, {
      kind: 's3',
      bucket: 'media.example',
      prefix: 'throughline',
      endpoint: null,
      region: 'eu-west-1',
      forcePathStyle: false,
      credentials: null,
    });
    // A custom endpoint is addressed path-style: most S3-compatible servers have no per-bucket host names.
    const custom = loadConfig({ ...s3, BLOB_STORE: 's3://b0x/p' }).blobStore;
    assert.ok(custom.kind === 's3' && custom.forcePathStyle && custom.endpoint === 'http://127.0.0.1:9000');
    assert.deepEqual(loadConfig({}).blobStore, { kind: 'local' });
  });
});
