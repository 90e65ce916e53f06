import { Type, type Static } from 'typebox';
import { Iso, MmId, NullableMmId, NullableString, NullableUuid, StringEnum, Uuid } from './common.js';
import { ROLLOUT_PERMISSIONS } from './permissions.js';
import { LIMITS } from './limits.js';
import { AssetVersionSchema, ReceiptSchema } from './assets.js';
import { TaskSchema } from './tasks.js';

/**
 * A rollout: one task (the parent, usually in the project's home channel) sent to chosen channels
 * of its project as one child task per channel. Bound to an asset, a child cannot be done until
 * its channel has confirmed receipt of the asset's currently approved version.
 */

/** The approved version a rollout's channels must have. */
export const RolloutVersionSchema = Type.Object({ id: Uuid, number: Type.Integer(), file_name: Type.String() });
export interface RolloutVersion extends Static<typeof RolloutVersionSchema> {}

/** One channel's line of the matrix. */
export const RolloutRowSchema = Type.Object({
  channel_id: MmId,
  task: TaskSchema,
  /** Not done or cancelled, and its due date has passed. */
  overdue: Type.Boolean(),
  /** The channel's receipt of the approved version; null when the rollout names no asset or nothing is approved. */
  receipt: Type.Union([ReceiptSchema, Type.Null()]),
});
export interface RolloutRow extends Static<typeof RolloutRowSchema> {}

export const RolloutCountsSchema = Type.Object({
  total: Type.Integer(),
  todo: Type.Integer(),
  in_progress: Type.Integer(),
  review: Type.Integer(),
  done: Type.Integer(),
  cancelled: Type.Integer(),
  overdue: Type.Integer(),
  /** Rows whose channel has confirmed the approved version (0 without an asset). */
  confirmed: Type.Integer(),
});
export interface RolloutCounts extends Static<typeof RolloutCountsSchema> {}

export const RolloutSchema = Type.Object({
  id: Uuid,
  /** The parent task. */
  task_id: Uuid,
  project_id: Uuid,
  asset_id: NullableUuid,
  asset_name: NullableString(),
  approved_version: Type.Union([RolloutVersionSchema, Type.Null()]),
  created_by: MmId,
  created_at: Iso,
  updated_at: Iso,
  /** Over the rows the caller may see (a guest: only their channels' rows). */
  counts: RolloutCountsSchema,
  /** Rows of the channels the caller is a member of, in the order they were added. */
  rows: Type.Array(RolloutRowSchema),
  /** What the caller may do with this rollout. */
  permissions: Type.Array(StringEnum(ROLLOUT_PERMISSIONS)),
});
export interface Rollout extends Static<typeof RolloutSchema> {}

const RolloutChannels = Type.Array(MmId, { minItems: 1, maxItems: LIMITS.rolloutChannelsMax, uniqueItems: true });

/** `POST /rollouts`: roll a task out. The task must belong to a project and not be part of a rollout. */
export const CreateRolloutSchema = Type.Object(
  { task_id: Uuid, channel_ids: RolloutChannels, asset_id: Type.Optional(NullableUuid) },
  { additionalProperties: false },
);
export interface CreateRollout extends Static<typeof CreateRolloutSchema> {}

/** `POST /rollouts/:id/channels`: add channels to a running rollout. */
export const AddRolloutChannelsSchema = Type.Object({ channel_ids: RolloutChannels }, { additionalProperties: false });
export interface AddRolloutChannels extends Static<typeof AddRolloutChannelsSchema> {}

/** `error.required` of a `receipt_required` refusal: what the channel must confirm first. */
export const ReceiptRequiredSchema = Type.Object({
  asset_id: Uuid,
  asset_name: Type.String(),
  channel_id: MmId,
  /** Null when no version of the asset is approved yet. */
  version: Type.Union([RolloutVersionSchema, Type.Null()]),
});
export interface ReceiptRequired extends Static<typeof ReceiptRequiredSchema> {}

/** `PUT /projects/:id/channels/:channel_id/lead`: who a rollout's child task in that channel is assigned to. */
export const SetChannelLeadSchema = Type.Object({ user_id: NullableMmId }, { additionalProperties: false });
export interface SetChannelLead extends Static<typeof SetChannelLeadSchema> {}

/** One asset on a channel's shelf: its currently approved version and the channel's receipt of it. */
export const ShelfItemSchema = Type.Object({
  asset_id: Uuid,
  asset_name: Type.String(),
  project_id: Uuid,
  version: AssetVersionSchema,
  receipt: ReceiptSchema,
});
export interface ShelfItem extends Static<typeof ShelfItemSchema> {}

/** `GET /channels/:channel_id/shelf`: the approved versions of the assets shared with the channel, by asset name. */
export const ShelfSchema = Type.Object({ channel_id: MmId, items: Type.Array(ShelfItemSchema) });
export interface Shelf extends Static<typeof ShelfSchema> {}

/** A recorded download of a version's file. */
export const AssetDownloadSchema = Type.Object({
  id: Uuid,
  version_id: Uuid,
  version_number: Type.Integer(),
  user_id: MmId,
  /** The channel the download was made from (the card or shelf it was opened in), if known. */
  channel_id: NullableMmId,
  at: Iso,
  /** The version had been superseded when it was downloaded. */
  after_superseded: Type.Boolean(),
});
export interface AssetDownload extends Static<typeof AssetDownloadSchema> {}

/** `GET /assets/:id/downloads`, newest first, paged like a history. */
export const AssetDownloadPageSchema = Type.Object({ items: Type.Array(AssetDownloadSchema), next_cursor: NullableUuid });
export interface AssetDownloadPage extends Static<typeof AssetDownloadPageSchema> {}

export const AssetDownloadsQuerySchema = Type.Object(
  {
    /** Only downloads of a version after it was superseded. */
    superseded: Type.Optional(Type.Boolean()),
    cursor: Type.Optional(Uuid),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageMax })),
  },
  { additionalProperties: false },
);
export interface AssetDownloadsQuery extends Static<typeof AssetDownloadsQuerySchema> {}
