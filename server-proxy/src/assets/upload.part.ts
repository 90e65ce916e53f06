import { PassThrough, finished, type Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/errors.js';

export interface UploadPart {
  fileName: string;
  mimeType: string;
  /** The file's bytes; fails with a 400 AppError when the body turns out malformed or is cut off. */
  stream: Readable;
  /** Reads the rest of the body once the file is staged: anything but its end (a second file, a broken body) refuses the upload. */
  complete(): Promise<void>;
  /** Lets the rest of the body drain after an early refusal. */
  release(): void;
}

const ONE_FILE = 'Send exactly one file, in a multipart part named "file"';

/** Busboy's own errors (no boundary, a cut-off body) are the client's fault: 400, never 500. */
function malformed(err: unknown): Error {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  if (code === 'FST_FILES_LIMIT') return new AppError('validation_failed', ONE_FILE);
  const status = (err as { statusCode?: number }).statusCode;
  if (typeof code === 'string' && code.startsWith('FST_') && status !== undefined && status < 500) return err as Error;
  const why = err instanceof Error && err.message ? err.message : 'cut off';
  return new AppError('validation_failed', `The multipart body is malformed (${why}); nothing was stored`);
}

/**
 * The upload's one `file` part. Multipart errors arrive in three ways — a rejected part, an
 * 'error' the file stream emits while nobody reads it yet, a stream closed before its end — and
 * each becomes a 400 on the stream the store reads, so a malformed body is never a 500 or a hang.
 */
export async function uploadPart(req: FastifyRequest): Promise<UploadPart> {
  const parts = req.parts();
  const next = async () => {
    try {
      return await parts.next();
    } catch (err) {
      throw malformed(err);
    }
  };
  let first = await next();
  while (!first.done && first.value.type !== 'file') first = await next();
  if (first.done || first.value.type !== 'file') throw new AppError('validation_failed', ONE_FILE);
  const part = first.value;
  const source = part.file;
  if (part.fieldname !== 'file') {
    source.on('error', () => undefined).resume();
    throw new AppError('validation_failed', 'The file part must be named "file"');
  }
  const stream = new PassThrough({ highWaterMark: 1024 * 1024 });
  // Whoever reads the stream sees its error; this keeps one noticed after they stopped from being uncaught.
  stream.on('error', () => undefined);
  finished(source, (err) => {
    if (err) stream.destroy(malformed(err));
  });
  source.pipe(stream);
  return {
    fileName: part.filename,
    mimeType: part.mimetype,
    stream,
    complete: async () => {
      for (let more = await next(); !more.done; more = await next()) {
        if (more.value.type === 'file') {
          more.value.file.resume();
          throw new AppError('validation_failed', ONE_FILE);
        }
      }
    },
    release: () => {
      source.unpipe(stream);
      source.resume();
    },
  };
}
