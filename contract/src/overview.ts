import { Type, type Static } from 'typebox';
import { Iso, MmId, NullableMmId, NullableString, StringEnum, Uuid } from './common.js';
import { LIMITS } from './limits.js';
import { TASK_STATUSES, TaskSchema, TaskStatusSchema } from './tasks.js';
import { DecisionSchema } from './decisions.js';
import { ShelfItemSchema } from './rollouts.js';

/**
 * A project at a glance, computed by the service with aggregate queries. Everything is counted
 * over the channels the caller may know of: staff see every channel of the project, a guest only
 * the rows of their own channels (counts of other regions are never given).
 */
export const OVERVIEW_WEEKS_MAX = 52;
export const OVERVIEW_WEEKS_DEFAULT = 8;
/** How many days one due-date request may span (a month view with its leading and trailing weeks). */
export const DUE_RANGE_DAYS_MAX = 62;
/** The oldest approval stalls listed; `stalls.total` counts them all. */
export const OVERVIEW_STALLS_MAX = 100;

/** ISO 8601 date-time (e.g. 2025-03-10T07:00:00.000Z); dates-only are refused. */
const Instant = Type.String({ maxLength: 40, description: 'ISO 8601 date-time, UTC' });
const Day = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'A calendar day, YYYY-MM-DD (UTC)' });

/**
 * `weeks`: the window for durations and the cumulative flow, ending at `at`. `at`: the instant the
 * overview is computed for (ages, overdue, the window's end); default now. The matrix counts are
 * the current state whatever `at` is.
 */
export const OverviewQuerySchema = Type.Object(
  {
    weeks: Type.Optional(
      Type.Integer({ minimum: 1, maximum: OVERVIEW_WEEKS_MAX, description: `1–${OVERVIEW_WEEKS_MAX}, default ${OVERVIEW_WEEKS_DEFAULT}` }),
    ),
    at: Type.Optional(Instant),
  },
  { additionalProperties: false },
);
export interface OverviewQuery extends Static<typeof OverviewQuerySchema> {}

/** A person the answer names, as far as Mattermost told the service; null fields: not known. */
export const OverviewUserSchema = Type.Object({
  id: MmId,
  username: NullableString(),
  /** First and last name, or nickname; null when Mattermost has none. */
  display_name: NullableString(),
});
export interface OverviewUser extends Static<typeof OverviewUserSchema> {}

/** A channel the answer names (only channels the caller may know of). */
export const OverviewChannelSchema = Type.Object({ id: MmId, name: NullableString(), display_name: NullableString() });
export interface OverviewChannel extends Static<typeof OverviewChannelSchema> {}

/** Names for the ids in an answer, so a reader (a guest too) sees people and channels, not ids. */
const Directory = { users: Type.Array(OverviewUserSchema), channels: Type.Array(OverviewChannelSchema) };

export const StatusCountsSchema = Type.Object(
  Object.fromEntries(TASK_STATUSES.map((s) => [s, Type.Integer()])) as Record<
    (typeof TASK_STATUSES)[number],
    ReturnType<typeof Type.Integer>
  >,
);
export interface StatusCounts extends Static<typeof StatusCountsSchema> {}

/** One channel's row of the region × stage matrix. */
export const OverviewRowSchema = Type.Object({
  channel_id: MmId,
  display_name: NullableString(),
  is_home: Type.Boolean(),
  /** Live tasks of the project in this channel, by status. */
  tasks: StatusCountsSchema,
  /** Open tasks whose due date is before `at`. */
  overdue: Type.Integer(),
  /** Rollout child tasks in this channel: done of all (cancelled ones not counted). */
  rollout: Type.Object({ done: Type.Integer(), total: Type.Integer() }),
  /** Assets shared with the channel whose approved version it has not confirmed. */
  receipts_owed: Type.Integer(),
  /** Decided decisions applying to the channel that it has not confirmed. */
  decisions_unconfirmed: Type.Integer(),
});
export interface OverviewRow extends Static<typeof OverviewRowSchema> {}

export const STALL_KINDS = ['version', 'decision'] as const;
export type StallKind = (typeof STALL_KINDS)[number];

/**
 * What a stall waits for: one named person (a decision's approver), or any non-guest member of
 * `channel_ids` (a version's asset channels; a decision's source channel when nobody is named).
 */
export const WaitingForSchema = Type.Object({
  user_id: NullableMmId,
  channel_ids: Type.Array(MmId),
});

/** A proposed version waiting to be approved or rejected, or a proposed decision waiting to be decided. */
export const ApprovalStallSchema = Type.Object({
  kind: StringEnum(STALL_KINDS),
  /** The version's or the decision's id. */
  id: Uuid,
  /** The asset's name, or the decision's statement. */
  title: Type.String(),
  asset_id: Type.Union([Uuid, Type.Null()]),
  version_number: Type.Union([Type.Integer(), Type.Null()]),
  file_name: NullableString(),
  /** A channel of the item the caller is a member of (where to open it). */
  channel_id: MmId,
  /** Who proposed it (added the version, recorded the decision). */
  proposed_by: MmId,
  since: Iso,
  age_seconds: Type.Integer(),
  waiting_for: WaitingForSchema,
});
export interface ApprovalStall extends Static<typeof ApprovalStallSchema> {}

/** The median time tasks spent in a status before leaving it (stays that ended inside the window). */
export const StatusDurationSchema = Type.Object({
  status: TaskStatusSchema,
  median_seconds: Type.Number(),
  /** How many stays the median is over. */
  stays: Type.Integer(),
});
export interface StatusDuration extends Static<typeof StatusDurationSchema> {}

export const DurationsSchema = Type.Object({
  by_channel: Type.Array(Type.Object({ channel_id: MmId, statuses: Type.Array(StatusDurationSchema) })),
  /** By the task's current assignee; null: unassigned. */
  by_assignee: Type.Array(Type.Object({ user_id: NullableMmId, statuses: Type.Array(StatusDurationSchema) })),
});
export interface Durations extends Static<typeof DurationsSchema> {}

/** How many live tasks were in each status at the end of `day` (UTC), oldest day first. */
export const FlowDaySchema = Type.Object({ day: Day, ...StatusCountsSchema.properties });
export interface FlowDay extends Static<typeof FlowDaySchema> {}

export const FILE_CHANNEL_STATES = ['downloaded', 'silent'] as const;
/**
 * An approved (current) version and the channels it was shared with that have not confirmed
 * receipt: `downloaded` — someone there downloaded it, nobody confirmed; `silent` — neither.
 */
export const DisappearingVersionSchema = Type.Object({
  asset_id: Uuid,
  asset_name: Type.String(),
  version_id: Uuid,
  version_number: Type.Integer(),
  file_name: Type.String(),
  approved_at: NullableString({ description: 'ISO 8601 date-time, UTC' }),
  channels: Type.Array(
    Type.Object({
      channel_id: MmId,
      state: StringEnum(FILE_CHANNEL_STATES),
      downloads: Type.Integer(),
      last_download_at: NullableString({ description: 'ISO 8601 date-time, UTC' }),
    }),
  ),
});
export interface DisappearingVersion extends Static<typeof DisappearingVersionSchema> {}

const OverdueCount = { count: Type.Integer(), oldest_due_at: Iso };
export const OverdueSchema = Type.Object({
  /** By assignee (null: unassigned), most overdue first. */
  by_person: Type.Array(Type.Object({ user_id: NullableMmId, ...OverdueCount })),
  by_channel: Type.Array(Type.Object({ channel_id: MmId, ...OverdueCount })),
});
export interface Overdue extends Static<typeof OverdueSchema> {}

/** `GET /projects/:id/overview`. */
export const OverviewSchema = Type.Object({
  project_id: Uuid,
  project_name: Type.String(),
  at: Iso,
  weeks: Type.Integer(),
  /** `at` minus `weeks` weeks: where the durations' and the flow's window starts. */
  window_start: Iso,
  /** Home first, then linked channels in the order they were added (a guest: only theirs). */
  rows: Type.Array(OverviewRowSchema),
  /** Oldest first; at most `OVERVIEW_STALLS_MAX` items. */
  stalls: Type.Object({ items: Type.Array(ApprovalStallSchema), total: Type.Integer() }),
  durations: DurationsSchema,
  flow: Type.Array(FlowDaySchema),
  disappearing: Type.Array(DisappearingVersionSchema),
  overdue: OverdueSchema,
  ...Directory,
});
export interface Overview extends Static<typeof OverviewSchema> {}

/**
 * What a matrix cell lists: `status` — the channel's tasks in `status`; `overdue` — its open tasks
 * due before `at`; `rollout` — its rollout child tasks (optionally in `status`); `receipts` — the
 * approved versions it owes a receipt for; `decisions` — decided decisions it has not confirmed.
 */
export const OVERVIEW_CELL_KINDS = ['status', 'overdue', 'rollout', 'receipts', 'decisions'] as const;
export type OverviewCellKind = (typeof OVERVIEW_CELL_KINDS)[number];

export const OverviewCellQuerySchema = Type.Object(
  {
    channel_id: MmId,
    kind: StringEnum(OVERVIEW_CELL_KINDS, `One of ${OVERVIEW_CELL_KINDS.join(', ')}`),
    /** Required for `status`, optional for `rollout`, refused for the others. */
    status: Type.Optional(TaskStatusSchema),
    at: Type.Optional(Instant),
    cursor: Type.Optional(Uuid),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageMax })),
  },
  { additionalProperties: false },
);
export interface OverviewCellQuery extends Static<typeof OverviewCellQuerySchema> {}

/** `GET /projects/:id/overview/cell`: one page; only the array of the asked `kind` has items, by id. */
export const OverviewCellSchema = Type.Object({
  kind: StringEnum(OVERVIEW_CELL_KINDS),
  channel_id: MmId,
  tasks: Type.Array(TaskSchema),
  receipts: Type.Array(ShelfItemSchema),
  decisions: Type.Array(DecisionSchema),
  next_cursor: Type.Union([Uuid, Type.Null()]),
  ...Directory,
});
export interface OverviewCell extends Static<typeof OverviewCellSchema> {}

/** `from`..`to` inclusive, at most `DUE_RANGE_DAYS_MAX` days. */
export const DueQuerySchema = Type.Object(
  {
    from: Day,
    to: Day,
    channel_id: Type.Optional(MmId),
    assignee_id: Type.Optional(MmId),
    /** Only open tasks (todo, in_progress, review). */
    open: Type.Optional(Type.Boolean()),
    cursor: Type.Optional(Type.String({ maxLength: 200, pattern: '^[A-Za-z0-9_-]+$', description: 'next_cursor of the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageMax })),
  },
  { additionalProperties: false },
);
export interface DueQuery extends Static<typeof DueQuerySchema> {}

/** `GET /projects/:id/due`: tasks due in the range (by due date, then id) and how many fall on each day. */
export const DueSchema = Type.Object({
  from: Day,
  to: Day,
  /** Every day of the range that has a task due (all of them, not only this page's). */
  days: Type.Array(Type.Object({ day: Day, total: Type.Integer(), open: Type.Integer() })),
  items: Type.Array(TaskSchema),
  next_cursor: NullableString(),
  ...Directory,
});
export interface Due extends Static<typeof DueSchema> {}
