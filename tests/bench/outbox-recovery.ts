// Outbox recovery after SIGKILL: a task is acknowledged with 201, the service is killed while its
// card is being delivered, and a new process is started on the same database. Prints, per run, the
// seconds from the kill and from the new process being healthy to the card being on Mattermost, and
// how many cards there are (one is right). Run: node --import tsx tests/bench/outbox-recovery.ts;
// BENCH_DB=postgres, BENCH_RUNS and extra SERVICE_ENV (k=v,…) tune it.
import { openDatabase } from '../../server-proxy/src/db/database.js';
import { fixtures, startStandin } from '../standin/index.js';
import { database, freePort, spawnAndWait } from './common.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ENGINE = process.env.BENCH_DB === 'postgres' ? 'postgres' : 'sqlite';
const EXTRA_ENV = Object.fromEntries(
  (process.env.SERVICE_ENV ?? '')
    .split(',')
    .filter(Boolean)
    .map((kv) => kv.split('=') as [string, string]),
);
const SOURCE = ['server-proxy/src/server.ts'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const mm = await startStandin();
  const fresh = await database(ENGINE);
  const { db } = openDatabase({ databaseUrl: fresh.env.DATABASE_URL ?? null, dataDir: fresh.env.DATA_DIR ?? './data' });
  const env = { ...fresh.env, MM_URL: mm.url, MM_BOT_TOKEN: fixtures.users.throughline.token, LOG_LEVEL: 'warn', ...EXTRA_ENV };
  const start = async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const proc = await spawnAndWait(SOURCE, { ...env, PORT: String(port) }, `${base}/healthz`);
    return { proc, base };
  };
  console.log(`outbox recovery after SIGKILL (${ENGINE})`);
  try {
    for (let run = 1; run <= RUNS; run++) {
      const first = await start();
      // Every Mattermost answer is slow, so the kill lands while the card is being delivered.
      mm.setDelay(300);
      const created = await fetch(`${first.base}/api/v1/tasks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${fixtures.users.olga.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ post_id: fixtures.posts.outdoorFinal.id, title: `Recovery run ${run}` }),
      });
      const task = (await created.json()) as { id: string; channel_id: string };
      if (created.status !== 201) throw new Error(`create answered ${created.status}`);
      for (;;) {
        const row = await db
          .selectFrom('outbox')
          .select('locked_by')
          .where('kind', '=', 'task_card')
          .orderBy('created_at', 'desc')
          .executeTakeFirst();
        if (row?.locked_by) break;
        await sleep(10);
      }
      first.proc.kill('SIGKILL');
      const killedAt = Date.now();
      await new Promise((r) => first.proc.once('exit', r));
      mm.setDelay(0);
      const second = await start();
      const healthyAt = Date.now();
      const cards = () => mm.postsIn(task.channel_id).filter((p) => (p.props as { task?: { id: string } })?.task?.id === task.id);
      while (!cards().length) await sleep(20);
      const arrivedAt = Date.now();
      await sleep(1000);
      console.log(
        `run ${run}: card ${((arrivedAt - killedAt) / 1000).toFixed(1)} s after SIGKILL, ${((arrivedAt - healthyAt) / 1000).toFixed(1)} s after the restarted service was healthy; cards: ${cards().length}`,
      );
      second.proc.kill('SIGKILL');
      await new Promise((r) => second.proc.once('exit', r));
    }
  } finally {
    await db.destroy();
    await mm.close();
    await fresh.drop();
  }
}

await main();
