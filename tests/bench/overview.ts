// The project overview of a 20-channel, 20,000-task project whose tasks carry a history of status
// changes over the last eight weeks: GET /projects/:id/overview (every aggregate), a matrix cell's
// page and a month of due dates, p50/p95 against the constant route of the same run, on each engine.
// The stand-in gets 19 store channels that Olga and the bot are in, for this bench only.
import { sql } from 'kysely';
import { openDatabase, migrateToLatest, type Db } from '../../server-proxy/src/db/database.js';
import type { TaskHistoryTable, TasksTable } from '../../server-proxy/src/db/schema.js';
import { newId } from '../../server-proxy/src/util/ids.js';
import { fixtures, startStandin } from '../standin/index.js';
import { SERVICE, database, freePort, measure, spawnAndWait, stop, type Latency } from './common.js';

const TASKS = Number(process.env.BENCH_OVERVIEW_TASKS ?? 20_000);
const CHANNELS = Number(process.env.BENCH_OVERVIEW_CHANNELS ?? 20);
const BATCH = 500;
const OVERVIEW_CONNECTIONS = 2;
const DAY = 86_400_000;
const U = fixtures.users;
const hq = fixtures.channels.campaignHq.id;
const people = [U.olga.id, U.dmitry.id, U.pavel.id, U.kazan.id, null];
const storeId = (i: number) => `benchovw${String(i).padStart(18, '0')}`;
const FLOW = ['todo', 'in_progress', 'review', 'done'] as const;

export interface OverviewFigures {
  engine: 'sqlite' | 'postgres';
  tasks: number;
  channels: number;
  historyRows: number;
  overviewBytes: number;
  constant: Latency;
  overview: Latency;
  cell: Latency;
  due: Latency;
}

/**
 * Tasks spread over the channels and the last eight weeks, each moved along todo → in_progress →
 * review → done by 0–3 steps (one in twenty cancelled), a step every few hours to days; a third
 * with due dates around now. Rows straight into the tables: writing them is not what is measured.
 */
async function seed(db: Db, projectId: string, channels: string[]): Promise<number> {
  const now = Date.now();
  let history = 0;
  for (let from = 0; from < TASKS; from += BATCH) {
    const tasks: TasksTable[] = [];
    const rows: TaskHistoryTable[] = [];
    for (let i = from; i < Math.min(TASKS, from + BATCH); i++) {
      const id = newId();
      const created = now - 56 * DAY + ((i * 7919) % (54 * DAY));
      const steps = i % 4;
      const moves: Array<[string, number]> = [];
      let t = created;
      for (let k = 1; k <= steps; k++) {
        t += ((i * 31 + k * 977) % 72) * 3_600_000 + 600_000;
        if (t < now) moves.push([FLOW[k]!, t]);
      }
      if (i % 20 === 0) moves.push(['cancelled', Math.min(now - 1000, (moves.at(-1)?.[1] ?? created) + 3_600_000)]);
      const iso = (ms: number) => new Date(ms).toISOString();
      tasks.push({
        id,
        title: `Store task ${i}`,
        description: '',
        search_text: `store task ${i}`,
        status: (moves.at(-1)?.[0] ?? 'todo') as TasksTable['status'],
        assignee_id: people[i % people.length]!,
        due_at: i % 3 === 0 ? iso(now + ((i % 40) - 20) * DAY) : null,
        channel_id: channels[i % channels.length]!,
        project_id: projectId,
        source_post_id: null,
        permalink: null,
        files: '[]',
        created_by: U.olga.id,
        created_at: iso(created),
        updated_at: iso(moves.at(-1)?.[1] ?? created),
        deleted_at: null,
        version: 1 + moves.length,
        reminder_sent_at: null,
        thread_root_id: null,
        parent_id: null,
        rollout_id: null,
      });
      const base = { task_id: id, actor_id: U.dmitry.id };
      rows.push({ ...base, id: newId(), action: 'created', field: null, from_value: null, to_value: null, at: iso(created) });
      let prev = 'todo';
      for (const [to, at] of moves) {
        rows.push({ ...base, id: newId(), action: 'updated', field: 'status', from_value: prev, to_value: to, at: iso(at) });
        prev = to;
      }
    }
    history += rows.length;
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('tasks').values(tasks).execute();
      for (let k = 0; k < rows.length; k += BATCH)
        await trx
          .insertInto('task_history')
          .values(rows.slice(k, k + BATCH))
          .execute();
    });
  }
  await sql`analyze`.execute(db);
  return history;
}

export async function benchOverview(engine: 'sqlite' | 'postgres', constUrl: string): Promise<OverviewFigures> {
  const mm = await startStandin();
  const stores = Array.from({ length: CHANNELS - 1 }, (_, i) => storeId(i));
  for (const [i, id] of stores.entries()) {
    mm.addChannel({ id, name: `store-${i}`, display_name: `Store ${i}` });
    mm.addMember(id, U.olga.id);
    mm.addMember(id, U.throughline.id);
  }
  const fresh = await database(engine);
  const port = await freePort();
  const env = { ...fresh.env, PORT: String(port), MM_URL: mm.url, MM_BOT_TOKEN: U.throughline.token, LOG_LEVEL: 'warn' };
  const base = `http://127.0.0.1:${port}`;
  const headers = { authorization: `Bearer ${U.olga.token}`, 'content-type': 'application/json' };
  const post = async (path: string, body: unknown) => {
    const r = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as { id: string };
  };
  let svc = await spawnAndWait(SERVICE, env, `${base}/healthz`);
  try {
    const project = await post('/api/v1/projects', { name: 'Overview bench', channel_id: hq });
    for (const id of stores) await post(`/api/v1/projects/${project.id}/channels`, { channel_id: id });
    await stop(svc);
    const opened = openDatabase({ databaseUrl: fresh.env.DATABASE_URL ?? null, dataDir: fresh.env.DATA_DIR ?? './data' });
    await migrateToLatest(opened);
    const historyRows = await seed(opened.db, project.id, [hq, ...stores]);
    await opened.db.destroy();
    svc = await spawnAndWait(SERVICE, env, `${base}/healthz`);
    const overviewUrl = `${base}/api/v1/projects/${project.id}/overview?weeks=8`;
    const first = await fetch(overviewUrl, { headers });
    if (!first.ok) throw new Error(`overview: ${first.status} ${await first.text()}`);
    const overviewBytes = (await first.text()).length;
    const month = new Date().toISOString().slice(0, 8);
    const constant = await measure({ url: constUrl });
    // A report someone opens now and then, not a list under constant load: a few at a time, and the
    // answers still in flight when the run ends are waited for before the next route is measured.
    const overview = await measure({ url: overviewUrl, headers, connections: OVERVIEW_CONNECTIONS });
    await fetch(overviewUrl, { headers });
    const cell = await measure({
      url: `${base}/api/v1/projects/${project.id}/overview/cell?channel_id=${stores[3]}&kind=status&status=todo`,
      headers,
    });
    const due = await measure({ url: `${base}/api/v1/projects/${project.id}/due?from=${month}01&to=${month}28`, headers });
    return { engine, tasks: TASKS, channels: CHANNELS, historyRows, overviewBytes, constant, overview, cell, due };
  } finally {
    await stop(svc);
    await fresh.drop();
    await mm.close();
  }
}

/** The figures as the lines of bench/results/service.md. */
export function overviewLines(figures: readonly OverviewFigures[]): string[] {
  if (!figures.length) return [];
  const f0 = figures[0]!;
  const lines = [
    '',
    `Project overview: ${f0.tasks.toLocaleString('en')} tasks in ${f0.channels} channels of one project, ${f0.historyRows.toLocaleString('en')} history rows over eight weeks (overview answer ${(f0.overviewBytes / 1024).toFixed(0)} KB), same load`,
    '',
    '| engine | route | req/s | p50 ms | p95 ms | p50 ÷ constant p50 | p95 ÷ constant p95 | errors |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const f of figures) {
    const row = (name: string, x: Latency) =>
      `| ${f.engine} | ${name} | ${x.rps.toFixed(0)} | ${x.p50} | ${x.p95} | ${(x.p50 / Math.max(f.constant.p50, 0.1)).toFixed(1)}× | ${(x.p95 / Math.max(f.constant.p95, 0.1)).toFixed(1)}× | ${x.errors} |`;
    lines.push(row('constant Fastify route', f.constant));
    lines.push(row(`GET /api/v1/projects/:id/overview?weeks=8 (${OVERVIEW_CONNECTIONS} connections)`, f.overview));
    lines.push(row('GET /api/v1/projects/:id/overview/cell (status, 100 per page)', f.cell));
    lines.push(row('GET /api/v1/projects/:id/due (28 days)', f.due));
  }
  return lines;
}
