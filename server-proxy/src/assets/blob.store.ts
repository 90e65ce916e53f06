import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export class UploadTooLarge extends Error {}
/** The disk filled up while the bytes were written. */
export class DiskFull extends Error {}

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
    const out = fs.createWriteStream(tmp, { flags: 'wx', highWaterMark: 1024 * 1024 });
    try {
      await pipeline(source, meter, out);
    } catch (err) {
      // A body that fails at once can fail before the file is even opened: the open still
      // completes (and creates the file) after the pipeline gave up. Remove it only once closed.
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
      await fs.promises.rm(tmp, { force: true });
      if ((err as NodeJS.ErrnoException).code === 'ENOSPC') throw new DiskFull('no space left on the device');
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
        // A committed file is young however long its upload took: the sweep's grace counts from here.
        const now = new Date();
        await fs.promises.utimes(tmp, now, now);
        await fs.promises.rename(tmp, dest);
        done = true;
      },
      discard: async () => {
        if (!done) await fs.promises.rm(tmp, { force: true });
      },
    };
  }

  /** Bytes an upload may still take before the data directory's free space falls to the floor. */
  async freeBytes(): Promise<number> {
    const st = await fs.promises.statfs(this.root);
    return st.bavail * st.bsize;
  }

  /**
   * Removes stored files nothing points at (left by a crash between storing a file and recording
   * its version, or by a version that failed to be recorded), once older than `graceMs`. A file is
   * first moved aside, then checked again: one committed meanwhile is fresh, one recorded meanwhile
   * is referenced, and either is moved back. Same bytes, same name: moving back is always safe.
   */
  async sweep(referenced: (sha256s: string[]) => Promise<Set<string>>, graceMs: number, signal?: AbortSignal): Promise<number> {
    const old = Date.now() - graceMs;
    const candidates: string[] = [];
    for (const dir of await fs.promises.readdir(this.root).catch(() => [] as string[])) {
      if (!/^[0-9a-f]{2}$/.test(dir)) continue;
      for (const name of await fs.promises.readdir(path.join(this.root, dir)).catch(() => [] as string[])) {
        if (!/^[0-9a-f]{64}$/.test(name) || name.slice(0, 2) !== dir) continue;
        const st = await this.stat(name);
        if (st && st.mtimeMs < old) candidates.push(name);
      }
    }
    let removed = 0;
    for (let i = 0; i < candidates.length && !signal?.aborted; i += 500) {
      const batch = candidates.slice(i, i + 500);
      const used = await referenced(batch);
      for (const sha of batch.filter((c) => !used.has(c))) {
        const aside = path.join(this.staging, `sweep-${randomUUID()}`);
        try {
          await fs.promises.rename(this.pathOf(sha), aside);
        } catch {
          continue;
        }
        let gone = false;
        try {
          const st = await fs.promises.stat(aside);
          if (st.mtimeMs < old && !(await referenced([sha])).has(sha)) {
            await fs.promises.rm(aside, { force: true });
            gone = true;
            removed += 1;
          }
        } finally {
          if (!gone) await fs.promises.rename(aside, this.pathOf(sha));
        }
      }
    }
    return removed;
  }

  async stat(sha256: string): Promise<fs.Stats | null> {
    return fs.promises.stat(this.pathOf(sha256)).catch(() => null);
  }

  async stagingCount(): Promise<number> {
    return (await fs.promises.readdir(this.staging).catch(() => [])).length;
  }
}
