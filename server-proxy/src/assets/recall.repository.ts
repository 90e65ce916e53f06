import type { AssetDownload } from '@throughline/contract';
import type { Transaction } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { newId } from '../util/ids.js';

type Executor = Db | Transaction<Database>;

export async function recordCard(trx: Executor, versionId: string, channelId: string, outboxId: string): Promise<void> {
  await trx.insertInto('asset_cards').values({ outbox_id: outboxId, version_id: versionId, channel_id: channelId }).execute();
}

/** The approval cards of these versions, each by the outbox message that posts it. */
export async function cardsOf(
  db: Executor,
  versionIds: readonly string[],
): Promise<Array<{ outbox_id: string; version_id: string; channel_id: string }>> {
  if (!versionIds.length) return [];
  return db
    .selectFrom('asset_cards')
    .select(['outbox_id', 'version_id', 'channel_id'])
    .where('version_id', 'in', versionIds)
    .orderBy('outbox_id')
    .execute();
}

/** The newest card of a version in a channel, if one was queued. */
export async function cardIn(db: Executor, versionId: string, channelId: string): Promise<string | null> {
  const row = await db
    .selectFrom('asset_cards')
    .select('outbox_id')
    .where('version_id', '=', versionId)
    .where('channel_id', '=', channelId)
    .orderBy('outbox_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.outbox_id ?? null;
}

/** The posts of the approval cards of an asset's other versions in a channel (a bookmark to one is stale). */
export async function otherCardPosts(db: Executor, assetId: string, channelId: string, exceptVersionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('asset_cards')
    .innerJoin('asset_versions', 'asset_versions.id', 'asset_cards.version_id')
    .innerJoin('outbox', 'outbox.id', 'asset_cards.outbox_id')
    .select('outbox.result_post_id as post_id')
    .where('asset_versions.asset_id', '=', assetId)
    .where('asset_cards.channel_id', '=', channelId)
    .where('asset_cards.version_id', '!=', exceptVersionId)
    .where('outbox.result_post_id', 'is not', null)
    .execute();
  return rows.map((r) => r.post_id!);
}

export async function bookmarksOf(db: Executor, assetId: string, channelId: string) {
  return db
    .selectFrom('asset_bookmarks')
    .select(['bookmark_id', 'version_id'])
    .where('asset_id', '=', assetId)
    .where('channel_id', '=', channelId)
    .execute();
}

export async function saveBookmark(
  db: Executor,
  b: { bookmark_id: string; asset_id: string; channel_id: string; version_id: string; created_at: string },
): Promise<void> {
  await db
    .insertInto('asset_bookmarks')
    .values(b)
    .onConflict((oc) => oc.column('bookmark_id').doNothing())
    .execute();
}

export async function forgetBookmark(db: Executor, bookmarkId: string): Promise<void> {
  await db.deleteFrom('asset_bookmarks').where('bookmark_id', '=', bookmarkId).execute();
}

export async function versionState(db: Executor, versionId: string): Promise<string | null> {
  const row = await db.selectFrom('asset_versions').select('state').where('id', '=', versionId).executeTakeFirst();
  return row?.state ?? null;
}

export async function insertDownload(
  trx: Executor,
  d: Omit<AssetDownload, 'id' | 'version_number'> & { asset_id: string },
): Promise<string> {
  const id = newId();
  await trx
    .insertInto('asset_downloads')
    .values({
      id,
      asset_id: d.asset_id,
      version_id: d.version_id,
      user_id: d.user_id,
      channel_id: d.channel_id,
      at: d.at,
      after_superseded: d.after_superseded ? 1 : 0,
    })
    .execute();
  return id;
}

/** A page of an asset's downloads, newest first, below `before` (an id). */
export async function listDownloads(
  db: Executor,
  assetId: string,
  page: { before?: string; limit: number; superseded?: boolean },
): Promise<AssetDownload[]> {
  let q = db
    .selectFrom('asset_downloads')
    .innerJoin('asset_versions', 'asset_versions.id', 'asset_downloads.version_id')
    .select([
      'asset_downloads.id as id',
      'asset_downloads.version_id as version_id',
      'asset_versions.number as version_number',
      'asset_downloads.user_id as user_id',
      'asset_downloads.channel_id as channel_id',
      'asset_downloads.at as at',
      'asset_downloads.after_superseded as after_superseded',
    ])
    .where('asset_downloads.asset_id', '=', assetId);
  if (page.superseded !== undefined) q = q.where('asset_downloads.after_superseded', '=', page.superseded ? 1 : 0);
  if (page.before) q = q.where('asset_downloads.id', '<', page.before);
  const rows = await q.orderBy('asset_downloads.id', 'desc').limit(page.limit).execute();
  return rows.map((r) => ({ ...r, version_number: Number(r.version_number), after_superseded: Number(r.after_superseded) === 1 }));
}

/**
 * Who downloaded a version, each with the channel of their newest download that names one (where
 * a recall DM links to), in one row per person.
 */
export async function downloadersOf(db: Executor, versionId: string): Promise<Array<{ user_id: string; channel_id: string | null }>> {
  const rows = await db
    .selectFrom('asset_downloads')
    .select(['user_id', 'channel_id'])
    .where('version_id', '=', versionId)
    .orderBy('id', 'desc')
    .execute();
  const out = new Map<string, string | null>();
  for (const r of rows) if (!out.has(r.user_id) || (out.get(r.user_id) === null && r.channel_id)) out.set(r.user_id, r.channel_id);
  return [...out].map(([user_id, channel_id]) => ({ user_id, channel_id }));
}

/** Marks a person told about a superseded version; false when they already were. */
export async function claimNotice(trx: Executor, versionId: string, userId: string, at: string): Promise<boolean> {
  const r = await trx
    .insertInto('recall_notices')
    .values({ version_id: versionId, user_id: userId, at })
    .onConflict((oc) => oc.columns(['version_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The assets shared with a channel that have an approved version: the approved version's id each. */
export async function approvedInChannel(db: Executor, channelId: string): Promise<Array<{ asset_id: string; version_id: string }>> {
  return db
    .selectFrom('asset_channels')
    .innerJoin('asset_versions', 'asset_versions.asset_id', 'asset_channels.asset_id')
    .innerJoin('assets', 'assets.id', 'asset_channels.asset_id')
    .select(['asset_channels.asset_id as asset_id', 'asset_versions.id as version_id'])
    .where('asset_channels.channel_id', '=', channelId)
    .where('asset_versions.state', '=', 'approved')
    .orderBy('assets.name')
    .orderBy('assets.id')
    .execute();
}

export async function versionsByIds(db: Executor, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.selectFrom('asset_versions').selectAll().where('id', 'in', ids).execute();
}
