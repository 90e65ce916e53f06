import { Type } from 'typebox';
import { MM_ID_PATTERN, UUID_PATTERN } from '../util/ids.js';

export const MmId = Type.String({ pattern: MM_ID_PATTERN, description: 'A Mattermost id (26 characters a-z, 0-9)' });
export const Uuid = Type.String({ pattern: UUID_PATTERN, description: 'A Throughline id (UUID)' });
export const Iso = Type.String({ description: 'ISO 8601 date-time, UTC' });

export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    current: Type.Optional(Type.Unknown()),
    existing: Type.Optional(Type.Unknown()),
  }),
});

/** Error answers every authenticated route can give; listed so OpenAPI tells clients about them. */
export const commonErrors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  503: ErrorBody,
} as const;

/**
 * `type: [T, 'null']` rather than TypeBox's anyOf: the response serializer can then write the
 * field directly instead of trying each alternative per value, which dominated list latency.
 */
export const NullableString = (opts: { pattern?: string; maxLength?: number; description?: string } = {}) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], ...opts });

export const StringEnum = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
