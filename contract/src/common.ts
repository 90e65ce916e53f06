import { Type } from 'typebox';

export const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
export const MM_ID_PATTERN = '^[a-z0-9]{26}$';

export const MmId = Type.String({ pattern: MM_ID_PATTERN, description: 'A Mattermost id (26 characters a-z, 0-9)' });
export const Uuid = Type.String({ pattern: UUID_PATTERN, description: 'A Throughline id (UUID)' });
export const Iso = Type.String({ description: 'ISO 8601 date-time, UTC' });

/**
 * `type: [T, 'null']` rather than TypeBox's anyOf: the response serializer can then write the
 * field directly instead of trying each alternative per value, which dominated list latency.
 */
export const NullableString = (opts: { pattern?: string; maxLength?: number; description?: string } = {}) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], ...opts });

export const StringEnum = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

export const NullableMmId = NullableString({ pattern: MM_ID_PATTERN });
export const NullableUuid = NullableString({ pattern: UUID_PATTERN });
