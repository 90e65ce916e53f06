import type { Transaction } from 'kysely';
import type { Db } from '../db/database.js';
import type { AssetVersionsTable, Database } from '../db/schema.js';
import { confirmReceipt as confirmSubjectReceipt, openReceipts } from '../receipts/receipt.repository.js';
import { newId } from '../util/ids.js';
import type { AssetHistoryEntry, AssetVersion, StoredAsset as Asset, VersionState } from './asset.types.js';

type Executor = Db | Transaction<Database>;

function toVersion(r: AssetVersionsTable): AssetVersion {
  return { ...r, number: Number(r.number), size: Number(r.size), state: r.state };
}

export async function findAssetRow(db: Executor, id: string) {
  return db.selectFrom('assets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function assetChannels(db: Executor, assetId: string): Promise<string[]> {
  const rows = await db.selectFrom('asset_channels').select('channel_id').where('asset_id', '=', assetId).orderBy('channel_id').execute();
  return rows.map((r) => r.channel_id);
}

export async function loadAsset(db: Executor, id: string): Promise<Asset | null> {
  return (await loadAssets(db, { id }))[0] ?? null;
}

/**
 * One asset, or every asset of a project (newest first), each with its channels, its versions
 * (newest first) and the receipts of its approved version: four queries however many assets.
 */
export async function loadAssets(db: Executor, which: { id: string } | { projectId: string }): Promise<Asset[]> {
  const scope = <T extends { where: (ref: 'assets.id' | 'assets.project_id', op: '=', value: string) => T }>(q: T) =>
    'id' in which ? q.where('assets.id', '=', which.id) : q.where('assets.project_id', '=', which.projectId);
  const [rows, channels, versions, receipts] = await Promise.all([
    scope(db.selectFrom('assets').selectAll('assets')).orderBy('assets.id', 'desc').execute(),
    scope(db.selectFrom('asset_channels').innerJoin('assets', 'assets.id', 'asset_channels.asset_id'))
      .select(['asset_channels.asset_id as asset_id', 'asset_channels.channel_id as channel_id'])
      .orderBy('asset_channels.asset_id')
      .orderBy('asset_channels.channel_id')
      .execute(),
    scope(db.selectFrom('asset_versions').innerJoin('assets', 'assets.id', 'asset_versions.asset_id'))
      .selectAll('asset_versions')
      .orderBy('asset_versions.asset_id')
      .orderBy('asset_versions.number', 'desc')
      .execute(),
    scope(
      db
        .selectFrom('receipts')
        .innerJoin('asset_versions', 'asset_versions.id', 'receipts.subject_id')
        .innerJoin('assets', 'assets.id', 'asset_versions.asset_id'),
    )
      .select(['asset_versions.asset_id as asset_id', 'receipts.channel_id', 'receipts.confirmed_by', 'receipts.confirmed_at'])
      .where('receipts.subject_kind', '=', 'asset_version')
      .where('asset_versions.state', '=', 'approved')
      .orderBy('asset_versions.asset_id')
      .orderBy('receipts.channel_id')
      .execute(),
  ]);
  const byAsset = <T extends { asset_id: string }, U>(items: T[], map: (item: T) => U) => {
    const out = new Map<string, U[]>();
    for (const item of items) {
      const list = out.get(item.asset_id);
      if (list) list.push(map(item));
      else out.set(item.asset_id, [map(item)]);
    }
    return out;
  };
  const channelsOf = byAsset(channels, (c) => c.channel_id);
  const versionsOf = byAsset(versions, toVersion);
  const receiptsOf = byAsset(receipts, (r) => ({ channel_id: r.channel_id, confirmed_by: r.confirmed_by, confirmed_at: r.confirmed_at }));
  return rows.map((row) => {
    const own = versionsOf.get(row.id) ?? [];
    return {
      id: row.id,
      project_id: row.project_id,
      name: row.name,
      channel_ids: channelsOf.get(row.id) ?? [],
      created_by: row.created_by,
      created_at: row.created_at,
      updated_at: row.updated_at,
      approved_version_id: own.find((v) => v.state === 'approved')?.id ?? null,
      versions: own,
      receipts: receiptsOf.get(row.id) ?? [],
    };
  });
}

/** The project's list mark (asset_list_marks): changes with every change to what its asset list shows. */
export async function listMark(db: Executor, projectId: string): Promise<number> {
  const row = await db.selectFrom('asset_list_marks').select('mark').where('project_id', '=', projectId).executeTakeFirst();
  return Number(row?.mark ?? 0);
}

export async function assetIdsInProject(db: Executor, projectId: string): Promise<Array<{ id: string; channel_id: string }>> {
  return db
    .selectFrom('assets')
    .innerJoin('asset_channels', 'asset_channels.asset_id', 'assets.id')
    .select(['assets.id as id', 'asset_channels.channel_id as channel_id'])
    .where('assets.project_id', '=', projectId)
    .orderBy('assets.id', 'desc')
    .execute();
}

export async function insertAsset(
  trx: Executor,
  a: { id: string; projectId: string; name: string; channelIds: string[]; userId: string; at: string },
): Promise<void> {
  await trx
    .insertInto('assets')
    .values({ id: a.id, project_id: a.projectId, name: a.name, created_by: a.userId, created_at: a.at, updated_at: a.at })
    .execute();
  await trx
    .insertInto('asset_channels')
    .values(a.channelIds.map((c) => ({ asset_id: a.id, channel_id: c })))
    .execute();
}

/**
 * Stops sharing a project's assets with a channel (it was unlinked from the project). An asset
 * shared with that channel alone is shared with the home channel instead, so it never ends up
 * shared with no one. Receipts already given stay recorded.
 */
export async function unshareFromChannel(
  trx: Transaction<Database>,
  u: { projectId: string; channelId: string; homeChannelId: string; at: string },
): Promise<Array<{ id: string; name: string; moved_to_home: boolean }>> {
  const rows = await trx
    .selectFrom('assets')
    .innerJoin('asset_channels', 'asset_channels.asset_id', 'assets.id')
    .select(['assets.id as id', 'assets.name as name'])
    .where('assets.project_id', '=', u.projectId)
    .where('asset_channels.channel_id', '=', u.channelId)
    .orderBy('assets.name')
    .orderBy('assets.id')
    .execute();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  await trx.deleteFrom('asset_channels').where('channel_id', '=', u.channelId).where('asset_id', 'in', ids).execute();
  const left = new Set(
    (await trx.selectFrom('asset_channels').select('asset_id').where('asset_id', 'in', ids).execute()).map((r) => r.asset_id),
  );
  const orphans = ids.filter((id) => !left.has(id));
  if (orphans.length)
    await trx
      .insertInto('asset_channels')
      .values(orphans.map((id) => ({ asset_id: id, channel_id: u.homeChannelId })))
      .execute();
  await trx.updateTable('assets').set({ updated_at: u.at }).where('id', 'in', ids).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, moved_to_home: !left.has(r.id) }));
}

export async function findVersionBySha(db: Executor, assetId: string, sha256: string): Promise<AssetVersion | null> {
  const row = await db
    .selectFrom('asset_versions')
    .selectAll()
    .where('asset_id', '=', assetId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return row ? toVersion(row) : null;
}

export async function findVersion(db: Executor, assetId: string, versionId: string): Promise<AssetVersion | null> {
  const row = await db
    .selectFrom('asset_versions')
    .selectAll()
    .where('asset_id', '=', assetId)
    .where('id', '=', versionId)
    .executeTakeFirst();
  return row ? toVersion(row) : null;
}

/** Which of these stored files a version points at. */
export async function shasInUse(db: Executor, sha256s: string[]): Promise<Set<string>> {
  if (!sha256s.length) return new Set();
  const rows = await db.selectFrom('asset_versions').select('sha256').distinct().where('sha256', 'in', sha256s).execute();
  return new Set(rows.map((r) => r.sha256));
}

/** Bytes of every version a user added (rejected and superseded ones too: their files stay on disk). */
export async function bytesAddedBy(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('asset_versions')
    .select((eb) => eb.fn.sum<number | string | null>('size').as('n'))
    .where('added_by', '=', userId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function bytesOfAsset(db: Executor, assetId: string): Promise<number> {
  const row = await db
    .selectFrom('asset_versions')
    .select((eb) => eb.fn.sum<number | string | null>('size').as('n'))
    .where('asset_id', '=', assetId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertVersion(trx: Executor, v: Omit<AssetVersion, 'number'>): Promise<AssetVersion> {
  const row = await trx
    .selectFrom('asset_versions')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('asset_id', '=', v.asset_id)
    .executeTakeFirst();
  const version = { ...v, number: Number(row?.n ?? 0) + 1 };
  await trx.insertInto('asset_versions').values(version).execute();
  return version;
}

/** Takes the asset's row lock first, so concurrent decisions on one asset run one after another. */
export async function lockAsset(trx: Executor, assetId: string, at: string): Promise<void> {
  await trx.updateTable('assets').set({ updated_at: at }).where('id', '=', assetId).execute();
}

export async function setVersionState(
  trx: Executor,
  id: string,
  state: VersionState,
  by: string,
  at: string,
  comment: string | null,
): Promise<void> {
  await trx
    .updateTable('asset_versions')
    .set({ state, decided_by: by, decided_at: at, decision_comment: comment })
    .where('id', '=', id)
    .execute();
}

export async function supersedeApproved(trx: Executor, assetId: string, exceptId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('asset_versions')
    .select('id')
    .where('asset_id', '=', assetId)
    .where('state', '=', 'approved')
    .where('id', '!=', exceptId)
    .execute();
  if (rows.length)
    await trx
      .updateTable('asset_versions')
      .set({ state: 'superseded' })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
  return rows.map((r) => r.id);
}

export async function insertReceipts(trx: Executor, versionId: string, channelIds: string[]): Promise<void> {
  await openReceipts(trx, 'asset_version', versionId, channelIds);
}

export async function confirmReceipt(trx: Executor, versionId: string, channelId: string, by: string, at: string): Promise<boolean> {
  return confirmSubjectReceipt(trx, 'asset_version', versionId, channelId, by, at);
}

export async function addHistory(trx: Executor, e: Omit<AssetHistoryEntry, 'id'>): Promise<void> {
  await trx
    .insertInto('asset_history')
    .values({ id: newId(), ...e })
    .execute();
}

/**
 * An asset's history, newest first: `limit` entries older than `before` (an entry id), or the newest.
 * Receipts are included only for `receiptChannels`: a receipt names its channel.
 */
export async function listHistory(
  db: Executor,
  assetId: string,
  page: { before?: string; limit: number; receiptChannels: string[] },
): Promise<AssetHistoryEntry[]> {
  let q = db
    .selectFrom('asset_history')
    .selectAll()
    .where('asset_id', '=', assetId)
    .where((eb) =>
      page.receiptChannels.length
        ? eb.or([eb('action', '!=', 'receipt_confirmed'), eb('detail', 'in', page.receiptChannels)])
        : eb('action', '!=', 'receipt_confirmed'),
    );
  if (page.before) q = q.where('id', '<', page.before);
  return q.orderBy('id', 'desc').limit(page.limit).execute();
}

/** The asset a version belongs to (a card's button names only the version). */
export async function assetIdOfVersion(db: Executor, versionId: string): Promise<string | null> {
  const row = await db.selectFrom('asset_versions').select('asset_id').where('id', '=', versionId).executeTakeFirst();
  return row?.asset_id ?? null;
}
