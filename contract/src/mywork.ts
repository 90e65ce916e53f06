import { Type, type Static, type TSchema } from 'typebox';
import { Iso, MmId, NullableString, NullableUuid, StringEnum, Uuid } from './common.js';
import { TaskSchema } from './tasks.js';

/** The caller's open tasks by when they are due, in the caller's time zone. */
export const MY_WORK_TASK_GROUPS = ['overdue', 'today', 'this_week', 'later'] as const;
export type MyWorkTaskGroup = (typeof MY_WORK_TASK_GROUPS)[number];

/** Every part of "My work": the task groups, then what waits for the caller's approval, the receipts their channels owe, their channels' rollout tasks. */
export const MY_WORK_SECTIONS = [...MY_WORK_TASK_GROUPS, 'decisions', 'versions', 'receipts', 'rollouts'] as const;
export type MyWorkSection = (typeof MY_WORK_SECTIONS)[number];

/** A section shows at most this many items at once, and a cursor reaches at most `MY_WORK_DEPTH_MAX` items deep. */
export const MY_WORK_LIMIT_MAX = 50;
export const MY_WORK_LIMIT_DEFAULT = 10;
export const MY_WORK_DEPTH_MAX = 500;

export const MyWorkQuerySchema = Type.Object(
  {
    tz: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description: "An IANA time zone (Europe/Moscow) for the day boundaries; by default the caller's Mattermost time zone",
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MY_WORK_LIMIT_MAX, description: 'Items per section' })),
    section: Type.Optional(StringEnum(MY_WORK_SECTIONS, `Only this section's items (one of ${MY_WORK_SECTIONS.join(', ')})`)),
    cursor: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,3}$', description: "next_cursor of the section's previous page (with section)" }),
    ),
  },
  { additionalProperties: false },
);
export interface MyWorkQuery extends Static<typeof MyWorkQuerySchema> {}

/** A proposed decision that names the caller as its approver. */
export const WaitingDecisionSchema = Type.Object({
  id: Uuid,
  project_id: Uuid,
  statement: Type.String(),
  source_channel_id: MmId,
  proposed_by: MmId,
  created_at: Iso,
});
export interface WaitingDecision extends Static<typeof WaitingDecisionSchema> {}

/** A proposed version of an asset shared with a channel in which the caller may approve it. */
export const WaitingVersionSchema = Type.Object({
  id: Uuid,
  asset_id: Uuid,
  asset_name: Type.String(),
  project_id: Uuid,
  number: Type.Integer(),
  file_name: Type.String(),
  added_by: MmId,
  added_at: Iso,
  /** A channel of the asset where the caller may approve (where to open it). */
  channel_id: MmId,
});
export interface WaitingVersion extends Static<typeof WaitingVersionSchema> {}

export const RECEIPT_KINDS = ['asset_version', 'decision'] as const;

/** The current approved version, or a decided decision, that one of the caller's channels has not confirmed. */
export const OwedReceiptSchema = Type.Object({
  kind: StringEnum(RECEIPT_KINDS),
  /** The version or the decision. */
  subject_id: Uuid,
  channel_id: MmId,
  project_id: Uuid,
  /** The asset's name, or the decision's statement. */
  title: Type.String(),
  asset_id: NullableUuid,
  /** The version's number; null for a decision. */
  number: Type.Union([Type.Integer(), Type.Null()]),
  /** When it was approved or decided. */
  since: NullableString({ description: 'ISO 8601 date-time, UTC' }),
});
export interface OwedReceipt extends Static<typeof OwedReceiptSchema> {}

const section = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    /** How many there are in all (the items are one page of them). */
    count: Type.Integer(),
    next_cursor: NullableString(),
  });

export const MyWorkSchema = Type.Object({
  /** The zone the days were counted in. */
  time_zone: Type.String(),
  now: Iso,
  /** Where the groups begin and end: today is [today_starts_at, tomorrow_starts_at), this week ends (Monday 00:00) at week_ends_at. */
  today_starts_at: Iso,
  tomorrow_starts_at: Iso,
  week_ends_at: Iso,
  /** Open tasks assigned to the caller: due before now; due later today; due later this week (to Sunday's end); due after, or not at all. */
  overdue: section(TaskSchema),
  today: section(TaskSchema),
  this_week: section(TaskSchema),
  later: section(TaskSchema),
  decisions: section(WaitingDecisionSchema),
  versions: section(WaitingVersionSchema),
  receipts: section(OwedReceiptSchema),
  /** Open rollout tasks of the caller's channels (their region's part of each rollout). */
  rollouts: section(TaskSchema),
});
export interface MyWork extends Static<typeof MyWorkSchema> {}
