import { Type, type Static } from 'typebox';
import { StringEnum } from './common.js';

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
  request_timeout: 408,
  version_conflict: 409,
  duplicate_version: 409,
  no_approved_version: 409,
  decision_closed: 409,
  already_rolled_out: 409,
  receipt_required: 409,
  too_many_feeds: 409,
  payload_too_large: 413,
  quota_exceeded: 413,
  unsupported_media_type: 415,
  request_too_large: 431,
  assignee_not_member: 422,
  channel_not_in_project: 422,
  idempotency_key_reused: 422,
  post_not_taskable: 422,
  home_channel: 422,
  approver_not_eligible: 422,
  cross_project: 422,
  not_channel_member: 422,
  not_rollable: 422,
  asset_unavailable: 422,
  too_many_streams: 429,
  internal: 500,
  mattermost_unavailable: 503,
  unavailable: 503,
  storage_unavailable: 503,
  insufficient_storage: 507,
});

export type ErrorCode = keyof typeof ERROR_STATUS;

/** When each code is answered (docs/api.md is generated from this). */
export const ERROR_WHEN: Record<ErrorCode, string> = {
  validation_failed: 'a field missing, wrong type, out of range, bad id, control characters',
  invalid_json: 'the body is not JSON',
  empty_file: 'an uploaded file has no bytes',
  invalid_file_name: 'a file name that is empty, has a path, control or direction characters, or is over 255 bytes',
  unauthorized: 'no token, bad token',
  csrf_failed: 'cookie write without matching CSRF headers',
  forbidden: 'the caller can see the object but may not do this (see docs/permissions.md)',
  not_found: 'no such object, or the caller may not know it exists',
  request_timeout: 'the request line and headers did not arrive within `HEADERS_TIMEOUT_MS`',
  version_conflict: 'PATCH with a stale `version`; `error.current` holds the current task',
  duplicate_version: 'the same bytes are already a version of the asset; `error.existing` holds it',
  no_approved_version: 'confirming receipt when no version (or another one) is approved',
  decision_closed:
    'editing or deciding a decision that is no longer proposed, superseding one that is not decided, confirming one not decided',
  already_rolled_out:
    'rolling out a task that already has a rollout (add channels to it instead), or to a channel that already has its task in the rollout',
  receipt_required:
    "setting a rollout's task to done while its channel has not confirmed receipt of the asset's approved version; `error.required` names the version",
  payload_too_large: 'JSON body over 64 KiB, or a file over `UPLOAD_LIMIT_BYTES`',
  request_too_large: 'the request line and headers over 96 KiB (a query of about 16,000 Cyrillic letters)',
  quota_exceeded:
    "the uploader's versions would pass `UPLOAD_QUOTA_USER_BYTES`, or the asset's `UPLOAD_QUOTA_ASSET_BYTES`; nothing was stored",
  unsupported_media_type: 'body not `application/json` (or not multipart for uploads)',
  assignee_not_member: "the assignee is not a member of the task's channel",
  channel_not_in_project: "the project does not contain the task's (or asset's) channel",
  idempotency_key_reused: 'same `Idempotency-Key` with a different body',
  post_not_taskable: 'system, deleted or ephemeral post',
  home_channel: "unlinking a project's home channel",
  approver_not_eligible: 'the approver is a guest, or not a member of the source channel',
  cross_project: 'superseding, or linking a task or asset version, from another project',
  not_channel_member: 'rolling out to (or naming as lead) a channel the caller, or the person, is not a member of',
  not_rollable: 'rolling out a task outside any project, deleted, or itself part of a rollout',
  asset_unavailable: "the rollout's asset does not exist, was deleted, or belongs to another project",
  too_many_streams: 'the caller already holds `EVENTS_MAX_STREAMS_PER_USER` event streams on this replica; close one',
  too_many_feeds: 'the caller already holds `feedsPerUserMax` calendar feeds; revoke one first',
  internal: 'a fault of the service; nothing was changed',
  mattermost_unavailable:
    'Mattermost could not be asked, or gave an answer that is not what was asked (an HTML page, another user’s or channel’s record); nothing was written',
  unavailable: 'a part the request needs is not configured or not running (e.g. the bot)',
  storage_unavailable: 'the file store (the S3 bucket of `BLOB_STORE`) did not answer or refused; an upload stored nothing',
  insufficient_storage: "the service's disk would have less than `DISK_FREE_MIN_BYTES` free after the upload; nothing was stored",
};
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export const ErrorBodySchema = Type.Object({
  error: Type.Object({
    code: StringEnum(ERROR_CODES),
    message: Type.String(),
    current: Type.Optional(Type.Unknown()),
    existing: Type.Optional(Type.Unknown()),
    required: Type.Optional(Type.Unknown()),
  }),
});

export interface ErrorBody extends Static<typeof ErrorBodySchema> {}
