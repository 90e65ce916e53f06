// My work: GET /api/v1/me/work for a person in 50 channels of one campaign (10,000 tasks, 1,000 of
// them theirs; 20 rollouts to every channel; 50 assets shared with every channel, each with an
// approved version whose receipts half the channels owe and a version waiting for approval; 100
// decisions waiting for them, 100 decided with receipts), p50/p95 against the constant route, on
// each engine: with the service's membership cache (MM_CACHE_MS default) and with none (every
// request asks Mattermost for the person's channels).
import { sql } from 'kysely';
import { openDatabase, migrateToLatest, type Db } from '../../server-proxy/src/db/database.js';
import { newId } from '../../server-proxy/src/util/ids.js';
import { fixtures, startStandin } from '../standin/index.js';
import { SERVICE, database, freePort, measure, spawnAndWait, stop, type Latency } from './common.js';

const CHANNELS = 50;
const TASKS = Number(process.env.BENCH_MYWORK_TASKS ?? 10_000);
const MINE_EVERY = 10;
const ROLLOUTS = 20;
const ASSETS = 50;
const DECISIONS = 100;
const BATCH = 500;
const DAY = 86_400_000;
const U = fixtures.users;

export interface MyWorkFigures {
  engine: 'sqlite' | 'postgres';
  channels: number;
  tasks: number;
  answerBytes: number;
  counts: Record<string, number>;
  constant: Latency;
  cached: Latency;
  uncached: Latency;
}

const channelId = (i: number) => `benchwork${String(i).padStart(17, '0')}`;

async function insertAll<T>(db: Db, table: 'tasks' | 'receipts' | 'rollout_channels' | 'asset_versions' | 'decisions', rows: T[]) {
  for (let i = 0; i < rows.length; i += BATCH)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + BATCH) as never)
      .execute();
}

/** Rows straight into the tables: writing them is not what is measured. */
async function seed(db: Db, channels: string[]): Promise<void> {
  const at = new Date().toISOString();
  const now = Date.now();
  const projectId = newId();
  await db
    .insertInto('projects')
    .values({ id: projectId, name: 'My work bench', home_channel_id: channels[0]!, created_by: U.olga.id, created_at: at, updated_at: at })
    .execute();
  await db
    .insertInto('project_channels')
    .values(channels.map((c) => ({ project_id: projectId, channel_id: c, added_by: U.olga.id, added_at: at, lead_id: null })))
    .execute();
  const task = (i: number, extra: Record<string, unknown> = {}) => ({
    id: newId(),
    title: `Task ${i}`,
    description: 'Check the layout in every store',
    search_text: '',
    status: (['todo', 'in_progress', 'review', 'done', 'cancelled'] as const)[i % 5]!,
    assignee_id: i % MINE_EVERY === 0 ? U.olga.id : U.dmitry.id,
    // From a month ago to a month ahead, one in seven without a due date.
    due_at: i % 7 === 0 ? null : new Date(now + ((i % 61) - 30) * DAY + (i % 24) * 3_600_000).toISOString(),
    channel_id: channels[i % channels.length]!,
    project_id: projectId,
    source_post_id: null,
    permalink: null,
    files: '[]',
    created_by: U.dmitry.id,
    created_at: at,
    updated_at: at,
    deleted_at: null,
    version: 1,
    reminder_sent_at: null,
    thread_root_id: null,
    parent_id: null,
    rollout_id: null,
    ...extra,
  });
  await insertAll(
    db,
    'tasks',
    Array.from({ length: TASKS }, (_, i) => task(i)),
  );
  for (let r = 0; r < ROLLOUTS; r++) {
    const rolloutId = newId();
    const parent = task(r, { channel_id: channels[0]!, assignee_id: null });
    await db.insertInto('tasks').values(parent).execute();
    await db
      .insertInto('rollouts')
      .values({
        id: rolloutId,
        task_id: parent.id,
        project_id: projectId,
        asset_id: null,
        created_by: U.olga.id,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const children = channels.map((c, i) => task(r + i, { channel_id: c, parent_id: parent.id, rollout_id: rolloutId, assignee_id: null }));
    await insertAll(db, 'tasks', children);
    await insertAll(
      db,
      'rollout_channels',
      children.map((t, i) => ({ rollout_id: rolloutId, channel_id: t.channel_id, task_id: t.id, position: i })),
    );
  }
  const version = (assetId: string, n: number, state: 'approved' | 'proposed') => ({
    id: newId(),
    asset_id: assetId,
    number: n,
    file_name: `layout-v${n}.png`,
    mime_type: 'image/png',
    size: 1000,
    sha256: newId().replace(/-/g, '').padEnd(64, '0'),
    source_post_id: null,
    source_file_id: null,
    added_by: U.dmitry.id,
    added_at: at,
    state,
    decided_by: state === 'approved' ? U.olga.id : null,
    decided_at: state === 'approved' ? at : null,
    decision_comment: null,
  });
  for (let a = 0; a < ASSETS; a++) {
    const assetId = newId();
    await db
      .insertInto('assets')
      .values({ id: assetId, project_id: projectId, name: `Asset ${a}`, created_by: U.olga.id, created_at: at, updated_at: at })
      .execute();
    await db
      .insertInto('asset_channels')
      .values(channels.map((c) => ({ asset_id: assetId, channel_id: c })))
      .execute();
    const approved = version(assetId, 1, 'approved');
    await insertAll(db, 'asset_versions', [approved, version(assetId, 2, 'proposed')]);
    await insertAll(
      db,
      'receipts',
      channels.map((c, i) => ({
        subject_kind: 'asset_version',
        subject_id: approved.id,
        channel_id: c,
        confirmed_by: i % 2 ? U.dmitry.id : null,
        confirmed_at: i % 2 ? at : null,
      })),
    );
  }
  const decision = (i: number, status: 'proposed' | 'decided') => ({
    id: newId(),
    project_id: projectId,
    statement: `Decision ${i}`,
    rationale: '',
    search_text: '',
    status,
    proposed_by: U.dmitry.id,
    recorded_by: U.dmitry.id,
    approver_id: U.olga.id,
    decided_by: status === 'decided' ? U.olga.id : null,
    decided_at: status === 'decided' ? at : null,
    revoked_by: null,
    revoked_at: null,
    revoke_reason: null,
    supersedes_id: null,
    superseded_by_id: null,
    source_channel_id: channels[i % channels.length]!,
    source_post_id: null,
    permalink: null,
    source_text: null,
    created_at: at,
    updated_at: at,
    version: 1,
  });
  const decisions = Array.from({ length: 2 * DECISIONS }, (_, i) => decision(i, i % 2 ? 'decided' : 'proposed'));
  await insertAll(db, 'decisions', decisions);
  const decided = decisions.filter((d) => d.status === 'decided');
  await db
    .insertInto('decision_channels')
    .values(decided.map((d) => ({ decision_id: d.id, channel_id: d.source_channel_id })))
    .execute();
  await insertAll(
    db,
    'receipts',
    decided.map((d) => ({
      subject_kind: 'decision',
      subject_id: d.id,
      channel_id: d.source_channel_id,
      confirmed_by: null,
      confirmed_at: null,
    })),
  );
  // A live database has planner statistics (autovacuum keeps them); a freshly seeded one must be told.
  await sql`analyze`.execute(db);
}

export async function benchMyWork(engine: 'sqlite' | 'postgres', constUrl: string): Promise<MyWorkFigures> {
  const mm = await startStandin();
  const channels = Array.from({ length: CHANNELS }, (_, i) => channelId(i));
  for (const [i, id] of channels.entries()) {
    mm.addChannel({ id, name: `work-${i}`, display_name: `Store ${i}` });
    mm.addMember(id, U.olga.id);
  }
  const fresh = await database(engine);
  const { db } = openDatabase({ databaseUrl: fresh.env.DATABASE_URL ?? null, dataDir: fresh.env.DATA_DIR ?? './data' });
  try {
    await migrateToLatest({ db, engine });
    await seed(db, channels);
  } finally {
    await db.destroy();
  }
  const headers = { authorization: `Bearer ${U.olga.token}` };
  const run = async (env: Record<string, string>) => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const svc = await spawnAndWait(
      SERVICE,
      { ...fresh.env, ...env, PORT: String(port), MM_URL: mm.url, LOG_LEVEL: 'warn' },
      `${base}/healthz`,
    );
    try {
      const url = `${base}/api/v1/me/work?tz=Europe/Moscow`;
      const sample = await fetch(url, { headers });
      if (!sample.ok) throw new Error(`GET /me/work: ${sample.status} ${await sample.text()}`);
      const text = await sample.text();
      const body = JSON.parse(text) as Record<string, { count?: number }>;
      const counts = Object.fromEntries(
        Object.entries(body).flatMap(([k, v]) => (typeof v === 'object' && v && 'count' in v ? [[k, v.count!]] : [])),
      );
      return { figure: await measure({ url, headers }), bytes: text.length, counts };
    } finally {
      await stop(svc);
    }
  };
  try {
    const constant = await measure({ url: constUrl });
    const cached = await run({});
    const uncached = await run({ MM_CACHE_MS: '0' });
    return {
      engine,
      channels: CHANNELS,
      tasks: TASKS,
      answerBytes: cached.bytes,
      counts: cached.counts,
      constant,
      cached: cached.figure,
      uncached: uncached.figure,
    };
  } finally {
    await fresh.drop();
    await mm.close();
  }
}
