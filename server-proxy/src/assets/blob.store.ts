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

/** Bytes of an upload between two young-generation collections (`collectYoung`). */
const COLLECT_BYTES = 8 * 1024 * 1024;

const exposedGc = (globalThis as { gc?: (options: { type: 'minor' }) => void }).gc;

/**
 * A young-generation collection, where node runs with --expose-gc (make serve, the systemd unit).
 * The socket hands an upload's bytes over in fresh 64 KiB buffers; V8 frees them only at its next
 * collection, and forces one only once some 32 MiB of them wait: a gigabyte's upload kept the
 * service's peak at 150–160 MiB. A collection every 8 MiB holds it at 125–140 MiB (`make bench`,
 * assets) for some 3 ms each, 0.4 s of CPU per GiB in the profile; the upload's time moved within
 * the machine's noise. Without the flag this does nothing.
 */
function collectYoung(): void {
  exposedGc?.({ type: 'minor' });
}

/** Bytes written between two flushes of a durable staging file. */
const FLUSH_BYTES = 32 * 1024 * 1024;

/**
 * Flushes a file to the disk while it is still being written, one flush at a time and never waited
 * for by the writer: the disk writes the first megabytes while the rest arrive, instead of all of
 * them once the last byte is in, and the page cache never holds more than a few flushes' worth unwritten.
 */
class Flusher {
  private flushedAt = 0;
  private inFlight: Promise<void> | null = null;

  constructor(private readonly handle: fs.promises.FileHandle) {}

  wrote(total: number): void {
    if (this.inFlight || total - this.flushedAt < FLUSH_BYTES) return;
    this.flushedAt = total;
    this.inFlight = this.handle.datasync().then(
      () => void (this.inFlight = null),
      () => void (this.inFlight = null),
    );
  }

  /** Waits for the flush under way, if any (its failure shows in the final one). */
  settle(): Promise<void> {
    return this.inFlight ?? Promise.resolve();
  }

  /** Every byte on the disk. */
  async finish(): Promise<void> {
    await this.settle();
    await this.handle.datasync();
  }
}

/**
 * A staging folder on the local disk, emptied at start: what is in it belongs to uploads that died with the process.
 * A `durable` folder's files are on the disk once `write` returns (the local store renames them into place); the
 * S3 store's are read once and removed, and are left to the page cache.
 */
export class Staging {
  constructor(
    readonly dir: string,
    private readonly durable: boolean,
  ) {}

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
    const diskError = (err: unknown) =>
      (err as NodeJS.ErrnoException).code === 'ENOSPC' ? new DiskFull('no space left on the device') : err;
    // The body may fail while the file opens, before the pipeline listens: the pipeline still sees that error.
    const early = () => undefined;
    source.on('error', early);
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(file, 'wx');
    } catch (err) {
      source.destroy();
      throw diskError(err);
    }
    const flusher = this.durable ? new Flusher(handle) : null;
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > limit) return cb(new UploadTooLarge(`larger than ${limit} bytes`));
        hash.update(chunk);
        flusher?.wrote(size);
        if (Math.floor((size - chunk.length) / COLLECT_BYTES) !== Math.floor(size / COLLECT_BYTES)) collectYoung();
        cb(null, chunk);
      },
    });
    // The handle outlives the stream: it is closed here, after the last flush. A stream made from a
    // handle holds it open until the stream is destroyed, which `autoClose: false` leaves to us.
    const out = handle.createWriteStream({ highWaterMark: 1024 * 1024, autoClose: false, emitClose: false });
    try {
      const piped = pipeline(source, meter, out);
      source.off('error', early);
      await piped;
      await flusher?.finish();
    } catch (err) {
      out.destroy();
      await flusher?.settle();
      await handle.close().catch(() => undefined);
      await fs.promises.rm(file, { force: true });
      throw diskError(err);
    }
    out.destroy();
    await handle.close();
    return { file, sha256: hash.digest('hex'), size };
  }
}
