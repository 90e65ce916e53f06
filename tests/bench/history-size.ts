// Size of a task's history answer after many edits: one member edits the description of a task
// (full-length texts) BENCH_EDITS times, then reads GET /tasks/:id/history. Prints the bytes of the
// first answer and, following next_cursor, how many answers and bytes the whole history takes.
// Run: node --import tsx tests/bench/history-size.ts (after `npm run build -w server-proxy`).
import { fixtures, startStandin } from '../standin/index.js';
import { SERVICE, database, freePort, spawnAndWait, stop } from './common.js';

const EDITS = Number(process.env.BENCH_EDITS ?? 300);
const LENGTH = 10_000; // LIMITS.descriptionMax: the longest description an edit may set
const member = fixtures.users.olga;
const channel = fixtures.channels.campaignHq.id;

async function main(): Promise<void> {
  const mm = await startStandin();
  const db = await database('sqlite');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const svc = await spawnAndWait(SERVICE, { ...db.env, PORT: String(port), MM_URL: mm.url, LOG_LEVEL: 'warn' }, `${base}/healthz`);
  const headers = { authorization: `Bearer ${member.token}`, 'content-type': 'application/json' };
  try {
    const created = await fetch(`${base}/api/v1/tasks`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ channel_id: channel, title: 'Window display copy', description: '' }),
    });
    let task = (await created.json()) as { id: string; version: number };
    for (let i = 0; i < EDITS; i++) {
      const description = `Draft ${i}: `.padEnd(LENGTH, 'lorem ipsum ');
      const r = await fetch(`${base}/api/v1/tasks/${task.id}`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ version: task.version, description }),
      });
      if (r.status !== 200) throw new Error(`edit ${i}: ${r.status} ${await r.text()}`);
      task = (await r.json()) as typeof task;
    }
    let cursor: string | null = null;
    let answers = 0;
    let bytes = 0;
    let entries = 0;
    let first = 0;
    do {
      const r = await fetch(`${base}/api/v1/tasks/${task.id}/history${cursor ? `?cursor=${cursor}` : ''}`, { headers });
      const text = await r.text();
      if (r.status !== 200) throw new Error(`history: ${r.status} ${text}`);
      const page = JSON.parse(text) as { items: unknown[]; next_cursor?: string | null };
      answers++;
      bytes += Buffer.byteLength(text);
      entries += page.items.length;
      if (answers === 1) first = Buffer.byteLength(text);
      cursor = page.next_cursor ?? null;
    } while (cursor);
    const mb = (n: number) => (n / 1e6).toFixed(2);
    console.log(`edits: ${EDITS}; history entries: ${entries}`);
    console.log(`first answer: ${mb(first)} MB; whole history: ${answers} answer(s), ${mb(bytes)} MB`);
  } finally {
    await stop(svc);
    await mm.close();
    await db.drop();
  }
}

await main();
