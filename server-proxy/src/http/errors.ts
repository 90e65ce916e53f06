import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ERROR_STATUS, type ErrorCode } from '@throughline/contract';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';

export type { ErrorCode };

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_FILES_LIMIT: 'validation_failed',
  FST_PARTS_LIMIT: 'validation_failed',
  FST_FIELDS_LIMIT: 'validation_failed',
  FST_PROTO_VIOLATION: 'validation_failed',
};

/** Turns any thrown error into the one error shape; internals are logged, never returned. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) request.log.warn({ code: err.code, ...(err.cause ? { cause: err.cause } : {}) }, err.message);
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, ...err.extra } });
    }
    if (err.validation) {
      return reply.status(400).send({ error: { code: 'validation_failed', message: describeValidation(err) } });
    }
    const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (mapped) {
      const message =
        mapped === 'invalid_json'
          ? 'The request body is not valid JSON'
          : mapped === 'payload_too_large'
            ? 'The request body is too large'
            : mapped === 'unsupported_media_type'
              ? err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE'
                ? 'Send the file as multipart/form-data'
                : 'The request body must be application/json'
              : err.message;
      return reply.status(ERROR_STATUS[mapped]).send({ error: { code: mapped, message } });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ error: { code: 'validation_failed', message: err.message } });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: 'Something went wrong on our side; nothing was changed' } });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` } });
  });
}

/**
 * The router's own refusals (a path part over its length limit, an address that is not valid
 * percent-encoding), in the one error shape; the address is not repeated back: it may hold a secret.
 */
export function frameworkErrors(err: FastifyError, _request: unknown, reply: FastifyReply): void {
  const message = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A part of the address is too long' : 'The address is not valid';
  void reply.status(400).send({ error: { code: 'validation_failed', message } });
}

/** The largest request line and headers the service reads: room for a 10,000-letter Cyrillic query (60 KB encoded) and the cookies. */
export const MAX_HEADER_BYTES = 96 * 1024;

/**
 * A request Node could not read to the end of its headers (too large, too slow, malformed) is
 * answered in the one error shape too, before any route sees it.
 */
export function answerClientError(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [code, message]: [ErrorCode, string] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? ['request_too_large', `The request line and headers are over ${MAX_HEADER_BYTES / 1024} KB: shorten the query`]
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ['request_timeout', 'The request did not arrive in time']
        : ['validation_failed', 'The request could not be read'];
  this.log.debug({ code: err.code }, 'unreadable request');
  const status = ERROR_STATUS[code];
  const body = JSON.stringify({ error: { code, message } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

function describeValidation(err: FastifyError): string {
  const first = err.validation?.[0];
  if (!first) return err.message;
  const where = err.validationContext ?? 'request';
  const field = (first.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
  const missing = (first.params as { missingProperty?: string })?.missingProperty;
  const extra = (first.params as { additionalProperty?: string })?.additionalProperty;
  if (missing) return `${where}.${missing} is required`;
  if (extra) return `${where}.${extra} is not an accepted field`;
  return `${where}${field ? '.' + field : ''} ${first.message ?? 'is invalid'}`;
}
