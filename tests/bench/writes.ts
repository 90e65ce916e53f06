// Writes: POST /tasks with CONNECTIONS connections on each engine, one after the other in one run, and
// the PostgreSQL rate as a share of SQLite's. While PostgreSQL is loaded, what its sessions of the
// bench database are doing is sampled from pg_stat_activity (running, or waiting — and for what), so
// the figure says whether the database or the service bounded it (with BENCH_PROFILE, the service's
// CPU profile says where its time went).
import pg from 'pg';
import { fixtures } from '../standin/index.js';
import { SERVICE, database, freePort, load, spawnAndWait, stop, type Figure } from './common.js';
import { summariseProfile } from './profile.js';

const olga = fixtures.users.olga;
const hq = fixtures.channels.campaignHq.id;
const SAMPLE_MS = 5;

export interface WriteFigures {
  engine: 'sqlite' | 'postgres';
  create: Figure;
  /** PostgreSQL only: share of samples of the service's sessions in each state, most common first. */
  waits: Array<{ what: string; share: number }>;
}

/** Samples the sessions of the database at `url` (but its own and the LISTEN one) until stopped. */
function sampleSessions(url: string): { stop(): Promise<Array<{ what: string; share: number }>> } {
  const client = new pg.Client({ connectionString: url, application_name: 'bench-sampler' });
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const done = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{ what: string }>(
        `select case when state = 'active' then coalesce(wait_event_type || ': ' || wait_event, 'on CPU')
                     else state || coalesce(' (' || wait_event || ')', '') end as what
         from pg_stat_activity
         where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
           and application_name not in ('throughline-listen', 'bench-sampler')`,
      );
      for (const r of rows) counts.set(r.what, (counts.get(r.what) ?? 0) + 1);
      samples += rows.length;
      await new Promise((r) => setTimeout(r, SAMPLE_MS));
    }
    await client.end();
  })();
  return {
    async stop() {
      running = false;
      await done;
      return [...counts].sort((a, b) => b[1] - a[1]).map(([what, n]) => ({ what, share: n / Math.max(samples, 1) }));
    },
  };
}

async function benchEngine(engine: 'sqlite' | 'postgres', mmUrl: string): Promise<WriteFigures> {
  const db = await database(engine);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const name = `writes-${engine}`;
  const svc = await spawnAndWait(SERVICE, { ...db.env, PORT: String(port), MM_URL: mmUrl, LOG_LEVEL: 'warn' }, `${base}/healthz`, name);
  try {
    const headers = { authorization: `Bearer ${olga.token}`, 'content-type': 'application/json' };
    const res = await fetch(`${base}/api/v1/projects`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Bench', channel_id: hq }),
    });
    const project = (await res.json()) as { id: string };
    const sampler = engine === 'postgres' ? sampleSessions(db.env.DATABASE_URL!) : null;
    const create = await load({
      url: `${base}/api/v1/tasks`,
      method: 'POST',
      headers,
      body: JSON.stringify({ channel_id: hq, title: 'Bench task', project_id: project.id }),
    });
    return { engine, create, waits: (await sampler?.stop()) ?? [] };
  } finally {
    await stop(svc);
    summariseProfile(name);
    await db.drop();
  }
}

export async function benchWrites(mmUrl: string): Promise<WriteFigures[]> {
  return [await benchEngine('sqlite', mmUrl), await benchEngine('postgres', mmUrl)];
}

export function writesTable(figures: WriteFigures[]): string[] {
  const [sqlite, postgres] = figures;
  const lines = [
    'Writes: POST /api/v1/tasks on an empty project, same load',
    '',
    '| engine | req/s | p50 ms | p99 ms | errors |',
    '|---|---|---|---|---|',
    ...figures.map((f) => `| ${f.engine} | ${f.create.rps.toFixed(0)} | ${f.create.p50} | ${f.create.p99} | ${f.create.errors} |`),
  ];
  if (sqlite && postgres) lines.push('', `PostgreSQL ÷ SQLite: ${(postgres.create.rps / sqlite.create.rps).toFixed(2)}× (target ≥ 0.7×)`);
  if (postgres?.waits.length) {
    lines.push('', 'PostgreSQL sessions of the service during the load (sampled every 5 ms):', '', '| state | share |', '|---|---|');
    for (const w of postgres.waits.slice(0, 8)) lines.push(`| ${w.what} | ${(100 * w.share).toFixed(1)}% |`);
  }
  return lines;
}
