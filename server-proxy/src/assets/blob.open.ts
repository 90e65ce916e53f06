import type { BlobStoreConfig } from '../config.js';
import { LocalBlobStore } from './blob.local.js';
import { S3BlobStore } from './blob.s3.js';
import type { BlobStore } from './blob.store.js';

/** The store BLOB_STORE names: DATA_DIR/blobs, or a bucket every replica shares. */
export function openBlobStore(config: BlobStoreConfig, dataDir: string): BlobStore {
  return config.kind === 's3' ? new S3BlobStore(config, dataDir) : new LocalBlobStore(dataDir);
}
