import type { Db } from '../db/database.js';
import { AppError } from '../http/errors.js';
import * as repo from './asset.repository.js';
import type { Readable } from 'node:stream';
import { DiskFull, UploadTooLarge, type BlobStore, type StagedBlob } from './blob.store.js';

/** What an upload may take: one file, one user's and one asset's versions in all, and the disk's free space above its floor. */
export interface UploadLimits {
  fileBytes: number;
  userBytes: number;
  assetBytes: number;
  diskFreeMinBytes: number;
}

interface Bound {
  code: 'payload_too_large' | 'quota_exceeded' | 'insufficient_storage';
  /** Bytes still allowed under this bound (0 or less: none). */
  bytes: number;
  refusal(): AppError;
}

/** Who uploads what, where, and what bounds them. */
export interface BoundsOf {
  db: Db;
  blobs: BlobStore;
  limits: UploadLimits;
  userId: string;
  assetId: string;
}

/** Every bound on the next upload by this user to this asset, as things stand now. */
async function uploadBounds({ db, blobs, limits, userId, assetId }: BoundsOf): Promise<Bound[]> {
  const { fileBytes, userBytes, assetBytes, diskFreeMinBytes } = limits;
  const [byUser, inAsset, free] = await Promise.all([repo.bytesAddedBy(db, userId), repo.bytesOfAsset(db, assetId), blobs.freeBytes()]);
  const bound = (code: Bound['code'], bytes: number, message: string): Bound => ({
    code,
    bytes,
    refusal: () => new AppError(code, message),
  });
  return [
    bound('payload_too_large', fileBytes, `The file is larger than the limit of ${fileBytes} bytes; nothing was stored`),
    bound('quota_exceeded', userBytes - byUser, `Your versions would pass your upload quota of ${userBytes} bytes; nothing was stored`),
    bound('quota_exceeded', assetBytes - inAsset, `This asset's versions would pass its quota of ${assetBytes} bytes; nothing was stored`),
    bound(
      'insufficient_storage',
      free - diskFreeMinBytes,
      'The service is running out of disk space and takes no more files for now; nothing was stored',
    ),
  ];
}

/** Stages the bytes, reading no more than the tightest bound allows: a larger file gets that bound's refusal. */
export async function stageWithin(of: BoundsOf, stream: Readable): Promise<StagedBlob> {
  const bounds = await uploadBounds(of);
  const room = Math.min(...bounds.map((b) => b.bytes));
  const binding = bounds.find((b) => b.bytes === room)!;
  if (room <= 0) throw binding.refusal();
  try {
    return await of.blobs.stage(stream, room);
  } catch (err) {
    if (err instanceof UploadTooLarge) throw binding.refusal();
    if (err instanceof DiskFull) throw bounds.find((b) => b.code === 'insufficient_storage')!.refusal();
    throw err;
  }
}

/** Checked again once the size is known, just before recording: uploads that ran side by side count each other. */
export async function refuseIfPassed(of: BoundsOf, size: number): Promise<void> {
  const over = (await uploadBounds(of)).find((b) => b.code !== 'payload_too_large' && size > b.bytes);
  if (over) throw over.refusal();
}
