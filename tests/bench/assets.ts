// Asset transfer: a large upload and download through the service (curl as the client, as a browser
// would be), against copying the same file on the same disk in the same run; the service's peak
// memory shows whether it streams.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { fixtures } from '../standin/index.js';
import { SERVICE, database, freePort, peakRssMiB, spawnAndWait, stop } from './common.js';

/** Waited for, not blocking: an S3-compatible server in this process (s3.ts) answers the service meanwhile. */
const run = promisify(execFile);

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

/** `storeEnv` chooses the store (BLOB_STORE and its variables); the local directory when empty. */
export async function benchAssets(mmUrl: string, storeEnv: Record<string, string> = {}): Promise<AssetFigures> {
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
    const svc = await spawnAndWait(
      SERVICE,
      { ...db.env, ...storeEnv, PORT: String(port), MM_URL: mmUrl, LOG_LEVEL: 'warn' },
      `${base}/healthz`,
    );
    try {
      const headers = { authorization: `Bearer ${olga.token}`, 'content-type': 'application/json' };
      const project = (await (
        await fetch(`${base}/api/v1/projects`, { method: 'POST', headers, body: JSON.stringify({ name: 'Bench', channel_id: hq }) })
      ).json()) as { id: string };
      const asset = (await (
        await fetch(`${base}/api/v1/assets`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ project_id: project.id, name: 'Big layout', channel_ids: [hq] }),
        })
      ).json()) as { id: string };
      const idleRssMiB = peakRssMiB(svc.pid!);

      t = process.hrtime.bigint();
      await run('curl', [
        '-sSf',
        '-o',
        '/dev/null',
        '-H',
        `Authorization: Bearer ${olga.token}`,
        '-F',
        `file=@${source};filename=layout.bin;type=application/octet-stream`,
        `${base}/api/v1/assets/${asset.id}/versions`,
      ]);
      execFileSync('sync');
      const uploadSeconds = Number(process.hrtime.bigint() - t) / 1e9;

      const full = (await (await fetch(`${base}/api/v1/assets/${asset.id}`, { headers })).json()) as {
        versions: Array<{ id: string; size: number }>;
      };
      const version = full.versions[0]!;
      if (version.size !== SIZE) throw new Error(`stored ${version.size} bytes, sent ${SIZE}`);
      t = process.hrtime.bigint();
      // curl stands for the browser: a client in this (busy, single-threaded) process would measure itself.
      await run('curl', [
        '-sSf',
        '-o',
        path.join(dir, 'download.bin'),
        '-H',
        `Authorization: ${headers.authorization}`,
        `${base}/api/v1/assets/${asset.id}/versions/${version.id}/file`,
      ]);
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
