// Asset transfer: a large upload and download through the service, against copying the same file
// on the same disk in the same run; the service's peak memory shows whether it streams.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fixtures } from '../standin/index.js';
import { SERVICE, database, freePort, peakRssMiB, spawnAndWait, stop } from './common.js';

const SIZE = Number(process.env.BENCH_ASSET_BYTES ?? 1024 ** 3);
const olga = fixtures.users.olga;
const hq = fixtures.channels.campaignHq.id;

export interface AssetFigures {
  bytes: number;
  copySeconds: number;
  uploadSeconds: number;
  downloadSeconds: number;
  idleRssMiB: number;
  peakRssMiB: number;
}

function writeFile(file: string): void {
  const fd = fs.openSync(file, 'w');
  const chunk = Buffer.alloc(8 * 1024 * 1024);
  for (let i = 0; i < chunk.length; i += 4) chunk.writeUInt32LE((i * 2654435761) >>> 0, i);
  for (let written = 0; written < SIZE; written += chunk.length) {
    chunk.writeUInt32LE(written / chunk.length, 0);
    fs.writeSync(fd, chunk, 0, Math.min(chunk.length, SIZE - written));
  }
  fs.fsyncSync(fd);
  fs.closeSync(fd);
}

function upload(url: string, assetId: string, file: string): Promise<number> {
  const boundary = 'benchboundary7243';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="layout.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    const u = new URL(`${url}/api/v1/assets/${assetId}/versions`);
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: {
      authorization: `Bearer ${olga.token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': head.length + SIZE + tail.length,
    } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => (res.statusCode === 201 ? resolve(res.statusCode) : reject(new Error(`upload answered ${res.statusCode}: ${body}`))));
    });
    req.on('error', reject);
    req.write(head);
    const src = fs.createReadStream(file, { highWaterMark: 1024 * 1024 });
    src.on('data', (c) => { if (!req.write(c)) src.pause(); });
    req.on('drain', () => src.resume());
    src.on('end', () => req.end(tail));
    src.on('error', reject);
  });
}

export async function benchAssets(mmUrl: string): Promise<AssetFigures> {
  const db = await database('sqlite');
  const dir = db.env.DATA_DIR!;
  const source = path.join(dir, 'source.bin');
  writeFile(source);
  try {
    let t = process.hrtime.bigint();
    execFileSync('cp', ['--reflink=never', source, path.join(dir, 'copy.bin')]);
    execFileSync('sync');
    const copySeconds = Number(process.hrtime.bigint() - t) / 1e9;
    fs.rmSync(path.join(dir, 'copy.bin'));

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const svc = await spawnAndWait(SERVICE, { ...db.env, PORT: String(port), MM_URL: mmUrl, LOG_LEVEL: 'warn' }, `${base}/healthz`);
    try {
      const headers = { authorization: `Bearer ${olga.token}`, 'content-type': 'application/json' };
      const project = await (await fetch(`${base}/api/v1/projects`, { method: 'POST', headers, body: JSON.stringify({ name: 'Bench', channel_id: hq }) })).json() as { id: string };
      const asset = await (await fetch(`${base}/api/v1/assets`, { method: 'POST', headers, body: JSON.stringify({ project_id: project.id, name: 'Big layout', channel_ids: [hq] }) })).json() as { id: string };
      const idleRssMiB = peakRssMiB(svc.pid!);

      t = process.hrtime.bigint();
      await upload(base, asset.id, source);
      execFileSync('sync');
      const uploadSeconds = Number(process.hrtime.bigint() - t) / 1e9;

      const full = await (await fetch(`${base}/api/v1/assets/${asset.id}`, { headers })).json() as { versions: Array<{ id: string; size: number }> };
      const version = full.versions[0]!;
      if (version.size !== SIZE) throw new Error(`stored ${version.size} bytes, sent ${SIZE}`);
      t = process.hrtime.bigint();
      const res = await fetch(`${base}/api/v1/assets/${asset.id}/versions/${version.id}/file`, { headers });
      await pipeline(res.body as unknown as NodeJS.ReadableStream, fs.createWriteStream(path.join(dir, 'download.bin')));
      execFileSync('sync');
      const downloadSeconds = Number(process.hrtime.bigint() - t) / 1e9;
      if (fs.statSync(path.join(dir, 'download.bin')).size !== SIZE) throw new Error('download size differs');
      return { bytes: SIZE, copySeconds, uploadSeconds, downloadSeconds, idleRssMiB, peakRssMiB: peakRssMiB(svc.pid!) };
    } finally {
      await stop(svc);
    }
  } finally {
    await db.drop();
  }
}
