// Memory under stalled event streams: one guest opens streams that never read, then changes his own
// task many times. Prints the service's resident memory before, at its peak, with the streams still
// open, and after they closed. Run: node --import tsx tests/bench/stalled-streams.ts (after
// `npm run build -w server-proxy`); BENCH_STREAMS, BENCH_UPDATES and extra SERVICE_ENV (k=v,…) tune it.
import fs from 'node:fs';
import net from 'node:net';
import { fixtures, startStandin } from '../standin/index.js';
import { SERVICE, database, freePort, peakRssMiB, spawnAndWait, stop } from './common.js';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 40);
const UPDATES = Number(process.env.BENCH_UPDATES ?? 1000);
const EXTRA_ENV = Object.fromEntries(
  (process.env.SERVICE_ENV ?? '')
    .split(',')
    .filter(Boolean)
    .map((kv) => kv.split('=') as [string, string]),
);
const guest = fixtures.users.kazan;
const channel = fixtures.channels.regionKazan.id;

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A client that sends the request, reads the status line, and never reads again. */
function stalledStream(port: number): Promise<{ socket: net.Socket; status: number }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(
        `GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${guest.token}\r\nAccept: text/event-stream\r\n\r\n`,
      );
    });
    socket.once('data', (chunk) => {
      socket.pause();
      resolve({ socket, status: Number(/^HTTP\/1\.1 (\d+)/.exec(chunk.toString('latin1'))?.[1] ?? 0) });
    });
    socket.once('error', reject);
  });
}

async function main(): Promise<void> {
  const mm = await startStandin();
  const db = await database('sqlite');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...db.env, PORT: String(port), MM_URL: mm.url, LOG_LEVEL: 'warn', ...EXTRA_ENV };
  const svc = await spawnAndWait(SERVICE, env, `${base}/healthz`);
  const headers = { authorization: `Bearer ${guest.token}`, 'content-type': 'application/json' };
  try {
    const created = await fetch(`${base}/api/v1/tasks`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ channel_id: channel, title: 'Kazan window display', description: 'Layout notes. '.repeat(500) }),
    });
    let task = (await created.json()) as { id: string; version: number };
    await sleep(1000);
    const baseline = rssMiB(svc.pid!);

    const streams = await Promise.all(Array.from({ length: STREAMS }, () => stalledStream(port)));
    const accepted = streams.filter((s) => s.status === 200).length;
    for (let i = 0; i < UPDATES; i++) {
      const r = await fetch(`${base}/api/v1/tasks/${task.id}`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ version: task.version, title: `Kazan window display, take ${i + 1}` }),
      });
      if (!r.ok) throw new Error(`update ${i} answered ${r.status}`);
      task = (await r.json()) as typeof task;
    }
    await sleep(3000);
    const open = rssMiB(svc.pid!);
    const peak = peakRssMiB(svc.pid!);
    for (const s of streams) s.socket.destroy();
    await sleep(5000);
    const closed = rssMiB(svc.pid!);
    const health = performance.now();
    await fetch(`${base}/healthz`);
    const healthMs = performance.now() - health;

    const f = (n: number) => n.toFixed(0);
    console.log(`${STREAMS} stalled streams from one guest (${accepted} accepted, ${STREAMS - accepted} refused), ${UPDATES} updates`);
    console.log(`settings: ${Object.keys(EXTRA_ENV).length ? JSON.stringify(EXTRA_ENV) : 'defaults'}`);
    console.log('| RSS before | peak | streams still open | after they closed | /healthz ms |');
    console.log('|---|---|---|---|---|');
    console.log(`| ${f(baseline)} MiB | ${f(peak)} MiB | ${f(open)} MiB | ${f(closed)} MiB | ${healthMs.toFixed(1)} |`);
  } finally {
    await stop(svc);
    await mm.close();
    await db.drop();
  }
}

await main();
