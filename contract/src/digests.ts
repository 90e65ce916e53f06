import { Type, type Static } from 'typebox';
import { Iso, MmId, NullableMmId, NullableString, StringEnum, Uuid } from './common.js';

/**
 * The weekly digest of a project: compiled from its records by queries, each line citing its
 * record, covering only the channels its reader is a member of.
 */

export const DIGEST_TIME_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9]$';
export const DIGEST_STALLED_DAYS_MAX = 90;

/** When a project's digest goes out, and what counts as stalled. */
export const DigestSettingsSchema = Type.Object({
  project_id: Uuid,
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: Type.Integer({ minimum: 1, maximum: 7 }),
  /** Local time in `time_zone`, HH:MM (24 h). */
  time: Type.String({ pattern: DIGEST_TIME_PATTERN }),
  /** IANA time zone; the service's default zone until one is set. */
  time_zone: Type.String(),
  /** An open task with no change for this many days is stalled. */
  stalled_days: Type.Integer({ minimum: 1, maximum: DIGEST_STALLED_DAYS_MAX }),
  /** The next scheduled slot, UTC. */
  next_slot: Iso,
  /** Whether the caller receives it by direct message. */
  subscribed: Type.Boolean(),
  /** Whether the caller may change the schedule (`digest.configure`). */
  can_configure: Type.Boolean(),
});
export interface DigestSettings extends Static<typeof DigestSettingsSchema> {}

export const UpdateDigestSettingsSchema = Type.Object(
  {
    weekday: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 })),
    time: Type.Optional(Type.String({ pattern: DIGEST_TIME_PATTERN, maxLength: 5 })),
    time_zone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_+\\-/]+$' })),
    stalled_days: Type.Optional(Type.Integer({ minimum: 1, maximum: DIGEST_STALLED_DAYS_MAX })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export interface UpdateDigestSettings extends Static<typeof UpdateDigestSettingsSchema> {}

export const DIGEST_SECTIONS = ['done', 'started', 'new', 'overdue', 'stalled', 'waiting', 'approved', 'decisions', 'rollouts'] as const;
export type DigestSectionKey = (typeof DIGEST_SECTIONS)[number];

export const DIGEST_ITEM_KINDS = ['task', 'asset_version', 'decision', 'rollout'] as const;
export type DigestItemKind = (typeof DIGEST_ITEM_KINDS)[number];

/** What a line says happened, where a section holds several kinds of event. */
export const DIGEST_EVENTS = ['recorded', 'decided', 'superseded', 'revoked'] as const;

/** One line: the record it cites and the facts it states. */
export const DigestLineSchema = Type.Object({
  kind: StringEnum(DIGEST_ITEM_KINDS),
  /** The task, asset version, decision or rollout (its parent task's id is `task_id`). */
  id: Uuid,
  /** The asset of a version; the parent task of a rollout. */
  parent_id: Type.Union([Uuid, Type.Null()]),
  title: Type.String(),
  /** A version's file name. */
  detail: NullableString(),
  /** The channel the record lives in (a task's, a decision's source channel when the reader is in it). */
  channel_id: NullableMmId,
  /** The source post, when the reader may open it. */
  post_id: NullableMmId,
  permalink: NullableString(),
  /** The assignee of a task, whoever decided or recorded otherwise. */
  user_id: NullableMmId,
  /** Days late, days without a change, days waiting. */
  days: Type.Union([Type.Integer(), Type.Null()]),
  at: NullableString({ description: 'ISO 8601 date-time, UTC' }),
  event: Type.Union([StringEnum(DIGEST_EVENTS), Type.Null()]),
  /** Receipts of an approved version (rollout: channels done), among the reader's channels. */
  confirmed: Type.Array(MmId),
  pending: Type.Array(MmId),
  /** A version's number; a rollout's done and total. */
  number: Type.Union([Type.Integer(), Type.Null()]),
  total: Type.Union([Type.Integer(), Type.Null()]),
});
export interface DigestLine extends Static<typeof DigestLineSchema> {}

export const DigestSectionSchema = Type.Object({
  key: StringEnum(DIGEST_SECTIONS),
  lines: Type.Array(DigestLineSchema),
  /** Lines left out past the section's limit. */
  more: Type.Integer(),
});
export interface DigestSection extends Static<typeof DigestSectionSchema> {}

export const DIGEST_AUDIENCES = ['channel', 'user'] as const;
export const DIGEST_TRIGGERS = ['schedule', 'demand'] as const;

export const DigestSchema = Type.Object({
  id: Uuid,
  project_id: Uuid,
  project_name: Type.String(),
  /** The week covered: [window_start, slot). */
  window_start: Iso,
  slot: Iso,
  time_zone: Type.String(),
  trigger: StringEnum(DIGEST_TRIGGERS),
  /** A channel's digest (posted there) or one person's (sent to them). */
  audience_kind: StringEnum(DIGEST_AUDIENCES),
  audience_id: MmId,
  locale: StringEnum(['en', 'ru'] as const),
  /** The channels it covers. */
  channel_ids: Type.Array(MmId),
  sections: Type.Array(DigestSectionSchema),
  /** What the bot posted. */
  markdown: Type.String(),
  created_at: Iso,
  /** Once delivered, the post the bot made. */
  post_id: NullableMmId,
});
export interface Digest extends Static<typeof DigestSchema> {}

export const DigestSummarySchema = Type.Object({
  id: Uuid,
  project_id: Uuid,
  window_start: Iso,
  slot: Iso,
  trigger: StringEnum(DIGEST_TRIGGERS),
  audience_kind: StringEnum(DIGEST_AUDIENCES),
  audience_id: MmId,
  locale: StringEnum(['en', 'ru'] as const),
  /** Lines in all sections. */
  lines: Type.Integer(),
  created_at: Iso,
});
export interface DigestSummary extends Static<typeof DigestSummarySchema> {}

export const DigestListSchema = Type.Object({ items: Type.Array(DigestSummarySchema) });
export interface DigestList extends Static<typeof DigestListSchema> {}

/** `GET /projects/:id/digests`: the caller's own digests and those of the project channels they are in, newest first. */
export const DigestListQuerySchema = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) },
  { additionalProperties: false },
);

export const DigestSubscriptionSchema = Type.Object({ project_id: Uuid, subscribed: Type.Boolean() });
export interface DigestSubscription extends Static<typeof DigestSubscriptionSchema> {}
