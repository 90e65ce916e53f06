import type { BlobStoreConfig, S3StoreConfig } from '../config.js';
import { LocalBlobStore } from './blob.local.js';
import type { BlobStore, ByteRange, Referenced } from './blob.store.js';

/** Where a bucket's versions live, for people (logs, doctor). */
export function s3Where(config: S3StoreConfig): string {
  return `s3://${config.bucket}/${config.prefix}${config.endpoint ? ` at ${config.endpoint}` : ` in ${config.region}`}`;
}

/**
 * The bucket's store, its SDK loaded on first use: a service on the local store never loads it, and
 * so never holds the memory it takes (some 25 MiB of a process's resident size).
 */
class BucketStore implements BlobStore {
  readonly where: string;
  private store: Promise<BlobStore> | null = null;

  constructor(
    private readonly config: S3StoreConfig,
    private readonly dataDir: string,
  ) {
    this.where = s3Where(config);
  }

  private get s3(): Promise<BlobStore> {
    return (this.store ??= import('./blob.s3.js').then(({ S3BlobStore }) => new S3BlobStore(this.config, this.dataDir)));
  }

  async init(): Promise<void> {
    return (await this.s3).init();
  }
  async stage(...args: Parameters<BlobStore['stage']>) {
    return (await this.s3).stage(...args);
  }
  async freeBytes(): Promise<number> {
    return (await this.s3).freeBytes();
  }
  async read(sha256: string, range?: ByteRange) {
    return (await this.s3).read(sha256, range);
  }
  async sweep(referenced: Referenced, graceMs: number, signal?: AbortSignal): Promise<number> {
    return (await this.s3).sweep(referenced, graceMs, signal);
  }
}

/** The store BLOB_STORE names: DATA_DIR/blobs, or a bucket every replica shares. */
export function openBlobStore(config: BlobStoreConfig, dataDir: string): BlobStore {
  return config.kind === 's3' ? new BucketStore(config, dataDir) : new LocalBlobStore(dataDir);
}
