// The campaign record export of a 50,000-task project (each task with two history entries): how
// long the download takes, and the service's peak memory, which shows whether it streams.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../../server-proxy/src/db/database.js';
import { newId } from '../../server-proxy/src/util/ids.js';
import { fixtures } from '../standin/index.js';
import { SERVICE, database, freePort, peakRssMiB, spawnAndWait, stop } from './common.js';

const TASKS = Number(process.env.BENCH_EXPORT_TASKS ?? 50_000);
const BATCH = 500;
const olga = fixtures.users.olga;
const hq = fixtures.channels.campaignHq.id;

export interface ExportFigures {
  engine: 'sqlite' | 'postgres';
  tasks: number;
  idleRssMiB: number;
  json: { seconds: number; bytes: number; peakRssMiB: number };
  html: { seconds: number; bytes: number; peakRssMiB: number };
}

/** Rows written straight into the tables, in batches: seeding is not what is measured. */
async function seed(env: Record<string, string>, projectId: string): Promise<void> {
  const { db } = openDatabase({ databaseUrl: env.DATABASE_URL ?? null, dataDir: env.DATA_DIR ?? './data' });
  const statuses = ['todo', 'in_progress', 'review', 'done', 'cancelled'] as const;
  const start = Date.now() - TASKS * 1000;
  for (let i = 0; i < TASKS; i += BATCH) {
    const tasks = Array.from({ length: Math.min(BATCH, TASKS - i) }, (_, j) => {
      const n = i + j;
      const at = new Date(start + n * 1000).toISOString();
      const title = `Task ${n}: banner for store ${n % 300}`;
      return {
        id: newId(),
        title,
        description: 'Seeded for the benchmark: outdoor 6×3, slogan B, the approved layout',
        search_text: title.toLowerCase(),
        status: statuses[n % 5]!,
        assignee_id: n % 3 ? fixtures.users.dmitry.id : null,
        due_at: null,
        channel_id: hq,
        project_id: projectId,
        source_post_id: null,
        permalink: null,
        files: '[]',
        created_by: olga.id,
        created_at: at,
        updated_at: at,
        deleted_at: null,
        version: 2,
        reminder_sent_at: null,
        thread_root_id: null,
        parent_id: null,
        rollout_id: null,
      };
    });
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('tasks').values(tasks).execute();
      await trx
        .insertInto('task_history')
        .values(
          tasks.flatMap((t) => [
            {
              id: newId(),
              task_id: t.id,
              actor_id: olga.id,
              action: 'created' as const,
              field: null,
              from_value: null,
              to_value: null,
              at: t.created_at,
            },
            {
              id: newId(),
              task_id: t.id,
              actor_id: olga.id,
              action: 'updated' as const,
              field: 'status',
              from_value: 'todo',
              to_value: t.status,
              at: t.updated_at,
            },
          ]),
        )
        .execute();
    });
  }
  await sql`analyze`.execute(db);
  await db.destroy();
}

export async function benchExports(engine: 'sqlite' | 'postgres', mmUrl: string): Promise<ExportFigures> {
  const db = await database(engine);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-export-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...db.env, PORT: String(port), MM_URL: mmUrl, LOG_LEVEL: 'warn' };
  let svc = await spawnAndWait(SERVICE, env, `${base}/healthz`);
  try {
    const headers = { authorization: `Bearer ${olga.token}`, 'content-type': 'application/json' };
    const project = (await (
      await fetch(`${base}/api/v1/projects`, { method: 'POST', headers, body: JSON.stringify({ name: 'Bench', channel_id: hq }) })
    ).json()) as { id: string };
    await stop(svc);
    await seed(db.env, project.id);
    svc = await spawnAndWait(SERVICE, env, `${base}/healthz`);
    // One small request first, so the idle figure includes a warmed-up route.
    await fetch(`${base}/api/v1/projects/${project.id}`, { headers });
    const idleRssMiB = peakRssMiB(svc.pid!);
    const download = async (format: 'json' | 'html') => {
      const file = path.join(dir, `record.${format}`);
      const t = process.hrtime.bigint();
      // curl stands for the browser (a client in this process would measure itself); asynchronously,
      // since the Mattermost stand-in answering the service's membership checks lives in this process.
      await promisify(execFile)('curl', [
        '-sSf',
        '-o',
        file,
        '-H',
        `Authorization: ${headers.authorization}`,
        `${base}/api/v1/projects/${project.id}/export?format=${format}`,
      ]);
      const seconds = Number(process.hrtime.bigint() - t) / 1e9;
      return { file, seconds, bytes: fs.statSync(file).size, peakRssMiB: peakRssMiB(svc.pid!) };
    };
    const json = await download('json');
    const parsed = JSON.parse(fs.readFileSync(json.file, 'utf8')) as { tasks: unknown[] };
    if (parsed.tasks.length !== TASKS) throw new Error(`exported ${parsed.tasks.length} tasks of ${TASKS}`);
    const html = await download('html');
    const rows = fs.readFileSync(html.file, 'utf8').split('<tr><td><b>Task ').length - 1;
    if (rows !== TASKS) throw new Error(`printed ${rows} tasks of ${TASKS}`);
    const figure = (f: typeof json) => ({ seconds: f.seconds, bytes: f.bytes, peakRssMiB: f.peakRssMiB });
    return { engine, tasks: TASKS, idleRssMiB, json: figure(json), html: figure(html) };
  } finally {
    await stop(svc);
    fs.rmSync(dir, { recursive: true, force: true });
    await db.drop();
  }
}
