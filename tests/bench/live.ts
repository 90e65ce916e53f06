// Propagation: from a change acknowledged by the service to the event arriving at 100 connected
// streams, on SQLite (one service) and on PostgreSQL (two replicas, clients split between them).
import { type ChildProcess } from 'node:child_process';
import { fixtures } from '../standin/index.js';
import { SERVICE, database, freePort, percentile, spawnAndWait, stop } from './common.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 40);
const hq = fixtures.channels.campaignHq.id;
const members = [fixtures.users.olga, fixtures.users.dmitry, fixtures.users.agency, fixtures.users.admin];

export interface LiveFigures {
  setup: string;
  clients: number;
  changes: number;
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Records, per task id, when this stream saw it created. */
async function listen(base: string, token: string, seen: Map<string, number[]>, abort: AbortSignal): Promise<void> {
  const res = await fetch(`${base}/api/v1/events`, { headers: { authorization: `Bearer ${token}` }, signal: abort });
  if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
  const decoder = new TextDecoder();
  let buf = '';
  let ready: () => void = () => undefined;
  const isReady = new Promise<void>((r) => (ready = r));
  void (async () => {
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buf += decoder.decode(chunk, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (block.includes('event: ready')) ready();
          const m = /event: task\.created\ndata: (.*)/.exec(block);
          if (m) {
            const id = JSON.parse(m[1]!).task.id as string;
            const at = performance.now();
            seen.set(id, [...(seen.get(id) ?? []), at]);
          }
        }
      }
    } catch {
      /* aborted */
    }
  })();
  await isReady;
}

async function run(setup: string, writeBase: string, readBases: string[]): Promise<LiveFigures> {
  const seen = new Map<string, number[]>();
  const abort = new AbortController();
  await Promise.all(
    Array.from({ length: CLIENTS }, (_, i) =>
      listen(readBases[i % readBases.length]!, members[i % members.length]!.token, seen, abort.signal),
    ),
  );
  const latencies: number[] = [];
  try {
    const headers = { authorization: `Bearer ${fixtures.users.olga.token}`, 'content-type': 'application/json' };
    for (let n = 0; n < CHANGES; n++) {
      const res = await fetch(`${writeBase}/api/v1/tasks`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ channel_id: hq, title: `Live ${n}` }),
      });
      const acked = performance.now();
      const id = ((await res.json()) as { id: string }).id;
      const deadline = Date.now() + 5000;
      while ((seen.get(id)?.length ?? 0) < CLIENTS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
      const arrivals = seen.get(id) ?? [];
      if (arrivals.length < CLIENTS) throw new Error(`${setup}: only ${arrivals.length} of ${CLIENTS} streams got change ${n}`);
      for (const at of arrivals) latencies.push(Math.max(0, at - acked));
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    abort.abort();
  }
  latencies.sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    setup,
    clients: CLIENTS,
    changes: CHANGES,
    samples: latencies.length,
    p50: r(percentile(latencies, 50)),
    p95: r(percentile(latencies, 95)),
    p99: r(percentile(latencies, 99)),
    max: r(latencies[latencies.length - 1]!),
  };
}

async function startReplica(env: Record<string, string>, mmUrl: string): Promise<{ proc: ChildProcess; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // 100 streams over four people: past the default of 10 open streams per person.
  const streams = String(Math.ceil(CLIENTS / members.length));
  const proc = await spawnAndWait(
    SERVICE,
    { ...env, PORT: String(port), MM_URL: mmUrl, LOG_LEVEL: 'warn', EVENTS_MAX_STREAMS_PER_USER: streams },
    `${base}/healthz`,
  );
  return { proc, base };
}

export async function benchLive(mmUrl: string): Promise<LiveFigures[]> {
  const out: LiveFigures[] = [];
  const lite = await database('sqlite');
  const one = await startReplica(lite.env, mmUrl);
  try {
    out.push(await run('SQLite, one service', one.base, [one.base]));
  } finally {
    await stop(one.proc);
    await lite.drop();
  }
  const pgdb = await database('postgres');
  const a = await startReplica(pgdb.env, mmUrl);
  const b = await startReplica(pgdb.env, mmUrl);
  try {
    out.push(await run('PostgreSQL, two replicas (write on A, clients on A and B)', a.base, [a.base, b.base]));
  } finally {
    await stop(a.proc);
    await stop(b.proc);
    await pgdb.drop();
  }
  return out;
}
