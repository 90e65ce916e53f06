import { Type, type Static } from 'typebox';

/** Every error code the service answers with, and its HTTP status. */
export const ERROR_STATUS = Object.freeze({
  validation_failed: 400,
  invalid_json: 400,
  empty_file: 400,
  invalid_file_name: 400,
  unauthorized: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  version_conflict: 409,
  duplicate_version: 409,
  no_approved_version: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  assignee_not_member: 422,
  channel_not_in_project: 422,
  idempotency_key_reused: 422,
  post_not_taskable: 422,
  home_channel: 422,
  internal: 500,
  mattermost_unavailable: 503,
  unavailable: 503,
});

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export const ErrorBodySchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    current: Type.Optional(Type.Unknown()),
    existing: Type.Optional(Type.Unknown()),
  }),
});

export interface ErrorBody {
  error: { code: ErrorCode; message: string; current?: unknown; existing?: unknown };
}
export type ErrorBodyWire = Static<typeof ErrorBodySchema>;
