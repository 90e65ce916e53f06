// Memory under load: a bounded mixed run on each engine — event streams held open, writes and list
// reads at fixed rates (memory.load.ts, a process of its own), and one large asset upload by curl
// part-way through — while the service's resident memory is read every second. Whether it grows is
// told by the mean of the first window against the mean of the last; the heap and the memory outside
// it (buffers) are read from the service's own metrics every few seconds, to say what dominates.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { openDatabase, migrateToLatest } from '../../server-proxy/src/db/database.js';
import { insertTasks } from '../../server-proxy/src/tasks/task.repository.js';
import type { Task } from '../../server-proxy/src/tasks/task.types.js';
import { newId } from '../../server-proxy/src/util/ids.js';
import { fixtures } from '../standin/index.js';
import { SERVICE, database, freePort, peakRssMiB, root, spawnAndWait, stop } from './common.js';
import type { LoadFigures, LoadPlan } from './memory.load.js';
import { profileClock, summariseProfile } from './profile.js';

type Engine = 'sqlite' | 'postgres';

const SECONDS = Number(process.env.BENCH_MEMORY_SECONDS ?? 300);
/** First and last window compared: a minute, or a fifth of a shorter run. */
const WINDOW = Math.max(1, Math.min(60, Math.floor(SECONDS / 5)));
const STREAMS = Number(process.env.BENCH_MEMORY_STREAMS ?? 200);
const WRITES = Number(process.env.BENCH_MEMORY_WRITES ?? 50);
const READS = Number(process.env.BENCH_MEMORY_READS ?? 200);
const TASKS = Number(process.env.BENCH_MEMORY_TASKS ?? 3000);
const UPLOAD_BYTES = Number(process.env.BENCH_ASSET_BYTES ?? 1024 ** 3);
/** The upload starts this far into the run, so it is over before the last window. */
const UPLOAD_AT = Math.round(SECONDS * 0.3);
const ENGINES = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',') as Engine[];
const TARGET_MB = 200;
/** BENCH_MEMORY_SNAPSHOT=dir: a heap snapshot of the service is written there four fifths into the run (it costs memory: a diagnosis, not a figure). */
const SNAPSHOT_DIR = process.env.BENCH_MEMORY_SNAPSHOT ?? null;

const run = promisify(execFile);
const U = fixtures.users;
const hq = fixtures.channels.campaignHq.id;
const members = [U.olga, U.dmitry, U.agency, U.admin];

export interface MemoryFigures {
  engine: Engine;
  seconds: number;
  windowSeconds: number;
  tasks: number;
  streams: number;
  targetWritesPerSecond: number;
  targetReadsPerSecond: number;
  uploadBytes: number;
  /** Seconds into the run the upload began and ended; its status from curl (0: stored). */
  upload: { from: number; to: number; ok: boolean; error: string | null };
  /** VmRSS each second of the run, MiB. */
  rss: number[];
  /** RssAnon each second of the run, MiB. */
  anon: number[];
  idleRssMiB: number;
  peakRssMiB: number;
  firstWindowMeanMiB: number;
  lastWindowMeanMiB: number;
  /** Heap used and memory outside the heap (buffers, native), MiB, as the service's metrics told them. */
  heap: Array<{ second: number; heapUsedMiB: number; heapTotalMiB: number; externalMiB: number; rssMiB: number }>;
  load: LoadFigures;
}

/** The project the reads list: TASKS tasks in the campaign channel, written straight to the database. */
async function seed(env: Record<string, string>): Promise<string> {
  const opened = openDatabase({ databaseUrl: env.DATABASE_URL ?? null, dataDir: env.DATA_DIR! });
  const { db } = opened;
  try {
    await migrateToLatest(opened);
    const projectId = newId();
    const at = new Date().toISOString();
    await db
      .insertInto('projects')
      .values({ id: projectId, name: 'Memory', home_channel_id: hq, created_by: U.olga.id, created_at: at, updated_at: at })
      .execute();
    await db
      .insertInto('project_channels')
      .values({ project_id: projectId, channel_id: hq, added_by: U.olga.id, added_at: at, lead_id: null })
      .execute();
    const statuses = ['todo', 'in_progress', 'review', 'done', 'cancelled'] as const;
    const tasks: Task[] = Array.from({ length: TASKS }, (_, i) => {
      const when = new Date(Date.now() - (TASKS - i) * 1000).toISOString();
      return {
        id: newId(),
        title: `Task ${i}: banner for store ${i % 300}`,
        description: 'Seeded for the benchmark',
        status: statuses[i % statuses.length]!,
        assignee_id: i % 3 ? U.dmitry.id : null,
        due_at: null,
        channel_id: hq,
        project_id: projectId,
        source_post_id: null,
        permalink: null,
        files: [],
        parent_id: null,
        rollout_id: null,
        created_by: U.olga.id,
        created_at: when,
        updated_at: when,
        version: 1,
      };
    });
    await db.transaction().execute((trx) => insertTasks(trx, tasks, U.olga.id));
    await sql`analyze`.execute(db);
    return projectId;
  } finally {
    await db.destroy();
  }
}

function writeUpload(file: string): void {
  const fd = fs.openSync(file, 'w');
  const chunk = Buffer.alloc(8 * 1024 * 1024);
  for (let i = 0; i < chunk.length; i += 4) chunk.writeUInt32LE((i * 2654435761) >>> 0, i);
  for (let written = 0; written < UPLOAD_BYTES; written += chunk.length) {
    chunk.writeUInt32LE(written / chunk.length, 0);
    fs.writeSync(fd, chunk, 0, Math.min(chunk.length, UPLOAD_BYTES - written));
  }
  fs.closeSync(fd);
}

/** VmRSS and the part of it that is not file-backed (RssAnon: heap, buffers, native allocations), MiB. */
function residentMiB(pid: number): { rss: number; anon: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: kb('VmRSS'), anon: kb('RssAnon') };
}

/** The heap and external figures of a Prometheus scrape, MiB. */
async function heapOf(metricsUrl: string): Promise<{ heapUsedMiB: number; heapTotalMiB: number; externalMiB: number } | null> {
  try {
    const text = await (await fetch(metricsUrl)).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN) / 1024 ** 2;
    return {
      heapUsedMiB: value('nodejs_heap_size_used_bytes'),
      heapTotalMiB: value('nodejs_heap_size_total_bytes'),
      externalMiB: value('nodejs_external_memory_bytes'),
    };
  } catch {
    return null;
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);

async function benchEngine(engine: Engine, mmUrl: string, upload: string): Promise<MemoryFigures> {
  const fresh = await database(engine);
  try {
    const projectId = await seed(fresh.env);
    const port = await freePort();
    const metricsPort = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const svc = await spawnAndWait(
      SERVICE,
      {
        ...fresh.env,
        PORT: String(port),
        MM_URL: mmUrl,
        LOG_LEVEL: 'warn',
        METRICS_PORT: String(metricsPort),
        // The streams are spread over four people: each may hold its share.
        EVENTS_MAX_STREAMS_PER_USER: String(Math.max(10, Math.ceil(STREAMS / members.length))),
        ...(SNAPSHOT_DIR ? { NODE_OPTIONS: `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${SNAPSHOT_DIR}` } : {}),
      },
      `${base}/healthz`,
      `memory-${engine}`,
    );
    let profiledFrom = profileClock();
    try {
      const headers = { authorization: `Bearer ${U.olga.token}`, 'content-type': 'application/json' };
      const asset = (await (
        await fetch(`${base}/api/v1/assets`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ project_id: projectId, name: 'Big layout', channel_ids: [hq] }),
        })
      ).json()) as { id: string };
      const idleRssMiB = residentMiB(svc.pid!).rss;
      const plan: LoadPlan = {
        base,
        tokens: members.map((m) => m.token),
        streams: STREAMS,
        writesPerSecond: WRITES,
        readsPerSecond: READS,
        seconds: SECONDS,
        windowSeconds: WINDOW,
        writePath: '/api/v1/tasks',
        writeBody: JSON.stringify({ channel_id: hq, title: 'Written under load', project_id: projectId }),
        readPath: `/api/v1/tasks?project_id=${projectId}`,
        maxInFlight: 256,
      };
      const clients = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/memory.load.ts', JSON.stringify(plan)], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const lines = readline.createInterface({ input: clients.stdout! })[Symbol.asyncIterator]();
      const ready = await lines.next();
      if (ready.done) throw new Error('the load generator ended before its streams were open');

      const started = performance.now();
      profiledFrom = profileClock();
      const rss: number[] = [];
      const anon: number[] = [];
      const heap: MemoryFigures['heap'] = [];
      const sampler = setInterval(() => {
        const second = Math.round((performance.now() - started) / 1000);
        const resident = residentMiB(svc.pid!);
        const now = resident.rss;
        anon.push(resident.anon);
        if (SNAPSHOT_DIR && second === Math.round(SECONDS * 0.8)) svc.kill('SIGUSR2');
        rss.push(now);
        if (second % 5 === 0)
          void heapOf(`http://127.0.0.1:${metricsPort}/metrics`).then((h) => h && heap.push({ second, ...h, rssMiB: now }));
      }, 1000);
      const uploadFigures: MemoryFigures['upload'] = { from: UPLOAD_AT, to: NaN, ok: false, error: null };
      const uploaded = new Promise<void>((resolve) =>
        setTimeout(() => {
          uploadFigures.from = (performance.now() - started) / 1000;
          run('curl', [
            '-sSf',
            '-o',
            '/dev/null',
            '-H',
            `Authorization: Bearer ${U.olga.token}`,
            '-F',
            `file=@${upload};filename=layout.bin;type=application/octet-stream`,
            `${base}/api/v1/assets/${asset.id}/versions`,
          ])
            .then(() => (uploadFigures.ok = true))
            .catch((err: Error) => (uploadFigures.error = err.message.split('\n').slice(-2).join(' ').trim()))
            .finally(() => {
              uploadFigures.to = (performance.now() - started) / 1000;
              resolve();
            });
        }, UPLOAD_AT * 1000),
      );
      const result = await lines.next();
      clearInterval(sampler);
      await uploaded;
      if (result.done) throw new Error('the load generator ended without its figures');
      const load = JSON.parse(result.value) as LoadFigures;
      const inRun = rss.slice(0, SECONDS);
      return {
        engine,
        seconds: SECONDS,
        windowSeconds: WINDOW,
        tasks: TASKS,
        streams: STREAMS,
        targetWritesPerSecond: WRITES,
        targetReadsPerSecond: READS,
        uploadBytes: UPLOAD_BYTES,
        upload: uploadFigures,
        rss,
        anon,
        idleRssMiB,
        peakRssMiB: peakRssMiB(svc.pid!),
        firstWindowMeanMiB: mean(inRun.slice(0, WINDOW)),
        lastWindowMeanMiB: mean(inRun.slice(-WINDOW)),
        heap,
        load,
      };
    } finally {
      await stop(svc);
      summariseProfile(`memory-${engine}`, profiledFrom);
    }
  } finally {
    await fresh.drop();
  }
}

export async function benchMemory(mmUrl: string): Promise<MemoryFigures[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-bench-memory-'));
  const upload = path.join(dir, 'upload.bin');
  writeUpload(upload);
  try {
    const out: MemoryFigures[] = [];
    for (const engine of ENGINES) {
      process.stderr.write(`bench:   memory under load on ${engine} for ${SECONDS} s…\n`);
      out.push(await benchEngine(engine, mmUrl, upload));
    }
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '—');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');

/** The table of make bench: one row per engine, then the list's p99 per window and what the heap held. */
export function memoryLines(all: MemoryFigures[]): string[] {
  if (!all.length) return [];
  const m = all[0]!;
  const lines = [
    '',
    `Memory under load: ${m.seconds} s on each engine — ${m.streams} open event streams, ${m.targetWritesPerSecond} writes/s (POST /api/v1/tasks) and ${m.targetReadsPerSecond} list reads/s (GET /api/v1/tasks?project_id, ${m.tasks.toLocaleString('en')} tasks, the writes land in it) on a fixed schedule, one ${(m.uploadBytes / 1024 ** 3).toFixed(2)} GiB upload by curl from second ${m.upload.from.toFixed(0)}; the service's VmRSS read every second (target: peak under ${TARGET_MB} MB, no growth from the first ${m.windowSeconds} s to the last)`,
    '',
    '| engine | idle MiB | peak MiB (VmHWM) | first window mean | last window mean | last − first | last ÷ first | writes/s | reads/s | events received / expected | errors | skipped | streams lost | upload s |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const f of all) {
    const l = f.load;
    const expected = l.writesOk * f.streams;
    lines.push(
      `| ${f.engine} | ${f0(f.idleRssMiB)} | ${f0(f.peakRssMiB)} | ${f1(f.firstWindowMeanMiB)} | ${f1(f.lastWindowMeanMiB)} | ${f1(f.lastWindowMeanMiB - f.firstWindowMeanMiB)} | ${(f.lastWindowMeanMiB / f.firstWindowMeanMiB).toFixed(3)} | ${f1(l.writesOk / f.seconds)} | ${f1(l.readsOk / f.seconds)} | ${l.events.toLocaleString('en')} / ${expected.toLocaleString('en')} | ${l.errors}${l.firstError ? ` (${l.firstError})` : ''} | ${l.skipped} | ${l.streamsLost} | ${f.upload.ok ? f1(f.upload.to - f.upload.from) : `failed: ${f.upload.error}`} |`,
    );
  }
  lines.push('', `List read latency per ${m.windowSeconds} s window (from when each request was due), ms:`, '');
  lines.push(`| engine | ${m.load.windows.map((w) => `from ${w.fromSecond} s p50 / p99`).join(' | ')} |`);
  lines.push(`|---|${m.load.windows.map(() => '---').join('|')}|`);
  for (const f of all) lines.push(`| ${f.engine} | ${f.load.windows.map((w) => `${f1(w.readP50)} / ${f1(w.readP99)}`).join(' | ')} |`);
  lines.push('', 'What the service held at its highest RSS sample and at the end (its metrics), MiB:', '');
  lines.push('| engine | when | RSS | heap used | heap total | outside the heap (external) |', '|---|---|---|---|---|---|');
  for (const f of all) {
    if (!f.heap.length) continue;
    const top = f.heap.reduce((a, b) => (b.rssMiB > a.rssMiB ? b : a));
    const last = f.heap[f.heap.length - 1]!;
    for (const [when, h] of [
      [`highest (second ${top.second})`, top],
      [`last (second ${last.second})`, last],
    ] as const)
      lines.push(`| ${f.engine} | ${when} | ${f0(h.rssMiB)} | ${f0(h.heapUsedMiB)} | ${f0(h.heapTotalMiB)} | ${f0(h.externalMiB)} |`);
  }
  return lines;
}

/** bench/results/memory.md and .json, kept apart so a run of other sections leaves them. */
export function writeMemoryResults(all: MemoryFigures[], started: Date): void {
  if (!all.length) return;
  const stamp = `Measured ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}), load average ${os.loadavg()[0]!.toFixed(1)} at the end.`;
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench/results/memory.md'), [stamp, ...memoryLines(all)].join('\n') + '\n');
  fs.writeFileSync(
    path.join(root, 'bench/results/memory.json'),
    JSON.stringify({ started, cores: os.cpus().length, runs: all }, null, 2) + '\n',
  );
}
