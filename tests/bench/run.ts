// make bench: service throughput/latency against a constant Fastify route, per engine; bundle size.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, migrateToLatest } from '../../server-proxy/src/db/database.js';
import { insertTask } from '../../server-proxy/src/tasks/task.repository.js';
import { newId } from '../../server-proxy/src/util/ids.js';
import { fixtures, startStandin } from '../standin/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const TASKS = Number(process.env.BENCH_TASKS ?? 10_000);
const PG_ADMIN = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const olga = fixtures.users.olga;
const hq = fixtures.channels.campaignHq.id;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

async function spawnAndWait(args: string[], env: Record<string, string>, probe: string): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 200; i++) {
    try { if ((await fetch(probe)).ok) return proc; } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGKILL');
  throw new Error(`did not start: ${args.join(' ')}`);
}

interface Figure { rps: number; p50: number; p99: number; errors: number }

async function load(opts: autocannon.Options): Promise<Figure> {
  const r = await autocannon({ connections: CONNECTIONS, duration: DURATION, ...opts });
  const errors = r.errors + r.timeouts + r.non2xx;
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors };
}

async function database(engine: 'sqlite' | 'postgres'): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-bench-'));
    return { env: { DATA_DIR: dir }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `tl_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** 10,000 tasks in one project, written straight through the repository (seeding is not what is measured). */
async function seed(env: Record<string, string>, projectId: string): Promise<void> {
  const { db } = openDatabase({ databaseUrl: env.DATABASE_URL ?? null, dataDir: env.DATA_DIR ?? './data' });
  await migrateToLatest(db);
  const statuses = ['todo', 'in_progress', 'review', 'done', 'cancelled'] as const;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < TASKS; i++) {
      const at = new Date(Date.now() - (TASKS - i) * 1000).toISOString();
      await insertTask(trx, {
        id: newId(), title: `Task ${i}: banner for store ${i % 300}`, description: 'Seeded for the benchmark',
        status: statuses[i % 5]!, assignee_id: i % 3 ? fixtures.users.dmitry.id : null, due_at: null,
        channel_id: hq, project_id: projectId, source_post_id: null, permalink: null, files: [],
        created_by: olga.id, created_at: at, updated_at: at, version: 1,
      });
    }
  });
  // A live database has planner statistics (autovacuum keeps them); a freshly seeded one must be told.
  await sql`analyze`.execute(db);
  await db.destroy();
}

async function benchEngine(engine: 'sqlite' | 'postgres', mmUrl: string, constUrl: string) {
  const db = await database(engine);
  const port = await freePort();
  const env = { ...db.env, PORT: String(port), MM_URL: mmUrl, LOG_LEVEL: 'warn' };
  const base = `http://127.0.0.1:${port}`;
  let svc = await spawnAndWait(['server-proxy/src/server.ts'], env, `${base}/healthz`);
  const headers = { authorization: `Bearer ${olga.token}`, 'content-type': 'application/json' };
  const project = await (await fetch(`${base}/api/v1/projects`, { method: 'POST', headers, body: JSON.stringify({ name: 'Bench', channel_id: hq }) })).json() as { id: string };
  svc.kill('SIGTERM');
  await new Promise((r) => svc.once('exit', r));
  await seed(db.env, project.id);
  svc = await spawnAndWait(['server-proxy/src/server.ts'], env, `${base}/healthz`);
  try {
    const constant = await load({ url: constUrl });
    const list = await load({ url: `${base}/api/v1/tasks?project_id=${project.id}`, headers });
    const create = await load({ url: `${base}/api/v1/tasks`, method: 'POST', headers, body: JSON.stringify({ channel_id: hq, title: 'Bench task', project_id: project.id }) });
    return { engine, constant, list, create };
  } finally {
    svc.kill('SIGTERM');
    await new Promise((r) => svc.once('exit', r));
    await db.drop();
  }
}

const fmt = (f: Figure, c: Figure) => `${f.rps.toFixed(0).padStart(7)} | ${String(f.p50).padStart(4)} | ${String(f.p99).padStart(4)} | ${(c.rps / f.rps).toFixed(2)}× | ${f.errors}`;

async function main() {
  const mm = await startStandin();
  const constPort = await freePort();
  const constant = await spawnAndWait(['tests/bench/constant-server.ts'], { PORT: String(constPort) }, `http://127.0.0.1:${constPort}/const`);
  const results = [];
  try {
    for (const engine of ['sqlite', 'postgres'] as const) {
      process.stderr.write(`bench: ${engine}…\n`);
      results.push(await benchEngine(engine, mm.url, `http://127.0.0.1:${constPort}/const`));
    }
  } finally {
    constant.kill('SIGTERM');
    await mm.close();
  }
  const lines = [
    `Service benchmark: ${TASKS} tasks in one project, ${CONNECTIONS} connections, ${DURATION}s per route, loopback, ${os.cpus().length} cores`,
    '',
    '| engine | route | req/s | p50 ms | p99 ms | constant ÷ route | errors |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    lines.push(`| ${r.engine} | constant Fastify route | ${fmt(r.constant, r.constant)} |`);
    lines.push(`| ${r.engine} | GET /api/v1/tasks?project_id (100 per page) | ${fmt(r.list, r.constant)} |`);
    lines.push(`| ${r.engine} | POST /api/v1/tasks | ${fmt(r.create, r.constant)} |`);
  }
  const bundle = path.join(root, 'webapp/dist/main.js');
  if (fs.existsSync(bundle)) {
    const raw = fs.readFileSync(bundle);
    lines.push('', `Plugin bundle webapp/dist/main.js: ${(raw.length / 1024).toFixed(1)} KB raw, ${(zlib.gzipSync(raw, { level: 9 }).length / 1024).toFixed(1)} KB gzipped (target ≤ 60 KB)`);
  }
  const out = lines.join('\n');
  process.stdout.write(out + '\n');
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench/results/service.md'), out + '\n');
  fs.writeFileSync(path.join(root, 'bench/results/service.json'), JSON.stringify(results, null, 2));
}

await main();
