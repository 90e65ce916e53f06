import fs from 'node:fs';
import path from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { isSha256, Staging, type BlobStore, type ByteRange, type Referenced, type StagedBlob } from './blob.store.js';

/** Large reads keep a big file moving with few syscalls. */
const READ_CHUNK = 1024 * 1024;

/**
 * A stored file's bytes (`start` to `end`, both inclusive; to the end of the file when `end` is
 * absent): a stream for any reader, and for a response `writeTo`, which reads into the same two
 * buffers throughout. A stream hands every read a fresh buffer, and a gigabyte of them waits for the
 * collector as garbage: tens of megabytes held for nothing. The handle closes with the stream.
 */
export class FileBytes extends Readable {
  private at: number;

  constructor(
    private readonly handle: fs.promises.FileHandle,
    start = 0,
    private readonly end = Infinity,
  ) {
    super({ highWaterMark: READ_CHUNK });
    this.at = start;
  }

  /** The next piece into `into` (or a fresh buffer): null at the end. */
  private async next(into?: Buffer): Promise<Buffer | null> {
    const left = this.end - this.at + 1;
    if (left <= 0) return null;
    const buffer = into ?? Buffer.allocUnsafeSlow(Math.min(READ_CHUNK, left));
    const { bytesRead } = await this.handle.read(buffer, 0, Math.min(buffer.length, left), this.at);
    if (bytesRead === 0) {
      // A stored file never shrinks: fewer bytes than the range is a damaged store, not an end.
      if (this.end !== Infinity) throw new Error('the stored file is shorter than its recorded size');
      return null;
    }
    this.at += bytesRead;
    return bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
  }

  override _read(): void {
    this.next().then(
      (piece) => this.push(piece),
      (err: Error) => this.destroy(err),
    );
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    this.handle.close().then(
      () => done(err),
      (closeErr: Error) => done(err ?? closeErr),
    );
  }

  /**
   * Writes the bytes to `out` and ends it, reading each piece while the one before is written; a
   * buffer is read into again only once `out` is done with it. Rejects if `out` closes first (the
   * client went away) or a read fails; the handle is closed either way.
   */
  async writeTo(out: Writable): Promise<void> {
    const buffers = [Buffer.allocUnsafeSlow(READ_CHUNK), Buffer.allocUnsafeSlow(READ_CHUNK)];
    const writing: Array<Promise<void> | undefined> = [undefined, undefined];
    let closed: (err: Error) => void = () => undefined;
    const gone = new Promise<never>((_, reject) => (closed = reject));
    gone.catch(() => undefined);
    const onClose = () => closed(new Error('the response closed before the file was sent'));
    out.once('close', onClose);
    try {
      for (let i = 0; ; i ^= 1) {
        await Promise.race([writing[i], gone]);
        const piece = await Promise.race([this.next(buffers[i]), gone]);
        if (!piece) break;
        writing[i] = new Promise<void>((resolve, reject) => out.write(piece, (err) => (err ? reject(err) : resolve())));
        writing[i]!.catch(() => undefined);
      }
      await Promise.race([Promise.all(writing), gone]);
      await Promise.race([new Promise<void>((resolve) => out.end(resolve)), gone]);
    } finally {
      out.off('close', onClose);
      this.destroy();
    }
  }
}

/**
 * Content-addressed files under DATA_DIR/blobs: <sha256[0..2]>/<sha256>. A complete upload's staging
 * file is renamed into place, so a stored file is always whole.
 */
export class LocalBlobStore implements BlobStore {
  private readonly root: string;
  private readonly staging: Staging;
  readonly where: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'blobs');
    this.staging = new Staging(path.join(this.root, 'staging'), true);
    this.where = this.root;
  }

  init(): Promise<void> {
    return this.staging.init();
  }

  private pathOf(sha256: string): string {
    if (!isSha256(sha256)) throw new Error('not a sha256');
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async stage(source: Readable, limit: number): Promise<StagedBlob> {
    const { file, sha256, size } = await this.staging.write(source, limit);
    let done = false;
    return {
      sha256,
      size,
      commit: async () => {
        const dest = this.pathOf(sha256);
        await fs.promises.mkdir(path.dirname(dest), { recursive: true });
        // A committed file is young however long its upload took: the sweep's grace counts from here.
        const now = new Date();
        await fs.promises.utimes(file, now, now);
        await fs.promises.rename(file, dest);
        done = true;
        // The bytes are on the disk already (staged durably); this puts the name there too.
        await syncDir(path.dirname(dest));
      },
      discard: async () => {
        if (!done) await fs.promises.rm(file, { force: true });
      },
    };
  }

  freeBytes(): Promise<number> {
    return this.staging.freeBytes();
  }

  async read(sha256: string, range?: ByteRange): Promise<Readable | null> {
    // Opened here, not by the stream: a missing file is an answer (404), not an error mid-response.
    const handle = await fs.promises.open(this.pathOf(sha256), 'r').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    if (!handle) return null;
    return new FileBytes(handle, range?.start, range?.end);
  }

  /**
   * Removes stored files nothing points at (left by a crash between storing a file and recording
   * its version, or by a version that failed to be recorded), once older than `graceMs`. A file is
   * first moved aside, then checked again: one committed meanwhile is fresh, one recorded meanwhile
   * is referenced, and either is moved back. Same bytes, same name: moving back is always safe.
   */
  async sweep(referenced: Referenced, graceMs: number, signal?: AbortSignal): Promise<number> {
    const old = Date.now() - graceMs;
    const candidates: string[] = [];
    for (const dir of await fs.promises.readdir(this.root).catch(() => [] as string[])) {
      if (!/^[0-9a-f]{2}$/.test(dir)) continue;
      for (const name of await fs.promises.readdir(path.join(this.root, dir)).catch(() => [] as string[])) {
        if (!isSha256(name) || name.slice(0, 2) !== dir) continue;
        const st = await fs.promises.stat(this.pathOf(name)).catch(() => null);
        if (st && st.mtimeMs < old) candidates.push(name);
      }
    }
    let removed = 0;
    for (let i = 0; i < candidates.length && !signal?.aborted; i += 500) {
      const batch = candidates.slice(i, i + 500);
      const used = await referenced(batch);
      for (const sha of batch.filter((c) => !used.has(c))) {
        const aside = this.staging.aside('sweep');
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
}

async function syncDir(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
