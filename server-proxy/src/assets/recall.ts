import { LIMITS, type AssetDownloadPage, type AssetDownloadsQuery, type Shelf, type ShelfItem } from '@throughline/contract';
import type { Access } from '../access/access.js';
import type { Db } from '../db/database.js';
import type { UnitOfWork, Work } from '../db/unit_of_work.js';
import type { Caller } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import { receiptsOf } from '../receipts/receipt.repository.js';
import { pageOf } from '../util/page.js';
import * as repo from './asset.repository.js';
import * as recall from './recall.repository.js';
import type { AssetVersion, StoredAsset } from './asset.types.js';

/**
 * Taking a superseded version out of circulation: on each approval the new version's cards go to
 * the asset's channels and are pinned there as bookmarks, the superseded version's cards are
 * rewritten to say so, and whoever downloaded it is told once. Downloads are recorded here too.
 */
export async function onApproved(
  w: Work,
  a: { asset: StoredAsset; version: AssetVersion; superseded: readonly string[]; actorId: string; comment: string | null },
): Promise<void> {
  const { asset, version } = a;
  const cards = new Map<string, string>();
  for (const channelId of asset.channel_ids) {
    const outboxId = await w.notify({
      kind: 'approval_card',
      channel_id: channelId,
      actor_id: a.actorId,
      asset_id: asset.id,
      asset_name: asset.name,
      version_id: version.id,
      version_number: version.number,
      file_name: version.file_name,
      comment: a.comment,
    });
    await recall.recordCard(w.trx, version.id, channelId, outboxId);
    cards.set(channelId, outboxId);
    await w.notify({
      kind: 'bookmark_pin',
      channel_id: channelId,
      asset_id: asset.id,
      asset_name: asset.name,
      version_id: version.id,
      version_number: version.number,
      card_outbox_id: outboxId,
    });
  }
  const old = new Map(asset.versions.filter((v) => a.superseded.includes(v.id)).map((v) => [v.id, v]));
  for (const card of await recall.cardsOf(w.trx, [...old.keys()])) {
    const v = old.get(card.version_id)!;
    await w.notify({
      kind: 'approval_card_edit',
      channel_id: card.channel_id,
      actor_id: a.actorId,
      card_outbox_id: card.outbox_id,
      asset_id: asset.id,
      asset_name: asset.name,
      version_id: v.id,
      version_number: v.number,
      file_name: v.file_name,
      superseded_by_number: version.number,
    });
  }
  for (const v of old.values()) {
    for (const d of await recall.downloadersOf(w.trx, v.id)) await tellOnce(w, asset, v, version, d.user_id, d.channel_id, cards);
  }
}

/** One DM per person and superseded version, whenever they downloaded it (before or after it was superseded). */
async function tellOnce(
  w: Work,
  asset: StoredAsset,
  old: AssetVersion,
  current: AssetVersion,
  userId: string,
  channelId: string | null,
  cards: ReadonlyMap<string, string>,
): Promise<void> {
  if (!(await recall.claimNotice(w.trx, old.id, userId, w.at))) return;
  const channel = channelId && asset.channel_ids.includes(channelId) ? channelId : null;
  await w.notify({
    kind: 'recall_dm',
    user_id: userId,
    channel_id: channel,
    asset_id: asset.id,
    asset_name: asset.name,
    version_number: old.number,
    current_version_id: current.id,
    current_number: current.number,
    current_file_name: current.file_name,
    card_outbox_id: channel ? (cards.get(channel) ?? (await recall.cardIn(w.trx, current.id, channel))) : null,
  });
}

/**
 * What counts as one download of a version's file: a GET answered with the whole file (200) or with
 * a range that starts at its first byte (206, a download manager's first piece). HEAD, 304, 416, a
 * range that starts later (the rest of a download already counted) and an inline preview (the
 * browser says `Sec-Fetch-Dest: image`, `video` or `audio`) are not downloads.
 */
export function countsAsDownload(r: { method: string; status: number; contentRange?: string; fetchDest?: string }): boolean {
  if (r.method !== 'GET' || (r.fetchDest && /^(image|video|audio)$/.test(r.fetchDest))) return false;
  if (r.status === 200) return true;
  return r.status === 206 && /^bytes 0-/.test(r.contentRange ?? '');
}

export class RecallService {
  constructor(
    private readonly db: Db,
    private readonly uow: UnitOfWork,
    private readonly access: Access,
  ) {}

  /**
   * Records a download by the caller (who may read the asset). `channelId` is kept only when the
   * asset is shared with that channel and the caller is a member of it; otherwise the download is
   * recorded without a channel. A superseded version's download tells its downloader which version to use, once.
   */
  async recordDownload(caller: Caller, assetId: string, versionId: string, channelId: string | undefined): Promise<void> {
    const asset = await repo.loadAsset(this.db, assetId);
    if (!asset) throw new AppError('not_found', 'Asset not found');
    const facts = await this.access.facts(caller, asset.channel_ids);
    this.access.require('asset.read', facts);
    const version = asset.versions.find((v) => v.id === versionId);
    if (!version) throw new AppError('not_found', 'Version not found');
    const channel = channelId && asset.channel_ids.includes(channelId) && facts.standings.has(channelId) ? channelId : null;
    const superseded = version.state === 'superseded';
    await this.uow.run(async (w) => {
      await recall.insertDownload(w.trx, {
        asset_id: assetId,
        version_id: versionId,
        user_id: caller.id,
        channel_id: channel,
        at: w.at,
        after_superseded: superseded,
      });
      const current = asset.versions.find((v) => v.state === 'approved');
      if (superseded && current) await tellOnce(w, asset, version, current, caller.id, channel, new Map());
    });
  }

  async downloads(caller: Caller, assetId: string, query: AssetDownloadsQuery = {}): Promise<AssetDownloadPage> {
    const asset = await repo.loadAsset(this.db, assetId);
    if (!asset) throw new AppError('not_found', 'Asset not found');
    const facts = await this.access.facts(caller, asset.channel_ids);
    this.access.require('asset.read', facts);
    this.access.require('asset.read_downloads', facts);
    const limit = query.limit ?? LIMITS.pageDefault;
    const rows = await recall.listDownloads(this.db, assetId, { before: query.cursor, limit: limit + 1, superseded: query.superseded });
    return pageOf(rows, limit);
  }

  /** The approved versions of the assets shared with a channel, with the channel's receipt of each: for its members only. */
  async shelf(caller: Caller, channelId: string): Promise<Shelf> {
    this.access.require('shelf.read', await this.access.facts(caller, [], { target: channelId }));
    return { channel_id: channelId, items: await shelfItems(this.db, channelId, await recall.approvedInChannel(this.db, channelId)) };
  }
}

/** Approved versions as a channel's shelf shows them, with the channel's receipt of each (open when none is recorded). */
export async function shelfItems(
  db: Db,
  channelId: string,
  approved: ReadonlyArray<{ asset_id: string; version_id: string }>,
): Promise<ShelfItem[]> {
  const ids = approved.map((r) => r.version_id);
  const [versions, receipts, assets] = await Promise.all([
    recall.versionsByIds(db, ids),
    receiptsOf(db, 'asset_version', ids),
    Promise.all(approved.map((r) => repo.findAssetRow(db, r.asset_id))),
  ]);
  const byId = new Map(versions.map((v) => [v.id, v]));
  return approved.flatMap((r, i) => {
    const v = byId.get(r.version_id);
    const a = assets[i];
    if (!v || !a) return [];
    const receipt = receipts.get(v.id)?.find((x) => x.channel_id === channelId) ?? {
      channel_id: channelId,
      confirmed_by: null,
      confirmed_at: null,
    };
    return [
      {
        asset_id: a.id,
        asset_name: a.name,
        project_id: a.project_id,
        version: { ...v, number: Number(v.number), size: Number(v.size) },
        receipt,
      },
    ];
  });
}
