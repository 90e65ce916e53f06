// What the list benchmark reads, written straight through the repositories (seeding is not what is
// measured): a project of 10,000 tasks, 5,000 decisions and 500 assets in the campaign channels, and
// a project over 50 channels of their own with the same numbers of tasks and decisions spread over them.
import { sql } from 'kysely';
import type { Db } from '../../server-proxy/src/db/database.js';
import { insertVersion, insertAsset, setVersionState, insertReceipts } from '../../server-proxy/src/assets/asset.repository.js';
import { insertDecision } from '../../server-proxy/src/decisions/decision.repository.js';
import { openReceipts } from '../../server-proxy/src/receipts/receipt.repository.js';
import { insertTasks } from '../../server-proxy/src/tasks/task.repository.js';
import type { Task } from '../../server-proxy/src/tasks/task.types.js';
import { newId } from '../../server-proxy/src/util/ids.js';
import { fixtures, type Standin } from '../standin/index.js';

export const TASKS = Number(process.env.BENCH_TASKS ?? 10_000);
export const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 5_000);
export const ASSETS = Number(process.env.BENCH_ASSETS ?? 500);
export const WIDE_CHANNELS = 50;

const U = fixtures.users;
const C = fixtures.channels;
const regions = [C.regionKazan.id, C.regionSamara.id, C.regionNovosibirsk.id];
const TASK_STATUSES = ['todo', 'in_progress', 'review', 'done', 'cancelled'] as const;
const DECISION_STATUSES = ['proposed', 'decided', 'decided', 'superseded', 'revoked'] as const;

/** Seconds before now, oldest first: ids (time-ordered) and dates agree. */
const ago = (i: number, n: number) => new Date(Date.now() - (n - i) * 1000).toISOString();

/** 50 private channels of the fixture team, Olga a member of each (once per stand-in: later calls reuse them). */
export function wideChannels(mm: Standin): string[] {
  const ids = Array.from({ length: WIDE_CHANNELS }, (_, i) => `benchwide${String(i).padStart(17, '0')}`);
  for (const [i, id] of ids.entries()) {
    if (mm.state.channels.has(id)) continue;
    mm.addChannel({ id, name: `bench-wide-${i}`, display_name: `Store ${i}` });
    mm.addMember(id, U.olga.id);
  }
  return ids;
}

async function project(db: Db, name: string, channels: string[]): Promise<string> {
  const id = newId();
  const at = new Date().toISOString();
  await db
    .insertInto('projects')
    .values({ id, name, home_channel_id: channels[0]!, created_by: U.olga.id, created_at: at, updated_at: at })
    .execute();
  await db
    .insertInto('project_channels')
    .values(channels.map((c) => ({ project_id: id, channel_id: c, added_by: U.olga.id, added_at: at, lead_id: null })))
    .execute();
  return id;
}

async function tasks(db: Db, projectId: string, channels: readonly string[]): Promise<void> {
  const all: Task[] = Array.from({ length: TASKS }, (_, i) => ({
    id: newId(),
    title: `Task ${i}: banner for store ${i % 300}`,
    description: 'Seeded for the benchmark',
    status: TASK_STATUSES[i % TASK_STATUSES.length]!,
    assignee_id: i % 3 ? U.dmitry.id : null,
    due_at: null,
    channel_id: channels[i % channels.length]!,
    project_id: projectId,
    source_post_id: null,
    permalink: null,
    files: [],
    parent_id: null,
    rollout_id: null,
    created_by: U.olga.id,
    created_at: ago(i, TASKS),
    updated_at: ago(i, TASKS),
    version: 1,
  }));
  await db.transaction().execute((trx) => insertTasks(trx, all, U.olga.id));
}

async function decisions(db: Db, projectId: string, source: string, channels: readonly string[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < DECISIONS; i++) {
      const at = ago(i, DECISIONS);
      const status = DECISION_STATUSES[i % DECISION_STATUSES.length]!;
      const applies = Array.from({ length: 1 + (i % 3) }, (_, k) => channels[(i + k) % channels.length]!);
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
        channel_ids: [...new Set(applies)],
        source_channel_id: source,
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
      if (status !== 'proposed') await openReceipts(trx, 'decision', id, [...new Set(applies)]);
    }
  });
}

/** Assets shared with the home channel and one to three regions, one to three versions each; most have one approved, with receipts. */
async function assets(db: Db, projectId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < ASSETS; i++) {
      const at = ago(i, ASSETS);
      const id = newId();
      const shared = [C.campaignHq.id, ...regions.slice(0, 1 + (i % regions.length))];
      await insertAsset(trx, { id, projectId, name: `Layout ${i}: window banner 6×3`, channelIds: shared, userId: U.olga.id, at });
      let last = '';
      for (let v = 0; v < 1 + (i % 3); v++) {
        const version = await insertVersion(trx, {
          id: newId(),
          asset_id: id,
          file_name: `layout-${i}-v${v + 1}.pdf`,
          mime_type: 'application/pdf',
          size: 1_000_000 + i,
          sha256: newId().replace(/-/g, '').padEnd(64, '0'),
          source_post_id: null,
          source_file_id: null,
          added_by: U.agency.id,
          added_at: at,
          state: 'proposed',
          decided_by: null,
          decided_at: null,
          decision_comment: null,
        });
        if (last) await setVersionState(trx, last, 'rejected', U.olga.id, at, 'Colours off');
        last = version.id;
      }
      if (i % 4) {
        await setVersionState(trx, last, 'approved', U.olga.id, at, 'Approved for print');
        await insertReceipts(trx, last, shared.slice(1));
      }
    }
  });
}

export interface Seeded {
  /** 10,000 tasks, 5,000 decisions and 500 assets, in the campaign channels. */
  campaign: string;
  /** 10,000 tasks and 5,000 decisions spread over 50 channels. */
  wide: string;
}

export async function seedLists(db: Db, wide: string[]): Promise<Seeded> {
  const campaign = await project(db, 'Bench', [C.campaignHq.id, ...regions]);
  await tasks(db, campaign, [C.campaignHq.id]);
  await decisions(db, campaign, C.campaignHq.id, regions);
  await assets(db, campaign);
  const spread = await project(db, 'Fifty stores', wide);
  await tasks(db, spread, wide);
  await decisions(db, spread, wide[0]!, wide);
  // A live database has planner statistics (autovacuum keeps them); a freshly seeded one must be told.
  await sql`analyze`.execute(db);
  return { campaign, wide: spread };
}
