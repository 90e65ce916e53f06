// The list routes against their payload floor: each route's p50/p95 and throughput beside the
// constant route and beside a constant route sending the very bytes the route answered (what the
// payload alone costs), on one engine. A page reused while nothing changed ("cached") and the same
// page made afresh on every request (a cursor past every id, different each time: as right after a
// change) are both measured. With BENCH_PROFILE each route runs in a service of its own, profiled.
import { randomBytes } from 'node:crypto';
import { openDatabase, migrateToLatest } from '../../server-proxy/src/db/database.js';
import { fixtures, type Standin } from '../standin/index.js';
import { SERVICE, database, freePort, measure, spawnAndWait, stop, type Latency } from './common.js';
import { ASSETS, DECISIONS, TASKS, WIDE_CHANNELS, seedLists, wideChannels } from './lists.seed.js';
import { PROFILE_DIR, profileClock, summariseProfile } from './profile.js';

type Engine = 'sqlite' | 'postgres';

/** BENCH_LIST_ROUTES=0,2: only those routes (by their place in the table), e.g. to profile one. */
const ONLY_ROUTES = process.env.BENCH_LIST_ROUTES?.split(',').map(Number) ?? null;

interface Route {
  /** What is listed, as the table names it. */
  name: string;
  path: string;
  /** Also measured with a cursor past every id, new on each request. */
  fresh: boolean;
}

export interface RouteFigure {
  name: string;
  path: string;
  bytes: number;
  /** The constant route sending the same bytes, measured just before. */
  floor: Latency;
  cached: Latency;
  fresh: Latency | null;
}

export interface ListFigures {
  engine: Engine;
  constant: Latency;
  routes: RouteFigure[];
}

const olga = fixtures.users.olga;
const headers = { authorization: `Bearer ${olga.token}` };

function routes(campaign: string, wide: string): Route[] {
  return [
    { name: `GET /tasks?project_id — ${TASKS} tasks, 100 per page`, path: `/api/v1/tasks?project_id=${campaign}`, fresh: true },
    {
      name: `GET /decisions?project_id — ${DECISIONS} decisions, 100 per page`,
      path: `/api/v1/decisions?project_id=${campaign}`,
      fresh: true,
    },
    { name: `GET /assets?project_id — ${ASSETS} assets, 1–3 versions each`, path: `/api/v1/assets?project_id=${campaign}`, fresh: false },
    {
      name: `user in ${WIDE_CHANNELS} channels: GET /tasks?project_id — ${TASKS} tasks over them`,
      path: `/api/v1/tasks?project_id=${wide}`,
      fresh: true,
    },
    { name: `user in ${WIDE_CHANNELS} channels: GET /tasks — every channel of theirs`, path: `/api/v1/tasks`, fresh: true },
    {
      name: `user in ${WIDE_CHANNELS} channels: GET /decisions?project_id — ${DECISIONS} decisions over them`,
      path: `/api/v1/decisions?project_id=${wide}`,
      fresh: true,
    },
  ];
}

/** A cursor past every id (UUIDv7 ids start with the time), different on each request. */
const pastEveryId = (path: string) =>
  `${path}${path.includes('?') ? '&' : '?'}cursor=ffffffff-ffff-7fff-bfff-${randomBytes(6).toString('hex')}`;

/** The route's answer, as the floor route will send it; asked again if a kept-alive connection was dropped meanwhile. */
async function sample(url: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = await fetch(url, { headers });
      if (!answer.ok) throw new Error(`${url}: ${answer.status} ${await answer.text()}`);
      return await answer.text();
    } catch (err) {
      if (attempt === 3 || !(err instanceof TypeError)) throw err;
    }
  }
}

export async function benchLists(engine: Engine, mm: Standin, constBase: string): Promise<ListFigures> {
  const fresh = await database(engine);
  const opened = openDatabase({ databaseUrl: fresh.env.DATABASE_URL ?? null, dataDir: fresh.env.DATA_DIR! });
  let seeded;
  try {
    await migrateToLatest(opened);
    seeded = await seedLists(opened.db, wideChannels(mm));
  } finally {
    await opened.db.destroy();
  }
  // Chosen after the (long) seeding, so nothing else on the machine has taken it meanwhile.
  const port = await freePort();
  const env = { ...fresh.env, PORT: String(port), MM_URL: mm.url, LOG_LEVEL: 'warn' };
  const base = `http://127.0.0.1:${port}`;
  const start = (name: string) => spawnAndWait(SERVICE, env, `${base}/healthz`, PROFILE_DIR ? `lists-${engine}-${name}` : undefined);
  /** When the load of the service's route began: its profile is summarised from then. */
  let loaded = 0;
  const finish = async (svc: Awaited<ReturnType<typeof start>>, name: string) => {
    await stop(svc);
    if (PROFILE_DIR) summariseProfile(`lists-${engine}-${name}`, loaded);
  };
  try {
    const constant = await measure({ url: `${constBase}/const` });
    const figures: RouteFigure[] = [];
    // Profiled, each way of each route has a service of its own; otherwise one serves them all.
    const shared = PROFILE_DIR ? null : await start('all');
    try {
      for (const [i, r] of routes(seeded.campaign, seeded.wide).entries()) {
        if (ONLY_ROUTES && !ONLY_ROUTES.includes(i)) continue;
        process.stderr.write(`bench:   ${r.name}\n`);
        let own = shared ?? (await start(`${i}-cached`));
        const body = await sample(`${base}${r.path}`);
        await fetch(`${constBase}/page/${i}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const floor = await measure({ url: `${constBase}/page/${i}` });
        loaded = profileClock();
        const cached = await measure({ url: `${base}${r.path}`, headers });
        let again: Latency | null = null;
        if (r.fresh) {
          if (!shared) {
            await finish(own, `${i}-cached`);
            own = await start(`${i}-fresh`);
          }
          const setupRequest = (q: { path?: string }) => ({ ...q, path: pastEveryId(r.path) });
          loaded = profileClock();
          again = await measure({ url: `${base}${r.path}`, headers, requests: [{ setupRequest }] });
        }
        if (!shared) await finish(own, `${i}-${r.fresh ? 'fresh' : 'cached'}`);
        figures.push({ name: r.name, path: r.path, bytes: body.length, floor, cached, fresh: again });
      }
    } finally {
      if (shared) await finish(shared, 'all');
    }
    return { engine, constant, routes: figures };
  } finally {
    await fresh.drop();
  }
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
/** a's throughput over b's; none when b answered nothing in the time. */
const ratio = (a: Latency, b: Latency) => (b.rps > 0 ? `${(a.rps / b.rps).toFixed(2)}×` : '—');

/** The tables of make bench: one row per route and way (reused page, made afresh), per engine. */
export function listTable(all: ListFigures[]): string[] {
  if (!all.length) return [];
  const lines = [
    `List routes against their payload floor: ${TASKS} tasks, ${DECISIONS} decisions and ${ASSETS} assets in one project; the same numbers of tasks and decisions in a project over ${WIDE_CHANNELS} channels, read by a member of all of them.`,
    'Ratios are of throughput (req/s): the constant route ÷ the route, and the constant route sending the same bytes (the payload floor) ÷ the route. Targets: ÷ floor ≤ 2 on SQLite, ≤ 2.5 on PostgreSQL.',
    '',
    '| engine | route | KB | way | req/s | p50 ms | p95 ms | ÷ constant | ÷ payload floor | floor p50 / p95 ms | errors |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const f of all) {
    lines.push(
      `| ${f.engine} | constant Fastify route | 0 | | ${f.constant.rps.toFixed(0)} | ${ms(f.constant.p50)} | ${ms(f.constant.p95)} | 1.00× | | | ${f.constant.errors} |`,
    );
    for (const r of f.routes) {
      const row = (way: string, l: Latency) =>
        `| ${f.engine} | ${r.name} | ${(r.bytes / 1024).toFixed(0)} | ${way} | ${l.rps.toFixed(0)} | ${ms(l.p50)} | ${ms(l.p95)} | ${ratio(f.constant, l)} | ${ratio(r.floor, l)} | ${ms(r.floor.p50)} / ${ms(r.floor.p95)} | ${l.errors} |`;
      lines.push(row('reused', r.cached));
      if (r.fresh) lines.push(row('made afresh', r.fresh));
    }
  }
  return lines;
}
