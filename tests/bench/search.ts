// Search: GET /api/v1/search over 100,000 indexed records (tasks and decisions in four channels, in
// Russian and English), p50/p95 against the constant route of the same run, on each engine.
import { sql } from 'kysely';
import { openDatabase, migrateToLatest, type Db } from '../../server-proxy/src/db/database.js';
import { document } from '../../server-proxy/src/search/search.indexer.js';
import { writeDocuments, type SearchDocument } from '../../server-proxy/src/search/search.repository.js';
import { newId } from '../../server-proxy/src/util/ids.js';
import { fixtures } from '../standin/index.js';
import { SERVICE, database, freePort, measure, spawnAndWait, stop, type Latency } from './common.js';

const RECORDS = Number(process.env.BENCH_SEARCH_RECORDS ?? 100_000);
/** One record in this many is a decision; the rest are tasks. */
const DECISION_EVERY = 20;
const BATCH = 500;
const U = fixtures.users;
const C = fixtures.channels;
const channels = [C.campaignHq.id, C.regionKazan.id, C.regionSamara.id, C.regionNovosibirsk.id];

// Words people write in a campaign, both languages and several forms of each, so stems repeat the
// way they do in real text.
const WORDS = [
  'макет',
  'макеты',
  'макетов',
  'баннер',
  'баннеры',
  'листовка',
  'листовки',
  'плакат',
  'витрина',
  'витрины',
  'магазин',
  'магазина',
  'согласовать',
  'согласование',
  'утвердить',
  'утверждён',
  'печать',
  'тираж',
  'доставка',
  'монтаж',
  'регион',
  'Казань',
  'Самара',
  'Новосибирск',
  'слоган',
  'цена',
  'скидка',
  'весна',
  'запуск',
  'дизайн',
  'layout',
  'layouts',
  'banner',
  'print',
  'printing',
  'approve',
  'approved',
  'delivery',
  'store',
  'stores',
  'poster',
  'flyer',
  'campaign',
  'deadline',
  'budget',
];

/** A deterministic stream of pseudo-random numbers: the same corpus on both engines. */
function rng(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

const phrase = (next: () => number, n: number) => Array.from({ length: n }, () => WORDS[Math.floor(next() * WORDS.length)]!).join(' ');

export interface SearchFigures {
  engine: 'sqlite' | 'postgres';
  records: number;
  seedSeconds: number;
  constant: Latency;
  queries: Array<{ q: string; hits: number; figure: Latency }>;
}

async function seed(db: Db, engine: 'sqlite' | 'postgres', projectId: string): Promise<void> {
  const next = rng(42);
  const at = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    for (let from = 0; from < RECORDS; from += BATCH) {
      const tasks = [];
      const decisions = [];
      const docs: SearchDocument[] = [];
      for (let i = from; i < Math.min(RECORDS, from + BATCH); i++) {
        const id = newId();
        const channel = channels[i % channels.length]!;
        const title = `${phrase(next, 4)} ${i}`;
        const body = phrase(next, 12);
        if (i % DECISION_EVERY === 0) {
          decisions.push({
            id,
            project_id: projectId,
            statement: title,
            rationale: body,
            search_text: '',
            status: 'decided' as const,
            proposed_by: U.olga.id,
            recorded_by: U.olga.id,
            approver_id: null,
            decided_by: U.olga.id,
            decided_at: at,
            revoked_by: null,
            revoked_at: null,
            revoke_reason: null,
            supersedes_id: null,
            superseded_by_id: null,
            source_channel_id: channel,
            source_post_id: null,
            permalink: null,
            source_text: null,
            created_at: at,
            updated_at: at,
            version: 1,
          });
          docs.push(document('decision', id, title, body));
        } else {
          tasks.push({
            id,
            title,
            description: body,
            search_text: '',
            status: (['todo', 'in_progress', 'review', 'done'] as const)[i % 4]!,
            assignee_id: null,
            due_at: null,
            channel_id: channel,
            project_id: projectId,
            source_post_id: null,
            permalink: null,
            files: '[]',
            created_by: U.olga.id,
            created_at: at,
            updated_at: at,
            deleted_at: null,
            version: 1,
            reminder_sent_at: null,
            thread_root_id: null,
          });
          docs.push(document('task', id, title, body, channel));
        }
      }
      if (tasks.length) await trx.insertInto('tasks').values(tasks).execute();
      if (decisions.length) await trx.insertInto('decisions').values(decisions).execute();
      await writeDocuments(trx, engine, docs);
    }
  });
  // A live database has planner statistics (autovacuum keeps them); a freshly seeded one must be told.
  await sql`analyze`.execute(db);
}

/** Queries a person types: a common word in another form, two words, a rarer word with a filter, a word that is nowhere. */
const QUERIES = ['макетов', 'согласовать баннер', 'layouts&kind=decision', 'несуществующее'];

export async function benchSearch(engine: 'sqlite' | 'postgres', mmUrl: string, constUrl: string): Promise<SearchFigures> {
  const fresh = await database(engine);
  const port = await freePort();
  const env = { ...fresh.env, PORT: String(port), MM_URL: mmUrl, LOG_LEVEL: 'warn' };
  const base = `http://127.0.0.1:${port}`;
  const headers = { authorization: `Bearer ${U.olga.token}`, 'content-type': 'application/json' };
  const { db } = openDatabase({ databaseUrl: fresh.env.DATABASE_URL ?? null, dataDir: fresh.env.DATA_DIR ?? './data' });
  let projectId: string;
  const started = Date.now();
  try {
    await migrateToLatest({ db, engine });
    projectId = newId();
    await db
      .insertInto('projects')
      .values({
        id: projectId,
        name: 'Search',
        home_channel_id: channels[0]!,
        created_by: U.olga.id,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })
      .execute();
    await db
      .insertInto('project_channels')
      .values(channels.map((c) => ({ project_id: projectId, channel_id: c, added_by: U.olga.id, added_at: new Date().toISOString() })))
      .execute();
    await seed(db, engine, projectId);
  } finally {
    await db.destroy();
  }
  const seedSeconds = (Date.now() - started) / 1000;
  const svc = await spawnAndWait(SERVICE, env, `${base}/healthz`);
  try {
    const constant = await measure({ url: constUrl });
    const queries = [];
    for (const query of QUERIES) {
      const [q, extra] = query.split('&', 2) as [string, string | undefined];
      const url = `${base}/api/v1/search?q=${encodeURIComponent(q)}${extra ? `&${extra}` : ''}&limit=20`;
      const sample = (await (await fetch(url, { headers })).json()) as { items: unknown[] };
      queries.push({ q: query.replace('&', ' &'), hits: sample.items.length, figure: await measure({ url, headers }) });
    }
    return { engine, records: RECORDS, seedSeconds, constant, queries };
  } finally {
    await stop(svc);
    await fresh.drop();
  }
}
