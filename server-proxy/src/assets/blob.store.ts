import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export class UploadTooLarge extends Error {}

export interface StagedBlob {
  sha256: string;
  size: number;
  /** Moves the bytes into the store (idempotent for the same content). */
  commit(): Promise<void>;
  /** Forgets the bytes; safe to call after commit (does nothing then). */
  discard(): Promise<void>;
}

/**
 * Content-addressed files under DATA_DIR/blobs: <sha256[0..2]>/<sha256>. Bytes are streamed to a
 * staging file while they are hashed; only a complete upload is moved into place, so an interrupted
 * one leaves at most a staging file, which the next start removes.
 */
export class BlobStore {
  private readonly root: string;
  private readonly staging: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'blobs');
    this.staging = path.join(this.root, 'staging');
  }

  async init(): Promise<void> {
    await fs.promises.rm(this.staging, { recursive: true, force: true });
    await fs.promises.mkdir(this.staging, { recursive: true });
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async stage(source: Readable, limit: number): Promise<StagedBlob> {
    const tmp = path.join(this.staging, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > limit) return cb(new UploadTooLarge(`larger than ${limit} bytes`));
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, fs.createWriteStream(tmp, { flags: 'wx', highWaterMark: 1024 * 1024 }));
    } catch (err) {
      await fs.promises.rm(tmp, { force: true });
      throw err;
    }
    const sha256 = hash.digest('hex');
    let done = false;
    return {
      sha256,
      size,
      commit: async () => {
        const dest = this.pathOf(sha256);
        await fs.promises.mkdir(path.dirname(dest), { recursive: true });
        await fs.promises.rename(tmp, dest);
        done = true;
      },
      discard: async () => {
        if (!done) await fs.promises.rm(tmp, { force: true });
      },
    };
  }

  async remove(sha256: string): Promise<void> {
    await fs.promises.rm(this.pathOf(sha256), { force: true });
  }

  async stat(sha256: string): Promise<fs.Stats | null> {
    return fs.promises.stat(this.pathOf(sha256)).catch(() => null);
  }

  async stagingCount(): Promise<number> {
    return (await fs.promises.readdir(this.staging).catch(() => [])).length;
  }
}
