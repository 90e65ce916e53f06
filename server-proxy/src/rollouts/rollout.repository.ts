import type { Transaction } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database, RolloutsTable } from '../db/schema.js';
import { openReceipts } from '../receipts/receipt.repository.js';
import type { RolloutVersion } from '@throughline/contract';

type Executor = Db | Transaction<Database>;

export type StoredRollout = RolloutsTable;

export interface RolloutChannel {
  channel_id: string;
  task_id: string;
  position: number;
}

export interface ApprovedVersion extends RolloutVersion {
  decided_by: string | null;
}

const CHUNK = 200;

export async function findRollout(db: Executor, id: string): Promise<StoredRollout | null> {
  return (await db.selectFrom('rollouts').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function insertRollout(trx: Executor, r: StoredRollout): Promise<void> {
  await trx.insertInto('rollouts').values(r).execute();
}

export async function touchRollout(trx: Executor, id: string, at: string): Promise<void> {
  await trx.updateTable('rollouts').set({ updated_at: at }).where('id', '=', id).execute();
}

/** The rollout's channels and their child tasks, in the order they were added. */
export async function rolloutChannels(db: Executor, rolloutId: string): Promise<RolloutChannel[]> {
  const rows = await db
    .selectFrom('rollout_channels')
    .select(['channel_id', 'task_id', 'position'])
    .where('rollout_id', '=', rolloutId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ ...r, position: Number(r.position) }));
}

export async function insertRolloutChannels(trx: Executor, rolloutId: string, rows: readonly RolloutChannel[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto('rollout_channels')
      .values(rows.slice(i, i + CHUNK).map((r) => ({ rollout_id: rolloutId, ...r })))
      .execute();
}

/** The asset's currently approved version, if any. */
export async function approvedVersion(db: Executor, assetId: string): Promise<ApprovedVersion | null> {
  const row = await db
    .selectFrom('asset_versions')
    .select(['id', 'number', 'file_name', 'decided_by'])
    .where('asset_id', '=', assetId)
    .where('state', '=', 'approved')
    .executeTakeFirst();
  return row ? { id: row.id, number: Number(row.number), file_name: row.file_name, decided_by: row.decided_by } : null;
}

/**
 * Shares an asset with channels it is not yet shared with, and opens their receipt of the approved
 * version if there is one; answers the channels that were newly shared.
 */
export async function shareAsset(
  trx: Executor,
  assetId: string,
  channelIds: readonly string[],
  approvedId: string | null,
): Promise<string[]> {
  if (!channelIds.length) return [];
  const already = new Set(
    (
      await trx
        .selectFrom('asset_channels')
        .select('channel_id')
        .where('asset_id', '=', assetId)
        .where('channel_id', 'in', channelIds)
        .execute()
    ).map((r) => r.channel_id),
  );
  const fresh = channelIds.filter((c) => !already.has(c));
  for (let i = 0; i < fresh.length; i += CHUNK)
    await trx
      .insertInto('asset_channels')
      .values(fresh.slice(i, i + CHUNK).map((channel_id) => ({ asset_id: assetId, channel_id })))
      .execute();
  if (approvedId) await openReceipts(trx, 'asset_version', approvedId, fresh);
  return fresh;
}

/** Whether a channel has confirmed receipt of a version. */
export async function receiptConfirmed(db: Executor, versionId: string, channelId: string): Promise<boolean> {
  const row = await db
    .selectFrom('receipts')
    .select('confirmed_at')
    .where('subject_kind', '=', 'asset_version')
    .where('subject_id', '=', versionId)
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
  return Boolean(row?.confirmed_at);
}

/** The asset a rollout is bound to, if any. */
export async function boundAssetOf(db: Executor, rolloutId: string): Promise<{ id: string; name: string } | null> {
  const row = await db
    .selectFrom('rollouts')
    .innerJoin('assets', 'assets.id', 'rollouts.asset_id')
    .select(['assets.id as id', 'assets.name as name'])
    .where('rollouts.id', '=', rolloutId)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * Takes the asset's row lock without changing it: a task set to done and an approval of the same
 * asset then run one after the other, so a done task never slips past a newer approval.
 */
export async function lockAssetRow(trx: Executor, assetId: string): Promise<void> {
  await trx
    .updateTable('assets')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', assetId)
    .execute();
}

/** The assets of a project, by id and name (for `/task rollout … asset:<name>`). */
export async function assetsOfProject(db: Executor, projectId: string): Promise<Array<{ id: string; name: string }>> {
  return db.selectFrom('assets').select(['id', 'name']).where('project_id', '=', projectId).execute();
}
