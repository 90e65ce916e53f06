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

/** Bytes from `start` to `end`, both included. */
export interface ByteRange {
  start: number;
  end: number;
}

/** Returns the sha256s of the batch that a version points at. */
export type Referenced = (sha256s: string[]) => Promise<Set<string>>;

/**
 * Where versions' bytes live, by content address (their sha256). Every upload is first written to a
 * local staging file while it is hashed, whatever the store: only a complete upload within its bounds
 * reaches the store, so an interrupted or refused one leaves at most a staging file, which the next
 * start removes.
 */
export interface BlobStore {
  /** Where the bytes live, for people (logs, doctor). */
  readonly where: string;
  init(): Promise<void>;
  stage(source: Readable, limit: number): Promise<StagedBlob>;
  /** Bytes an upload may still take before the staging disk's free space falls to the floor. */
  freeBytes(): Promise<number>;
  /** The stored bytes (or a range of them); null when nothing is stored under that address. */
  read(sha256: string, range?: ByteRange): Promise<Readable | null>;
  /** Removes stored files nothing points at once older than `graceMs`; returns how many. */
  sweep(referenced: Referenced, graceMs: number, signal?: AbortSignal): Promise<number>;
}

export const isSha256 = (s: string) => /^[0-9a-f]{64}$/.test(s);

/** A staging folder on the local disk, emptied at start: what is in it belongs to uploads that died with the process. */
export class Staging {
  constructor(readonly dir: string) {}

  async init(): Promise<void> {
    await fs.promises.rm(this.dir, { recursive: true, force: true });
    await fs.promises.mkdir(this.dir, { recursive: true });
  }

  async freeBytes(): Promise<number> {
    const st = await fs.promises.statfs(this.dir);
    return st.bavail * st.bsize;
  }

  /** A fresh name in the folder, for a file moved aside. */
  aside(what: string): string {
    return path.join(this.dir, `${what}-${randomUUID()}`);
  }

  /** Streams the bytes to a staging file while hashing them, reading no more than `limit`. */
  async write(source: Readable, limit: number): Promise<{ file: string; sha256: string; size: number }> {
    const file = path.join(this.dir, randomUUID());
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
    const out = fs.createWriteStream(file, { flags: 'wx', highWaterMark: 1024 * 1024 });
    try {
      await pipeline(source, meter, out);
    } catch (err) {
      // A body that fails at once can fail before the file is even opened: the open still
      // completes (and creates the file) after the pipeline gave up. Remove it only once closed.
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
      await fs.promises.rm(file, { force: true });
      if ((err as NodeJS.ErrnoException).code === 'ENOSPC') throw new DiskFull('no space left on the device');
      throw err;
    }
    return { file, sha256: hash.digest('hex'), size };
  }
}
