import type { FastifyError, FastifyInstance } from 'fastify';

export type ErrorCode =
  | 'validation_failed'
  | 'invalid_json'
  | 'unauthorized'
  | 'csrf_failed'
  | 'forbidden'
  | 'not_found'
  | 'version_conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'assignee_not_member'
  | 'channel_not_in_project'
  | 'idempotency_key_reused'
  | 'post_not_taskable'
  | 'home_channel'
  | 'duplicate_version'
  | 'empty_file'
  | 'invalid_file_name'
  | 'no_approved_version'
  | 'mattermost_unavailable'
  | 'unavailable'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  invalid_json: 400,
  unauthorized: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  version_conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  assignee_not_member: 422,
  channel_not_in_project: 422,
  idempotency_key_reused: 422,
  post_not_taskable: 422,
  home_channel: 422,
  duplicate_version: 409,
  empty_file: 400,
  invalid_file_name: 400,
  no_approved_version: 409,
  mattermost_unavailable: 503,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message: string) => new AppError('forbidden', message);
export const badRequest = (message: string) => new AppError('validation_failed', message);

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
      if (err.status >= 500) request.log.warn({ code: err.code }, err.message);
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
      return reply.status(STATUS[mapped]).send({ error: { code: mapped, message } });
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
