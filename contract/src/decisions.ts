import { Type, type Static } from 'typebox';
import { Iso, MmId, NullableMmId, NullableString, NullableUuid, StringEnum, Uuid } from './common.js';
import { LIMITS } from './limits.js';
import { DECISION_PERMISSIONS } from './permissions.js';
import { ReceiptSchema } from './assets.js';

/**
 * A decision: proposed → decided, then superseded (by a later decision) or revoked.
 * A decided statement is never edited; a change is a new decision that supersedes it.
 */
export const DECISION_STATUSES = ['proposed', 'decided', 'superseded', 'revoked'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
export const DecisionStatusSchema = StringEnum(DECISION_STATUSES, `One of ${DECISION_STATUSES.join(', ')}`);

/** A thread reply quoted as an argument. Shown only to members of the source channel. */
export const DecisionQuoteSchema = Type.Object({
  post_id: MmId,
  user_id: MmId,
  message: Type.String(),
  created_at: Iso,
});
export interface DecisionQuote extends Static<typeof DecisionQuoteSchema> {}

export const DecisionSchema = Type.Object({
  id: Uuid,
  project_id: Uuid,
  statement: Type.String(),
  rationale: Type.String(),
  status: DecisionStatusSchema,
  /** The source post's author (or the recorder when there was no post). */
  proposed_by: MmId,
  recorded_by: MmId,
  /** The one person who may decide; null: any non-guest member of the source channel. */
  approver_id: NullableMmId,
  decided_by: NullableMmId,
  decided_at: NullableString({ description: 'ISO 8601 date-time, UTC' }),
  revoked_by: NullableMmId,
  revoked_at: NullableString({ description: 'ISO 8601 date-time, UTC' }),
  revoke_reason: NullableString(),
  /** The decision this one replaces (it becomes `superseded` when this one is decided). */
  supersedes_id: NullableUuid,
  superseded_by_id: NullableUuid,
  /** The channels it applies to (cards and receipts go there), in the caller's sight. */
  channel_ids: Type.Array(MmId),
  /**
   * Provenance. The source channel, post, permalink, the post's text and the quoted replies are
   * given only to members of the source channel; others get null / [] and `source_visible: false`.
   */
  source_visible: Type.Boolean(),
  source_channel_id: NullableMmId,
  source_post_id: NullableMmId,
  permalink: NullableString(),
  source_text: NullableString(),
  quotes: Type.Array(DecisionQuoteSchema),
  /** Related work (follow-up tasks, asset versions the decision concerns). */
  task_ids: Type.Array(Uuid),
  asset_version_ids: Type.Array(Uuid),
  /** Once decided: one per applied channel the caller may know of (guests: only their channels). */
  receipts: Type.Array(ReceiptSchema),
  created_at: Iso,
  updated_at: Iso,
  /** Optimistic concurrency, like tasks. */
  version: Type.Integer(),
  /** What the caller may do with this decision. */
  permissions: Type.Array(StringEnum(DECISION_PERMISSIONS)),
});
export interface Decision extends Static<typeof DecisionSchema> {}

export const DecisionPageSchema = Type.Object({ items: Type.Array(DecisionSchema), next_cursor: NullableUuid });
export interface DecisionPage extends Static<typeof DecisionPageSchema> {}

export const DECISION_HISTORY_ACTIONS = [
  'recorded',
  'updated',
  'decided',
  'superseded',
  'revoked',
  'receipt_confirmed',
  'linked',
  'unlinked',
] as const;
export const DecisionHistoryEntrySchema = Type.Object({
  id: Uuid,
  decision_id: Uuid,
  actor_id: MmId,
  action: StringEnum(DECISION_HISTORY_ACTIONS),
  field: NullableString(),
  from: NullableString(),
  to: NullableString(),
  /** For receipts: the channel (guests see entries of their channels only). */
  channel_id: NullableMmId,
  at: Iso,
});
export interface DecisionHistoryEntry extends Static<typeof DecisionHistoryEntrySchema> {}

/** A page of a decision's history, newest first, paged like a task's (HistoryQuery). */
export const DecisionHistoryPageSchema = Type.Object({ items: Type.Array(DecisionHistoryEntrySchema), next_cursor: NullableUuid });
export interface DecisionHistoryPage extends Static<typeof DecisionHistoryPageSchema> {}

// Schema bounds generous on purpose: the service trims, then applies the documented limit with a clear message.
const Statement = Type.String({ maxLength: LIMITS.statementMax * 2 });
const Rationale = Type.String({ maxLength: LIMITS.rationaleMax * 2 });
const ChannelIds = Type.Array(MmId, { minItems: 1, maxItems: LIMITS.decisionChannelsMax });
const QuotePostIds = Type.Array(MmId, { maxItems: LIMITS.quotesMax });
const Links = Type.Array(Uuid, { maxItems: LIMITS.decisionLinksMax });

/**
 * Record a decision: from a post (post_id: statement defaults to its text, the thread root's
 * author is "proposed by" when the post is a root, else the post's author) or from text alone
 * (channel_id + statement). `channel_ids` defaults to the source channel.
 */
export const CreateDecisionSchema = Type.Object(
  {
    project_id: Uuid,
    post_id: Type.Optional(MmId),
    channel_id: Type.Optional(MmId),
    statement: Type.Optional(Statement),
    rationale: Type.Optional(Rationale),
    approver_id: Type.Optional(NullableMmId),
    channel_ids: Type.Optional(ChannelIds),
    quote_post_ids: Type.Optional(QuotePostIds),
    task_ids: Type.Optional(Links),
    asset_version_ids: Type.Optional(Links),
    supersedes_id: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export interface CreateDecision extends Static<typeof CreateDecisionSchema> {}

/** Only while proposed. */
export const PatchDecisionSchema = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    statement: Type.Optional(Statement),
    rationale: Type.Optional(Rationale),
    approver_id: Type.Optional(NullableMmId),
    channel_ids: Type.Optional(ChannelIds),
    quote_post_ids: Type.Optional(QuotePostIds),
    task_ids: Type.Optional(Links),
    asset_version_ids: Type.Optional(Links),
  },
  { additionalProperties: false },
);
export interface PatchDecision extends Static<typeof PatchDecisionSchema> {}

export const DecideSchema = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export interface Decide extends Static<typeof DecideSchema> {}

export const RevokeDecisionSchema = Type.Object(
  { version: Type.Integer({ minimum: 1 }), reason: Type.String({ minLength: 1, maxLength: LIMITS.commentMax * 2 }) },
  { additionalProperties: false },
);
export interface RevokeDecision extends Static<typeof RevokeDecisionSchema> {}

/** Make a follow-up task (in `channel_id`, one of the decision's channels) linked to the decision. */
export const FollowUpTaskSchema = Type.Object(
  {
    channel_id: MmId,
    title: Type.Optional(Type.String({ maxLength: LIMITS.titleMax * 4 })),
    assignee_id: Type.Optional(NullableMmId),
    due_at: Type.Optional(NullableString({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
export interface FollowUpTask extends Static<typeof FollowUpTaskSchema> {}

export const ListDecisionsQuerySchema = Type.Object(
  {
    project_id: Type.Optional(Uuid),
    status: Type.Optional(DecisionStatusSchema),
    channel_id: Type.Optional(MmId),
    /** Proposed by, recorded by, approver or decided by this person. */
    person_id: Type.Optional(MmId),
    q: Type.Optional(Type.String({ maxLength: LIMITS.queryMax })),
    cursor: Type.Optional(Uuid),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageMax })),
  },
  { additionalProperties: false },
);
export interface ListDecisionsQuery extends Static<typeof ListDecisionsQuerySchema> {}
