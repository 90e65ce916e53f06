// Asset transfer: a large upload and download through the service (curl as the client, as a browser
// would be), against copying the same file on the same disk in the same run; the service's peak
// memory shows whether it streams. The machine's SHA-256 rate, measured in the same run, is the
// upload's ceiling: the service hashes every byte it stores. The disk's speed wanders from one
// second to the next, so the copy, the upload and the download take turns for a few rounds (the
// copy in a different place each round) and each is reported by its median round.
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import os from 'node:os';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { fixtures } from '../standin/index.js';
import { SERVICE, database, freePort, peakRssMiB, resetPeakRss, root, rssMiB, spawnAndWait, stop } from './common.js';
import { profileClock, summariseProfile } from './profile.js';

/** Waited for, not blocking: an S3-compatible server in this process (s3.ts) answers the service meanwhile. */
const run = promisify(execFile);

const SIZE = Number(process.env.BENCH_ASSET_BYTES ?? 1024 ** 3);
/** Rounds of copy, upload and download through the local store; the S3 store's (a figure beside the local one) runs once. */
const ROUNDS = Number(process.env.BENCH_ASSET_ROUNDS ?? 3);
/**
 * A pause before each timed write of the gigabyte, the same for cp, the upload and the download: the
 * disk writes the first gigabyte after a pause faster than the next ones, and without it the
 * operation that follows another write always gets the tired disk.
 */
const REST_MS = Number(process.env.BENCH_ASSET_REST_MS ?? 5000);
const rest = () => new Promise((resolve) => setTimeout(resolve, REST_MS));
const olga = fixtures.users.olga;
const hq = fixtures.channels.campaignHq.id;

export interface AssetFigures {
  /** When the section began, and the machine's 1-minute load average then (the disk and the CPUs are shared). */
  at: string;
  loadAverage: number;
  bytes: number;
  /** Medians of the rounds, each round: cp, upload, download, in turn. */
  copySeconds: number;
  /** SHA-256 of as many bytes in this process (node:crypto, 64 KiB at a time, as socket reads arrive). */
  sha256Seconds: number;
  uploadSeconds: number;
  downloadSeconds: number;
  /** The download again, to /dev/null: what the service takes to send the bytes when no disk write follows. */
  streamSeconds: number;
  /** Resident memory before the transfer. */
  idleRssMiB: number;
  /** The peak of the service's start-up (migrations, first requests), before the transfer. */
  startPeakRssMiB: number;
  /** The peak during the transfer (counted from the transfer's start; from the start-up where the kernel did not let it be reset). */
  peakRssMiB: number;
  /** Whether peakRssMiB counts from the transfer's start. */
  peakSinceTransfer: boolean;
  /** The highest peak while uploading and while downloading (to a file or to /dev/null), over the rounds; null where the peak could not be reset between them. */
  uploadPeakRssMiB: number | null;
  downloadPeakRssMiB: number | null;
  rounds: Array<{ copySeconds: number; uploadSeconds: number; downloadSeconds: number; streamSeconds: number }>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const since = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;

/** Other bytes at the start of `file`, for round `round`: each round uploads a version of its own. */
function markRound(file: string, round: number): void {
  const fd = fs.openSync(file, 'r+');
  const mark = Buffer.alloc(4);
  mark.writeUInt32LE(0x80000000 + round);
  fs.writeSync(fd, mark, 0, 4, 4);
  fs.fsyncSync(fd);
  fs.closeSync(fd);
}

/** cp of `source` beside it, then sync: the yardstick of the round. */
function copySeconds(source: string): number {
  const copy = `${source}.copy`;
  const t = process.hrtime.bigint();
  execFileSync('cp', ['--reflink=never', source, copy]);
  execFileSync('sync');
  const seconds = since(t);
  fs.rmSync(copy);
  execFileSync('sync');
  return seconds;
}

/** Hashes `bytes` bytes from memory in 64 KiB pieces, as the service hashes an upload's socket reads. */
function sha256Seconds(bytes: number): number {
  const block = Buffer.alloc(8 * 1024 * 1024);
  for (let i = 0; i < block.length; i += 4) block.writeUInt32LE((i * 2654435761) >>> 0, i);
  const piece = 64 * 1024;
  const hash = createHash('sha256');
  const t = process.hrtime.bigint();
  for (let done = 0; done < bytes; done += piece) {
    const at = done % block.length;
    hash.update(block.subarray(at, at + Math.min(piece, bytes - done)));
  }
  hash.digest();
  return Number(process.hrtime.bigint() - t) / 1e9;
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
  const at = new Date().toISOString();
  const loadAverage = os.loadavg()[0]!;
  const db = await database('sqlite');
  const dir = db.env.DATA_DIR!;
  const source = path.join(dir, 'source.bin');
  writeFile(source);
  const rounds = Object.keys(storeEnv).length ? 1 : ROUNDS;
  try {
    const hashSeconds = sha256Seconds(SIZE);

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const profile = Object.keys(storeEnv).length ? 'assets-s3' : 'assets';
    const svc = await spawnAndWait(
      SERVICE,
      { ...db.env, ...storeEnv, PORT: String(port), MM_URL: mmUrl, LOG_LEVEL: 'warn' },
      `${base}/healthz`,
      profile,
    );
    let transferred = 0;
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
      const idleRssMiB = rssMiB(svc.pid!);
      const startPeakRssMiB = peakRssMiB(svc.pid!);
      const peakSinceTransfer = resetPeakRss(svc.pid!);

      transferred = profileClock();
      const measured: AssetFigures['rounds'] = [];
      // Each phase's peak, the kernel's count started again after it: which of them sets the peak.
      const phasePeaks = { upload: 0, download: 0 };
      const endOf = (phase: keyof typeof phasePeaks) => {
        const p = peakRssMiB(svc.pid!);
        phasePeaks[phase] = Math.max(phasePeaks[phase], p);
        if (peakSinceTransfer) resetPeakRss(svc.pid!);
      };
      for (let round = 0; round < rounds; round++) {
        if (round > 0) markRound(source, round);
        // Each timed write starts after the same rest (REST_MS), and cp still takes each place in turn
        // (before the upload, between, after the download): no figure always follows the same work.
        const place = round % 3;
        let copied = NaN;
        /** cp, after its rest, if this round takes it at `at` (the S3 store's run has no cp). */
        const copyAt = async (at: number) => {
          if (place !== at || Object.keys(storeEnv).length) return;
          await rest();
          copied = copySeconds(source);
        };
        // curl stands for the browser: a client in this (busy, single-threaded) process would measure itself.
        const download = (to: string, versionId: string) =>
          run('curl', [
            '-sSf',
            '-o',
            to,
            '-H',
            `Authorization: ${headers.authorization}`,
            `${base}/api/v1/assets/${asset.id}/versions/${versionId}/file`,
          ]);
        await copyAt(0);
        await rest();
        let t = process.hrtime.bigint();
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
        const uploadSeconds = since(t);
        endOf('upload');
        await copyAt(1);

        const full = (await (await fetch(`${base}/api/v1/assets/${asset.id}`, { headers })).json()) as {
          versions: Array<{ id: string; size: number; number: number }>;
        };
        const version = full.versions.find((v) => v.number === round + 1)!;
        if (version.size !== SIZE) throw new Error(`stored ${version.size} bytes, sent ${SIZE}`);
        const target = path.join(dir, 'download.bin');
        await rest();
        t = process.hrtime.bigint();
        await download(target, version.id);
        execFileSync('sync');
        const downloadSeconds = since(t);
        if (fs.statSync(target).size !== SIZE) throw new Error('download size differs');
        fs.rmSync(target);
        execFileSync('sync');
        t = process.hrtime.bigint();
        await download('/dev/null', version.id);
        const streamSeconds = since(t);
        endOf('download');
        await copyAt(2);
        measured.push({ copySeconds: copied, uploadSeconds, downloadSeconds, streamSeconds });
      }
      return {
        at,
        loadAverage,
        bytes: SIZE,
        copySeconds: median(measured.map((r) => r.copySeconds)),
        sha256Seconds: hashSeconds,
        uploadSeconds: median(measured.map((r) => r.uploadSeconds)),
        downloadSeconds: median(measured.map((r) => r.downloadSeconds)),
        streamSeconds: median(measured.map((r) => r.streamSeconds)),
        idleRssMiB,
        startPeakRssMiB,
        peakRssMiB: Math.max(phasePeaks.upload, phasePeaks.download, peakRssMiB(svc.pid!)),
        peakSinceTransfer,
        uploadPeakRssMiB: peakSinceTransfer ? phasePeaks.upload : null,
        downloadPeakRssMiB: peakSinceTransfer ? phasePeaks.download : null,
        rounds: measured,
      };
    } finally {
      await stop(svc);
      // With BENCH_PROFILE: what held the service's CPU from the upload's start to the download's end.
      summariseProfile(profile, transferred);
    }
  } finally {
    await db.drop();
  }
}

const gib = (bytes: number) => (bytes / 1024 ** 3).toFixed(2);

/** Which phase set the peak, where each had its own count. */
const phases = (f: AssetFigures) =>
  f.uploadPeakRssMiB === null || f.downloadPeakRssMiB === null
    ? ''
    : `; the highest while uploading ${f.uploadPeakRssMiB.toFixed(0)} MiB, while downloading ${f.downloadPeakRssMiB.toFixed(0)} MiB`;

/** The tables of `make bench` for the local store and the S3 store (either may not have been measured). */
export function assetLines(local: AssetFigures | null, s3: AssetFigures | null): string[] {
  const lines: string[] = [];
  if (local) {
    const mib = local.bytes / 1024 ** 2;
    const rate = (s: number) => `${(mib / s).toFixed(0)} MiB/s`;
    const ratio = (s: number) => (local.copySeconds / s).toFixed(2);
    lines.push(
      '',
      `Asset transfer of ${gib(local.bytes)} GiB (SQLite, same disk; targets: upload ≥ 0.6× and download ≥ 0.9× of cp), the median of ${local.rounds.length} rounds of cp, upload and download in turn, cp first, second or last, each after a rest of ${REST_MS / 1000} s:`,
      '',
      '| operation | seconds | throughput | ÷ cp throughput |',
      '|---|---|---|---|',
      `| cp (baseline: --reflink=never, then sync) | ${local.copySeconds.toFixed(2)} | ${rate(local.copySeconds)} | 1.00 |`,
      `| SHA-256 in memory (node:crypto, 64 KiB pieces): the upload's ceiling | ${local.sha256Seconds.toFixed(2)} | ${rate(local.sha256Seconds)} | ${ratio(local.sha256Seconds)} |`,
      `| upload (multipart, streamed, hashed; then sync) | ${local.uploadSeconds.toFixed(2)} | ${rate(local.uploadSeconds)} | ${ratio(local.uploadSeconds)} |`,
      `| download (curl to a file; then sync) | ${local.downloadSeconds.toFixed(2)} | ${rate(local.downloadSeconds)} | ${ratio(local.downloadSeconds)} |`,
      `| download to /dev/null (the service's own cost: no disk write follows) | ${local.streamSeconds.toFixed(2)} | ${rate(local.streamSeconds)} | ${ratio(local.streamSeconds)} |`,
      '',
      `Rounds (cp / upload / download / to /dev/null, s): ${local.rounds.map((r) => [r.copySeconds, r.uploadSeconds, r.downloadSeconds, r.streamSeconds].map((x) => x.toFixed(2)).join(' / ')).join('; ')}`,
      '',
      `Service memory: ${local.idleRssMiB.toFixed(0)} MiB before the transfer (start-up peak ${local.startPeakRssMiB.toFixed(0)} MiB), peak ${local.peakSinceTransfer ? 'during the transfer' : 'since start-up'} ${local.peakRssMiB.toFixed(0)} MiB = ${((local.peakRssMiB * 1024 ** 2) / 1e6).toFixed(0)} MB (target under 150 MB)${phases(local)}`,
    );
  }
  if (s3) {
    const mib = s3.bytes / 1024 ** 2;
    const rate = (s: number) => `${(mib / s).toFixed(0)} MiB/s`;
    const vs = (s3s: number, localS: number | undefined) => (localS ? `${(s3s / localS).toFixed(2)}×` : 'n/a');
    lines.push(
      '',
      `Asset transfer of ${gib(s3.bytes)} GiB through the S3 store (s3rver on loopback, same disk; SQLite):`,
      '',
      '| operation | seconds | throughput | S3 ÷ local store (time) |',
      '|---|---|---|---|',
      `| upload (staged, hashed, multipart to the bucket) | ${s3.uploadSeconds.toFixed(2)} | ${rate(s3.uploadSeconds)} | ${vs(s3.uploadSeconds, local?.uploadSeconds)} |`,
      `| download (streamed from the bucket) | ${s3.downloadSeconds.toFixed(2)} | ${rate(s3.downloadSeconds)} | ${vs(s3.downloadSeconds, local?.downloadSeconds)} |`,
      '',
      `Service memory with the S3 store: ${s3.idleRssMiB.toFixed(0)} MiB before the transfer (start-up peak ${s3.startPeakRssMiB.toFixed(0)} MiB), peak ${s3.peakSinceTransfer ? 'during the transfer' : 'since start-up'} ${s3.peakRssMiB.toFixed(0)} MiB${phases(s3)}`,
    );
  }
  return lines;
}

/**
 * bench/results/assets.md and .json (committed), kept apart from service.md so that a run of other
 * sections leaves the figures of the last run that measured the transfers.
 */
export function writeAssetResults(local: AssetFigures | null, s3: AssetFigures | null): void {
  const first = local ?? s3;
  if (!first) return;
  const stamp = `Measured ${first.at.slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}), load average ${first.loadAverage.toFixed(1)} at the start.`;
  const dir = path.join(root, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'assets.md'), [stamp, ...assetLines(local, s3)].join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'assets.json'), JSON.stringify({ local, s3 }, null, 2) + '\n');
}
