import { Type, type Static } from 'typebox';
import { Iso, MmId, NullableMmId, NullableString, NullableUuid, StringEnum, Uuid } from './common.js';
import { LIMITS } from './limits.js';

export const TASK_STATUSES = ['todo', 'in_progress', 'review', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const OPEN_STATUSES: readonly TaskStatus[] = ['todo', 'in_progress', 'review'];

export const TaskStatusSchema = StringEnum(TASK_STATUSES, `One of ${TASK_STATUSES.join(', ')}`);

export const TaskFileSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  size: Type.Number(),
  mime_type: Type.String(),
  extension: Type.String(),
});
export interface TaskFile extends Static<typeof TaskFileSchema> {}

export const TaskSchema = Type.Object({
  id: Uuid,
  title: Type.String(),
  description: Type.String(),
  status: TaskStatusSchema,
  assignee_id: NullableMmId,
  due_at: NullableString({ description: 'ISO 8601 date-time, UTC' }),
  channel_id: MmId,
  project_id: NullableUuid,
  source_post_id: NullableMmId,
  permalink: NullableString(),
  files: Type.Array(TaskFileSchema),
  /** On a rollout's child task: the task that was rolled out. */
  parent_id: NullableUuid,
  /** The rollout this task is the parent of, or a child in. */
  rollout_id: NullableUuid,
  created_by: MmId,
  created_at: Iso,
  updated_at: Iso,
  version: Type.Integer(),
});
export interface Task extends Static<typeof TaskSchema> {}

export const TaskPageSchema = Type.Object({ items: Type.Array(TaskSchema), next_cursor: NullableUuid });
export interface TaskPage extends Static<typeof TaskPageSchema> {}

export const HISTORY_ACTIONS = ['created', 'updated', 'deleted'] as const;
export const HistoryEntrySchema = Type.Object({
  id: Uuid,
  task_id: Uuid,
  actor_id: MmId,
  action: StringEnum(HISTORY_ACTIONS),
  field: NullableString(),
  from: NullableString(),
  to: NullableString(),
  at: Iso,
});
export interface HistoryEntry extends Static<typeof HistoryEntrySchema> {}

/** A page of a history, newest first: `next_cursor` asks for the older entries after the last one here. */
export const HistoryPageSchema = Type.Object({ items: Type.Array(HistoryEntrySchema), next_cursor: NullableUuid });
export interface HistoryPage extends Static<typeof HistoryPageSchema> {}

/** `cursor` is a page's `next_cursor`; `limit` entries at most (default 100). */
export const HistoryQuerySchema = Type.Object(
  {
    cursor: Type.Optional(Uuid),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageMax })),
  },
  { additionalProperties: false },
);
export interface HistoryQuery extends Static<typeof HistoryQuerySchema> {}

/** Fields a PATCH may change, and so the fields history speaks of. */
export const EDITABLE_FIELDS = ['title', 'description', 'status', 'assignee_id', 'due_at', 'project_id'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

const NullableDue = NullableString({ maxLength: 40, description: 'ISO 8601 date or date-time' });
// Schema bounds are generous on purpose: the service trims, then applies the documented limit with a clear message.
const Title = Type.String({ maxLength: LIMITS.titleMax * 4 });
const Description = Type.String({ maxLength: LIMITS.descriptionMax * 2 });

/** What a person may set on a task when making it and later. */
const TaskFields = {
  title: Type.Optional(Title),
  description: Type.Optional(Description),
  assignee_id: Type.Optional(NullableMmId),
  due_at: Type.Optional(NullableDue),
  project_id: Type.Optional(NullableUuid),
};

export const CreateTaskSchema = Type.Object(
  { channel_id: Type.Optional(MmId), post_id: Type.Optional(MmId), ...TaskFields },
  { additionalProperties: false },
);
export interface CreateTask extends Static<typeof CreateTaskSchema> {}

export const PatchTaskSchema = Type.Object(
  { version: Type.Integer({ minimum: 1 }), status: Type.Optional(TaskStatusSchema), ...TaskFields },
  { additionalProperties: false },
);
export interface PatchTask extends Static<typeof PatchTaskSchema> {}

export const ListTasksQuerySchema = Type.Object(
  {
    project_id: Type.Optional(Uuid),
    channel_id: Type.Optional(MmId),
    status: Type.Optional(TaskStatusSchema),
    assignee_id: Type.Optional(MmId),
    mine: Type.Optional(Type.Boolean()),
    overdue: Type.Optional(Type.Boolean()),
    q: Type.Optional(Type.String({ maxLength: LIMITS.queryMax })),
    cursor: Type.Optional(Uuid),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageMax })),
  },
  { additionalProperties: false },
);
export interface ListTasksQuery extends Static<typeof ListTasksQuerySchema> {}

/** At most this many messages per `POST /tasks/sources`: a channel's screenful of posts. */
export const TASK_SOURCES_MAX = 100;

/** `POST /tasks/sources`: which of these messages tasks were made from. */
export const TaskSourcesRequestSchema = Type.Object(
  { post_ids: Type.Array(MmId, { minItems: 1, maxItems: TASK_SOURCES_MAX }) },
  { additionalProperties: false },
);
export interface TaskSourcesRequest extends Static<typeof TaskSourcesRequestSchema> {}

/** The tasks made from the asked messages that the caller may see; a message without one is simply absent. */
export const TaskSourcesSchema = Type.Object({ items: Type.Array(TaskSchema) });
export interface TaskSources extends Static<typeof TaskSourcesSchema> {}
