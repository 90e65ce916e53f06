// Task sources: POST /api/v1/tasks/sources with a screenful of 100 post ids (every other one a task's
// source) over 20,000 tasks in four channels, against the constant route of the same run, per engine.
// The status beside each message of a channel view costs one such request per screenful.
import { sql } from 'kysely';
import { openDatabase, migrateToLatest } from '../../server-proxy/src/db/database.js';
import { insertTask } from '../../server-proxy/src/tasks/task.repository.js';
import { newId } from '../../server-proxy/src/util/ids.js';
import { fixtures } from '../standin/index.js';
import { SERVICE, database, freePort, load, spawnAndWait, stop, type Figure } from './common.js';

const TASKS = Number(process.env.BENCH_SOURCE_TASKS ?? 20_000);
/** One task in this many was made from a message. */
const SOURCE_EVERY = 4;
const U = fixtures.users;
const C = fixtures.channels;
const channels = [C.campaignHq.id, C.regionKazan.id, C.regionSamara.id, C.regionNovosibirsk.id];
const postId = (i: number) => `bench${String(i).padStart(21, '0')}`;

export interface SourceFigures {
  engine: string;
  tasks: number;
  constant: Figure;
  sources: Figure;
  found: number;
}

export async function benchSources(engine: 'sqlite' | 'postgres', mmUrl: string, constUrl: string): Promise<SourceFigures> {
  const fresh = await database(engine);
  const port = await freePort();
  const env = { ...fresh.env, PORT: String(port), MM_URL: mmUrl, LOG_LEVEL: 'warn' };
  const base = `http://127.0.0.1:${port}`;
  const headers = { authorization: `Bearer ${U.olga.token}`, 'content-type': 'application/json' };
  const { db } = openDatabase({ databaseUrl: fresh.env.DATABASE_URL ?? null, dataDir: fresh.env.DATA_DIR ?? './data' });
  try {
    await migrateToLatest({ db, engine });
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < TASKS; i++) {
        const at = new Date(Date.now() - (TASKS - i) * 1000).toISOString();
        await insertTask(trx, {
          id: newId(),
          title: `Task ${i}`,
          description: '',
          status: 'todo',
          assignee_id: null,
          due_at: null,
          channel_id: channels[i % channels.length]!,
          project_id: null,
          source_post_id: i % SOURCE_EVERY ? null : postId(i),
          permalink: null,
          files: [],
          parent_id: null,
          rollout_id: null,
          created_by: U.olga.id,
          created_at: at,
          updated_at: at,
          version: 1,
        });
      }
    });
    await sql`analyze`.execute(db);
  } finally {
    await db.destroy();
  }
  // The newest screenful of a channel: 100 posts, every other one a task's source.
  const asked = Array.from({ length: 100 }, (_, i) =>
    i % 2 ? `other${String(i).padStart(21, '0')}` : postId(TASKS - SOURCE_EVERY * (i + 1)),
  );
  const body = JSON.stringify({ post_ids: asked });
  const svc = await spawnAndWait(SERVICE, env, `${base}/healthz`);
  try {
    const url = `${base}/api/v1/tasks/sources`;
    const sample = (await (await fetch(url, { method: 'POST', headers, body })).json()) as { items: unknown[] };
    return {
      engine,
      tasks: TASKS,
      constant: await load({ url: constUrl }),
      sources: await load({ url, method: 'POST', headers, body }),
      found: sample.items.length,
    };
  } finally {
    await stop(svc);
    await fresh.drop();
  }
}
