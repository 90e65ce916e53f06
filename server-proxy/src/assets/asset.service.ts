import type { Readable } from 'node:stream';
import { ASSET_PERMISSIONS, LIMITS, type AssetHistoryPage, type HistoryQuery } from '@throughline/contract';
import type { Access } from '../access/access.js';
import { visibleChannels, within, type Facts } from '../access/policy.js';
import { isUniqueViolation, type Db } from '../db/database.js';
import type { UnitOfWork, Work } from '../db/unit_of_work.js';
import type { Caller } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import * as projects from '../projects/project.repository.js';
import { reopenRolloutsOnApproval } from '../rollouts/rollout.gate.js';
import { newId } from '../util/ids.js';
import { pageOf } from '../util/page.js';
import { PageCache, cachedPage, type CachedPage } from '../tasks/page.cache.js';
import { CONTROL_OR_DIRECTION, singleLine, multiLine } from '../util/text.js';
import type { BlobStore, ByteRange } from './blob.store.js';
import * as repo from './asset.repository.js';
import { onApproved } from './recall.js';
import { refuseIfPassed, stageWithin, type BoundsOf, type UploadLimits } from './upload.bounds.js';
import type { Asset, AssetVersion, StoredAsset } from './asset.types.js';

export interface IncomingFile {
  stream: Readable;
  fileName: string;
  mimeType: string;
  sourcePostId?: string | null;
  sourceFileId?: string | null;
  /** Called once the bytes are staged, before anything is stored: rejects to refuse the upload (e.g. a second file part). */
  complete?: () => Promise<void>;
}

const NAME_MAX = LIMITS.assetNameMax;
const FILE_NAME_MAX = LIMITS.fileNameBytesMax;
const COMMENT_MAX = LIMITS.commentMax;

/** A file name is shown to people and offered as a download name: no paths, no control characters. */
export function checkFileName(raw: string): string {
  const name = raw.normalize('NFC').trim();
  if (!name || name === '.' || name === '..') throw new AppError('invalid_file_name', 'The file needs a name');
  if (/[\\/]/.test(name)) throw new AppError('invalid_file_name', 'A file name must not contain / or \\');
  if (CONTROL_OR_DIRECTION.test(name)) {
    throw new AppError('invalid_file_name', 'A file name must not contain control or direction characters');
  }
  if (Buffer.byteLength(name) > FILE_NAME_MAX)
    throw new AppError('invalid_file_name', `A file name must be at most ${FILE_NAME_MAX} bytes`);
  return name;
}

interface AssetList {
  items: Asset[];
}

/** Projects whose channels-with-assets are remembered (a few ids each). */
const SHARED_WITH_KEPT = 1000;

/** Who is asking and what they are in each channel the project's assets are shared with: all a list answer depends on. */
function viewKey(projectId: string, facts: Facts): string {
  const { id, isGuest, isSystemAdmin } = facts.caller;
  return JSON.stringify([projectId, id, isGuest, isSystemAdmin, [...facts.standings].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
}

export class AssetService {
  /** Asset list answers (JSON), each for the list mark it was made at. */
  private readonly lists = new PageCache({ maxEntry: 8 * 1024 * 1024 });
  /** Per project, the channels its assets are shared with, at a list mark: what a caller's standing is asked in. */
  private readonly sharedWith = new Map<string, { mark: number; channels: string[] }>();

  constructor(
    private readonly db: Db,
    private readonly uow: UnitOfWork,
    private readonly access: Access,
    private readonly blobs: BlobStore,
    private readonly limits: UploadLimits,
  ) {}

  /**
   * Every asset of the project shared with a channel the caller is in, newest first, as the JSON
   * `serialize` makes of `{ items }`: a constant number of queries. The answer is reused while the
   * project's list mark stays the same (every change to its assets moves it, on any replica) for a
   * caller with the same standing in the same channels; access is asked about on every request.
   */
  async list(caller: Caller, projectId: string, serialize: (list: AssetList) => string): Promise<CachedPage> {
    const inProject = await this.access.facts(caller, await projects.projectChannelIds(this.db, projectId));
    this.access.require('project.read', inProject);
    // Read before the assets: what is loaded is at least as new as the mark it is kept under.
    const mark = await repo.listMark(this.db, projectId);
    const shared = this.sharedWith.get(projectId);
    if (shared?.mark === mark) {
      const hit = this.lists.get(viewKey(projectId, await this.access.facts(caller, shared.channels)), mark);
      if (hit) return hit;
    }
    const all = await repo.loadAssets(this.db, { projectId });
    const channels = [...new Set(all.flatMap((a) => a.channel_ids))];
    const facts = await this.access.facts(caller, channels);
    const page = { items: all.filter((a) => a.channel_ids.some((c) => facts.standings.has(c))).map((a) => this.present(a, facts)) };
    const made = cachedPage(serialize(page));
    // A slower request made at an older mark leaves a newer one in place.
    if ((this.sharedWith.get(projectId)?.mark ?? -1) <= mark) {
      this.sharedWith.delete(projectId);
      this.sharedWith.set(projectId, { mark, channels });
    }
    for (const oldest of this.sharedWith.keys()) {
      if (this.sharedWith.size <= SHARED_WITH_KEPT) break;
      this.sharedWith.delete(oldest);
    }
    this.lists.set(viewKey(projectId, facts), mark, made);
    return made;
  }

  async create(caller: Caller, input: { project_id: string; name: string; channel_ids: string[] }): Promise<Asset> {
    const name = singleLine('name', input.name, NAME_MAX);
    const projectChannels = await projects.projectChannelIds(this.db, input.project_id);
    const facts = await this.access.facts(caller, projectChannels);
    this.access.require('project.read', facts);
    this.access.require('asset.create', facts);
    const channelIds = [...new Set(input.channel_ids)];
    for (const c of channelIds) {
      if (!projectChannels.includes(c))
        throw new AppError('channel_not_in_project', 'An asset can be shared only with channels of its project');
      if (!facts.standings.has(c)) throw new AppError('forbidden', 'You can share an asset only with channels you are a member of');
    }
    const id = newId();
    await this.uow.run(async (w) => {
      await repo.insertAsset(w.trx, { id, projectId: input.project_id, name, channelIds, userId: caller.id, at: w.at });
      await repo.addHistory(w.trx, { asset_id: id, version_id: null, actor_id: caller.id, action: 'created', detail: name, at: w.at });
      // No event tells of a new asset: the index is told here.
      w.index({ kind: 'asset', id });
    });
    return this.get(caller, id);
  }

  async get(caller: Caller, id: string): Promise<Asset> {
    const { asset, facts } = await this.visible(caller, id);
    return this.present(asset, facts);
  }

  /** A page of the asset's history, newest first; `next_cursor` leads to older entries. */
  async history(caller: Caller, id: string, query: HistoryQuery = {}): Promise<AssetHistoryPage> {
    const { asset, facts } = await this.visible(caller, id);
    // A receipt names its channel: the history shows only those the asset itself would show.
    const receiptChannels = visibleChannels(within(facts, asset.channel_ids), asset.channel_ids);
    const limit = query.limit ?? LIMITS.pageDefault;
    return pageOf(await repo.listHistory(this.db, id, { before: query.cursor, limit: limit + 1, receiptChannels }), limit);
  }

  /** Streams a file into the store and records it as the asset's next version. */
  async addVersion(caller: Caller, id: string, file: IncomingFile): Promise<AssetVersion> {
    const fileName = checkFileName(file.fileName);
    const { asset, facts } = await this.visible(caller, id);
    this.access.require('asset.add_version', facts);
    const bounds: BoundsOf = { db: this.db, blobs: this.blobs, limits: this.limits, userId: caller.id, assetId: id };
    const staged = await stageWithin(bounds, file.stream);
    try {
      await file.complete?.();
      if (staged.size === 0) throw new AppError('empty_file', 'The file is empty; nothing was stored');
      const existing = await repo.findVersionBySha(this.db, id, staged.sha256);
      if (existing) throw duplicate(existing);
      await refuseIfPassed(bounds, staged.size);
    } catch (err) {
      await staged.discard();
      throw err;
    }
    await staged.commit();
    try {
      return await this.uow.run(async (w) => {
        const v = await repo.insertVersion(w.trx, {
          id: newId(),
          asset_id: id,
          file_name: fileName,
          mime_type: file.mimeType.slice(0, 200) || 'application/octet-stream',
          size: staged.size,
          sha256: staged.sha256,
          source_post_id: file.sourcePostId ?? null,
          source_file_id: file.sourceFileId ?? null,
          added_by: caller.id,
          added_at: w.at,
          state: 'proposed',
          decided_by: null,
          decided_at: null,
          decision_comment: null,
        });
        await repo.addHistory(w.trx, {
          asset_id: id,
          version_id: v.id,
          actor_id: caller.id,
          action: 'version_added',
          detail: fileName,
          at: w.at,
        });
        await this.emitAll(w, asset, 'asset.version_added', v.id);
        return v;
      });
    } catch (err) {
      // The stored file is left alone: another upload of the same bytes may be recording it right
      // now, and a failed one must never delete the file that one keeps. The sweep removes it once
      // it is older than its grace and still nothing points at it.
      if (isUniqueViolation(err)) {
        const winner = await repo.findVersionBySha(this.db, id, staged.sha256);
        if (winner) throw duplicate(winner);
      }
      throw err;
    }
  }

  /** Removes stored files no version points at, older than the grace (see the stores' sweep). */
  sweepBlobs(graceMs: number, signal?: AbortSignal): Promise<number> {
    return this.blobs.sweep((shas) => repo.shasInUse(this.db, shas), graceMs, signal);
  }

  /** The version the caller asks for; its bytes come from `bytesOf` once the route knows which it sends. */
  async fileOf(caller: Caller, id: string, versionId: string): Promise<AssetVersion> {
    await this.visible(caller, id);
    const version = await repo.findVersion(this.db, id, versionId);
    if (!version) throw new AppError('not_found', 'Version not found');
    return version;
  }

  async bytesOf(version: AssetVersion, range?: ByteRange): Promise<Readable> {
    const stream = await this.blobs.read(version.sha256, range);
    if (!stream) throw new AppError('not_found', 'The stored file is missing');
    return stream;
  }

  async decide(caller: Caller, id: string, versionId: string, decision: 'approve' | 'reject', rawComment?: string): Promise<Asset> {
    const { asset, facts } = await this.visible(caller, id);
    this.access.require('asset.approve', facts);
    const comment = rawComment?.trim() ? multiLine('comment', rawComment.trim(), COMMENT_MAX) : null;
    const version = await repo.findVersion(this.db, id, versionId);
    if (!version) throw new AppError('not_found', 'Version not found');
    await this.uow.run(async (w) => {
      await repo.lockAsset(w.trx, id, w.at);
      const current = (await repo.findVersion(w.trx, id, versionId))!;
      if (decision === 'approve') {
        if (current.state === 'approved') return;
        const superseded = await repo.supersedeApproved(w.trx, id, versionId);
        await repo.setVersionState(w.trx, versionId, 'approved', caller.id, w.at, comment);
        await repo.insertReceipts(w.trx, versionId, asset.channel_ids);
        for (const old of superseded)
          await repo.addHistory(w.trx, {
            asset_id: id,
            version_id: old,
            actor_id: caller.id,
            action: 'superseded',
            detail: null,
            at: w.at,
          });
        await repo.addHistory(w.trx, {
          asset_id: id,
          version_id: versionId,
          actor_id: caller.id,
          action: 'approved',
          detail: comment,
          at: w.at,
        });
        await this.emitAll(w, asset, 'asset.version_approved', versionId);
        await onApproved(w, { asset, version: current, superseded, actorId: caller.id, comment });
        await reopenRolloutsOnApproval(w, { assetId: id, assetName: asset.name, versionNumber: current.number, actorId: caller.id });
      } else {
        if (current.state === 'rejected') return;
        await repo.setVersionState(w.trx, versionId, 'rejected', caller.id, w.at, comment);
        await repo.addHistory(w.trx, {
          asset_id: id,
          version_id: versionId,
          actor_id: caller.id,
          action: 'rejected',
          detail: comment,
          at: w.at,
        });
        await this.emitAll(w, asset, 'asset.version_rejected', versionId);
      }
    });
    return this.get(caller, id);
  }

  /** A member of one of the asset's channels confirms that channel received the approved version. */
  async confirmReceipt(caller: Caller, id: string, channelId: string, versionId?: string): Promise<Asset> {
    const { asset } = await this.visible(caller, id);
    if (!asset.channel_ids.includes(channelId)) throw new AppError('not_found', 'This asset is not shared with that channel');
    if (!(await this.access.membership(caller, channelId)))
      throw new AppError('forbidden', 'Only a member of that channel can confirm its receipt');
    const approved = asset.approved_version_id;
    if (!approved) throw new AppError('no_approved_version', 'No version of this asset is approved yet');
    if (versionId && versionId !== approved)
      throw new AppError('no_approved_version', 'That version is no longer the approved one; confirm the current version instead');
    await this.uow.run(async (w) => {
      if (!(await repo.confirmReceipt(w.trx, approved, channelId, caller.id, w.at))) return;
      await repo.addHistory(w.trx, {
        asset_id: id,
        version_id: approved,
        actor_id: caller.id,
        action: 'receipt_confirmed',
        detail: channelId,
        at: w.at,
      });
      await this.emitAll(w, asset, 'asset.receipt_confirmed', approved);
    });
    return this.get(caller, id);
  }

  private async emitAll(
    w: Work,
    asset: StoredAsset,
    type: 'asset.version_added' | 'asset.version_approved' | 'asset.version_rejected' | 'asset.receipt_confirmed',
    versionId: string,
  ) {
    for (const channelId of asset.channel_ids) {
      await w.emit({ type, channel_id: channelId, payload: { asset_id: asset.id, project_id: asset.project_id, version_id: versionId } });
    }
  }

  private async visible(caller: Caller, id: string): Promise<{ asset: StoredAsset; facts: Facts }> {
    const asset = await repo.loadAsset(this.db, id);
    if (!asset) throw new AppError('not_found', 'Asset not found');
    const facts = await this.access.facts(caller, asset.channel_ids);
    this.access.require('asset.read', facts);
    return { asset, facts };
  }

  /** Guests learn only about their own channels: the Kazan franchisee never sees Samara's receipt. */
  private present(a: StoredAsset, facts: Facts): Asset {
    const own = within(facts, a.channel_ids);
    const channels = new Set(visibleChannels(own, a.channel_ids));
    return {
      ...a,
      channel_ids: a.channel_ids.filter((c) => channels.has(c)),
      receipts: a.receipts.filter((r) => channels.has(r.channel_id)),
      permissions: this.access.granted(ASSET_PERMISSIONS, own),
    };
  }
}

function duplicate(existing: AssetVersion): AppError {
  return new AppError('duplicate_version', `These exact bytes are already version ${existing.number} of this asset`, { existing });
}
