// Writes: POST /tasks with CONNECTIONS connections on each engine, the engines taking turns over
// BENCH_WRITE_ROUNDS rounds (a fresh service and database each time), and the PostgreSQL rate as a
// share of SQLite's: the median of each round's ratio, so that a machine whose speed drifts compares
// runs made a few seconds apart. While PostgreSQL is loaded, what its sessions of the bench database
// are doing is sampled from pg_stat_activity (running, or waiting — and for what), so the figure says
// whether the database or the service bounded it (with BENCH_PROFILE, the service's CPU profile says
// where its time went).
import pg from 'pg';
import { fixtures } from '../standin/index.js';
import { SERVICE, database, freePort, load, spawnAndWait, stop, type Figure } from './common.js';
import { summariseProfile } from './profile.js';

const olga = fixtures.users.olga;
const hq = fixtures.channels.campaignHq.id;
const SAMPLE_MS = 5;
const ROUNDS = Number(process.env.BENCH_WRITE_ROUNDS ?? 3);

interface Waits {
  counts: Map<string, number>;
  samples: number;
}

export interface WriteRound {
  sqlite: Figure;
  postgres: Figure;
  /** PostgreSQL's req/s ÷ SQLite's in this round. */
  ratio: number;
}

export interface WriteFigures {
  rounds: WriteRound[];
  /** The median of the rounds' ratios. */
  ratio: number;
  /** Share of samples of the service's PostgreSQL sessions in each state over every round, most common first. */
  waits: Array<{ what: string; share: number }>;
}

/** Samples the sessions of the database at `url` (but its own and the LISTEN one) into `into` until stopped. */
function sampleSessions(url: string, into: Waits): { stop(): Promise<void> } {
  const client = new pg.Client({ connectionString: url, application_name: 'bench-sampler' });
  const { counts } = into;
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
      into.samples += rows.length;
      await new Promise((r) => setTimeout(r, SAMPLE_MS));
    }
    await client.end();
  })();
  return {
    async stop() {
      running = false;
      await done;
    },
  };
}

async function benchEngine(engine: 'sqlite' | 'postgres', mmUrl: string, round: number, waits: Waits): Promise<Figure> {
  const db = await database(engine);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const name = `writes-${engine}-${round}`;
  const svc = await spawnAndWait(SERVICE, { ...db.env, PORT: String(port), MM_URL: mmUrl, LOG_LEVEL: 'warn' }, `${base}/healthz`, name);
  try {
    const headers = { authorization: `Bearer ${olga.token}`, 'content-type': 'application/json' };
    const res = await fetch(`${base}/api/v1/projects`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Bench', channel_id: hq }),
    });
    const project = (await res.json()) as { id: string };
    const sampler = engine === 'postgres' ? sampleSessions(db.env.DATABASE_URL!, waits) : null;
    const create = await load({
      url: `${base}/api/v1/tasks`,
      method: 'POST',
      headers,
      body: JSON.stringify({ channel_id: hq, title: 'Bench task', project_id: project.id }),
    });
    await sampler?.stop();
    return create;
  } finally {
    await stop(svc);
    summariseProfile(name);
    await db.drop();
  }
}

export async function benchWrites(mmUrl: string): Promise<WriteFigures> {
  const waits: Waits = { counts: new Map(), samples: 0 };
  const rounds: WriteRound[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const sqlite = await benchEngine('sqlite', mmUrl, round, waits);
    const postgres = await benchEngine('postgres', mmUrl, round, waits);
    rounds.push({ sqlite, postgres, ratio: postgres.rps / Math.max(sqlite.rps, 1) });
  }
  const ratios = rounds.map((r) => r.ratio).sort((a, b) => a - b);
  return {
    rounds,
    ratio: ratios[Math.floor(ratios.length / 2)]!,
    waits: [...waits.counts].sort((a, b) => b[1] - a[1]).map(([what, n]) => ({ what, share: n / Math.max(waits.samples, 1) })),
  };
}

export function writesTable(figures: WriteFigures): string[] {
  const lines = [
    `Writes: POST /api/v1/tasks on an empty project, same load, the engines taking turns (${figures.rounds.length} rounds)`,
    '',
    '| round | SQLite req/s | p50 / p99 ms | PostgreSQL req/s | p50 / p99 ms | errors | PostgreSQL ÷ SQLite |',
    '|---|---|---|---|---|---|---|',
    ...figures.rounds.map(
      (r, i) =>
        `| ${i + 1} | ${r.sqlite.rps.toFixed(0)} | ${r.sqlite.p50} / ${r.sqlite.p99} | ${r.postgres.rps.toFixed(0)} | ${r.postgres.p50} / ${r.postgres.p99} | ${r.sqlite.errors + r.postgres.errors} | ${r.ratio.toFixed(2)}× |`,
    ),
    '',
    `PostgreSQL ÷ SQLite, the median of the rounds: ${figures.ratio.toFixed(2)}× (target ≥ 0.7×)`,
  ];
  if (figures.waits.length) {
    lines.push('', 'PostgreSQL sessions of the service during the load (sampled every 5 ms):', '', '| state | share |', '|---|---|');
    for (const w of figures.waits.slice(0, 8)) lines.push(`| ${w.what} | ${(100 * w.share).toFixed(1)}% |`);
  }
  return lines;
}
