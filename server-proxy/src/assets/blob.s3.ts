import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3StoreConfig } from '../config.js';
import { AppError } from '../http/errors.js';
import { s3Where } from './blob.open.js';
import { isSha256, Staging, type BlobStore, type ByteRange, type Referenced, type StagedBlob } from './blob.store.js';

/** Parts of a multipart upload: memory per upload stays at PART_BYTES × QUEUE whatever the file's size. */
const PART_BYTES = 8 * 1024 * 1024;
const QUEUE = 4;
const MAX_PARTS = 10_000;

/** What the SDK's errors say, for the log and the doctor: the S3 error code, or the network's. */
export function s3Reason(err: unknown): string {
  if (err instanceof S3ServiceException) return `${err.name} (${err.$metadata.httpStatusCode ?? 'no status'})`;
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  return e?.cause?.code ?? e?.code ?? e?.name ?? e?.message ?? String(err);
}

const missing = (err: unknown) =>
  err instanceof S3ServiceException && (err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata.httpStatusCode === 404);

/**
 * Versions in an S3-compatible bucket, shared by every replica: <prefix>/<sha256[0..2]>/<sha256>.
 * An upload is hashed into a local staging file first and sent to its content key only once its hash
 * is known and it passed every bound: a refused or interrupted upload never reaches the bucket, no
 * object is ever renamed (S3 has no rename, only copy+delete), and the multipart upload from the
 * staging file reads one part at a time, so memory stays flat. A multipart upload that fails is
 * aborted; one a crash left behind is aborted by the sweep once past the grace.
 */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;
  private readonly staging: Staging;
  private readonly bucket: string;
  private readonly prefix: string;
  readonly where: string;

  constructor(config: S3StoreConfig, dataDir: string) {
    this.client = new S3Client({
      region: config.region,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      forcePathStyle: config.forcePathStyle,
      ...(config.credentials ? { credentials: config.credentials } : {}),
      // Checksums only where S3 demands them: many S3-compatible servers take no aws-chunked bodies.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 5000, requestTimeout: 60_000 },
    });
    this.staging = new Staging(path.join(dataDir, 'blobs', 'staging'), false);
    this.bucket = config.bucket;
    this.prefix = config.prefix ? `${config.prefix}/` : '';
    this.where = s3Where(config);
  }

  init(): Promise<void> {
    return this.staging.init();
  }

  private keyOf(sha256: string): string {
    if (!isSha256(sha256)) throw new Error('not a sha256');
    return `${this.prefix}${sha256.slice(0, 2)}/${sha256}`;
  }

  /** The person is told the store is away; the log is told why. */
  private unavailable(err: unknown, message: string): AppError {
    const e = new AppError('storage_unavailable', message);
    e.cause = `${this.where}: ${s3Reason(err)}`;
    return e;
  }

  async stage(source: Readable, limit: number): Promise<StagedBlob> {
    const { file, sha256, size } = await this.staging.write(source, limit);
    let done = false;
    const discard = async () => {
      if (!done) await fs.promises.rm(file, { force: true });
    };
    return {
      sha256,
      size,
      commit: async () => {
        // Sent even when the key is there already: the new write makes it young, so the sweep's
        // grace counts from here however old the first copy of these bytes is.
        const upload = new Upload({
          client: this.client,
          params: {
            Bucket: this.bucket,
            Key: this.keyOf(sha256),
            Body: fs.createReadStream(file, { highWaterMark: 1024 * 1024 }),
            ContentLength: size,
            ContentType: 'application/octet-stream',
          },
          partSize: Math.max(PART_BYTES, Math.ceil(size / MAX_PARTS)),
          queueSize: QUEUE,
        });
        try {
          await upload.done();
        } catch (err) {
          await discard();
          throw this.unavailable(err, 'The file store cannot be reached; nothing was stored. Try again later');
        }
        await discard();
        done = true;
      },
      discard,
    };
  }

  /** The bucket has no floor of ours; the staging disk does. */
  freeBytes(): Promise<number> {
    return this.staging.freeBytes();
  }

  async read(sha256: string, range?: ByteRange): Promise<Readable | null> {
    try {
      const res = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: this.keyOf(sha256),
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      return res.Body as Readable;
    } catch (err) {
      if (missing(err)) return null;
      throw this.unavailable(err, 'The file store cannot be reached; try the download again later');
    }
  }

  /**
   * Removes objects no version points at once older than `graceMs`, as the local store does. S3 has
   * no rename to move one aside, so each is checked again just before it is deleted: still old (an
   * upload of the same bytes rewrites it, making it young) and still not referenced.
   */
  async sweep(referenced: Referenced, graceMs: number, signal?: AbortSignal): Promise<number> {
    const old = Date.now() - graceMs;
    const shape = new RegExp(`^${this.prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([0-9a-f]{2})/([0-9a-f]{64})$`);
    let removed = 0;
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix, ContinuationToken: token, MaxKeys: 500 }),
      );
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
      const batch = (page.Contents ?? [])
        .filter((o) => o.LastModified && o.LastModified.getTime() < old)
        .map((o) => shape.exec(o.Key ?? ''))
        .filter((m): m is RegExpExecArray => m !== null && m[2]!.startsWith(m[1]!))
        .map((m) => m[2]!);
      if (!batch.length) continue;
      const used = await referenced(batch);
      for (const sha of batch.filter((c) => !used.has(c))) {
        if (signal?.aborted) return removed;
        const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha) })).catch((err) => {
          if (missing(err)) return null;
          throw err;
        });
        if (!head?.LastModified || head.LastModified.getTime() >= old || (await referenced([sha])).has(sha)) continue;
        await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha) }));
        removed += 1;
      }
    } while (token && !signal?.aborted);
    await this.abortStaleUploads(old);
    return removed;
  }

  /** Multipart uploads a crash left open hold their parts (and their cost) until aborted. */
  private async abortStaleUploads(old: number): Promise<void> {
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    do {
      let page;
      try {
        page = await this.client.send(
          new ListMultipartUploadsCommand({
            Bucket: this.bucket,
            Prefix: this.prefix,
            KeyMarker: keyMarker,
            UploadIdMarker: uploadIdMarker,
          }),
        );
      } catch (err) {
        // Some S3-compatible servers do not list uploads; their own expiry (or a lifecycle rule) is all there is.
        if (err instanceof S3ServiceException && err.name === 'NotImplemented') return;
        throw err;
      }
      for (const u of page.Uploads ?? []) {
        if (u.Key && u.UploadId && u.Initiated && u.Initiated.getTime() < old)
          await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: u.Key, UploadId: u.UploadId }));
      }
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
    } while (keyMarker);
  }

  /** Writes and removes a small object: throws, saying why, when the bucket cannot be written. */
  async probe(): Promise<void> {
    const Key = `${this.prefix}.doctor-${randomUUID()}`;
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key, Body: 'probe', ContentType: 'text/plain' }));
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key }));
  }
}
