// The decision log: GET /api/v1/decisions?project_id of a project with 5,000 decisions (channels,
// quotes, links and receipts attached), against the constant route of the same run.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, migrateToLatest } from '../../server-proxy/src/db/database.js';
import { insertDecision } from '../../server-proxy/src/decisions/decision.repository.js';
import { openReceipts } from '../../server-proxy/src/receipts/receipt.repository.js';
import { newId } from '../../server-proxy/src/util/ids.js';
import { fixtures } from '../standin/index.js';
import { SERVICE, database, freePort, load, spawnAndWait, stop, type Figure } from './common.js';

const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 5_000);
const U = fixtures.users;
const C = fixtures.channels;
const hq = C.campaignHq.id;
const regions = [C.regionKazan.id, C.regionSamara.id, C.regionNovosibirsk.id];

export interface DecisionFigures {
  engine: 'sqlite' | 'postgres';
  decisions: number;
  pageBytes: number;
  constant: Figure;
  list: Figure;
  fresh: Figure;
  filtered: Figure;
}

/** Seeded straight through the repository: writing them is not what is measured. */
async function seed(env: Record<string, string>, projectId: string): Promise<void> {
  const database = openDatabase({ databaseUrl: env.DATABASE_URL ?? null, dataDir: env.DATA_DIR ?? './data' });
  const { db } = database;
  await migrateToLatest(database);
  const statuses = ['proposed', 'decided', 'decided', 'superseded', 'revoked'] as const;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < DECISIONS; i++) {
      const at = new Date(Date.now() - (DECISIONS - i) * 1000).toISOString();
      const status = statuses[i % statuses.length]!;
      const channelIds = regions.slice(0, 1 + (i % regions.length));
      const id = newId();
      await insertDecision(trx, {
        id,
        project_id: projectId,
        statement: `Decision ${i}: store ${i % 300} keeps the spring price until the 15th`,
        rationale: 'Seeded for the benchmark',
        status,
        proposed_by: U.dmitry.id,
        recorded_by: U.olga.id,
        approver_id: i % 2 ? U.olga.id : null,
        decided_by: null,
        decided_at: null,
        revoked_by: null,
        revoked_at: null,
        revoke_reason: null,
        supersedes_id: null,
        superseded_by_id: null,
        channel_ids: channelIds,
        source_channel_id: hq,
        source_post_id: null,
        permalink: null,
        source_text: null,
        quotes: [],
        task_ids: [],
        asset_version_ids: [],
        receipts: [],
        created_at: at,
        updated_at: at,
        version: 1,
      });
      if (status !== 'proposed') await openReceipts(trx, 'decision', id, channelIds);
    }
  });
  await sql`analyze`.execute(db);
  await db.destroy();
}

export async function benchDecisions(engine: 'sqlite' | 'postgres', mmUrl: string, constUrl: string): Promise<DecisionFigures> {
  const db = await database(engine);
  const port = await freePort();
  const env = { ...db.env, PORT: String(port), MM_URL: mmUrl, LOG_LEVEL: 'warn' };
  const base = `http://127.0.0.1:${port}`;
  const headers = { authorization: `Bearer ${U.olga.token}`, 'content-type': 'application/json' };
  let svc = await spawnAndWait(SERVICE, env, `${base}/healthz`);
  let projectId: string;
  try {
    const project = (await (
      await fetch(`${base}/api/v1/projects`, { method: 'POST', headers, body: JSON.stringify({ name: 'Decisions', channel_id: hq }) })
    ).json()) as { id: string };
    projectId = project.id;
    for (const channel of regions)
      await fetch(`${base}/api/v1/projects/${projectId}/channels`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ channel_id: channel }),
      });
  } finally {
    await stop(svc);
  }
  await seed(db.env, projectId);
  svc = await spawnAndWait(SERVICE, env, `${base}/healthz`);
  try {
    const listUrl = `${base}/api/v1/decisions?project_id=${projectId}`;
    const sample = await (await fetch(listUrl, { headers })).text();
    const constant = await load({ url: constUrl });
    const list = await load({ url: listUrl, headers });
    // A cursor past every id, different on each request: the same first page, made afresh every time
    // (as right after a change), never answered from the reused page.
    const path = new URL(listUrl).pathname + new URL(listUrl).search;
    const fresh = await load({
      url: listUrl,
      headers,
      requests: [{ setupRequest: (r) => ({ ...r, path: `${path}&cursor=ffffffff-ffff-7fff-bfff-${randomBytes(6).toString('hex')}` }) }],
    });
    const filtered = await load({ url: `${listUrl}&status=decided&channel_id=${C.regionSamara.id}&q=store`, headers });
    return { engine, decisions: DECISIONS, pageBytes: sample.length, constant, list, fresh, filtered };
  } finally {
    await stop(svc);
    await db.drop();
  }
}
