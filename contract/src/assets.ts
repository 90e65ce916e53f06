import { Type, type Static } from 'typebox';
import { Iso, MmId, NullableString, NullableUuid, StringEnum, Uuid } from './common.js';
import { LIMITS } from './limits.js';
import { ASSET_PERMISSIONS } from './permissions.js';

export const VERSION_STATES = ['proposed', 'approved', 'rejected', 'superseded'] as const;
export type VersionState = (typeof VERSION_STATES)[number];

export const AssetVersionSchema = Type.Object({
  id: Uuid,
  asset_id: Uuid,
  number: Type.Integer(),
  file_name: Type.String(),
  mime_type: Type.String(),
  size: Type.Number(),
  sha256: Type.String(),
  source_post_id: NullableString(),
  source_file_id: NullableString(),
  added_by: MmId,
  added_at: Iso,
  state: StringEnum(VERSION_STATES),
  decided_by: NullableString(),
  decided_at: NullableString(),
  decision_comment: NullableString(),
});
export interface AssetVersion extends Static<typeof AssetVersionSchema> {}

export const ReceiptSchema = Type.Object({ channel_id: MmId, confirmed_by: NullableString(), confirmed_at: NullableString() });
export interface Receipt extends Static<typeof ReceiptSchema> {}

export const AssetSchema = Type.Object({
  id: Uuid,
  project_id: Uuid,
  name: Type.String(),
  channel_ids: Type.Array(MmId),
  created_by: MmId,
  created_at: Iso,
  updated_at: Iso,
  approved_version_id: NullableString(),
  /** Newest first. */
  versions: Type.Array(AssetVersionSchema),
  /** For the approved version, one per shared channel the caller may know of. */
  receipts: Type.Array(ReceiptSchema),
  /** What the caller may do with this asset. */
  permissions: Type.Array(StringEnum(ASSET_PERMISSIONS)),
});
export interface Asset extends Static<typeof AssetSchema> {}

export const ASSET_HISTORY_ACTIONS = ['created', 'version_added', 'approved', 'rejected', 'superseded', 'receipt_confirmed'] as const;
export const AssetHistoryEntrySchema = Type.Object({
  id: Uuid,
  asset_id: Uuid,
  version_id: NullableString(),
  actor_id: MmId,
  action: StringEnum(ASSET_HISTORY_ACTIONS),
  detail: NullableString(),
  at: Iso,
});
export interface AssetHistoryEntry extends Static<typeof AssetHistoryEntrySchema> {}

/** A page of an asset's history, newest first, paged like a task's (HistoryQuery). */
export const AssetHistoryPageSchema = Type.Object({ items: Type.Array(AssetHistoryEntrySchema), next_cursor: NullableUuid });
export interface AssetHistoryPage extends Static<typeof AssetHistoryPageSchema> {}

export const CreateAssetSchema = Type.Object(
  {
    project_id: Uuid,
    name: Type.String({ minLength: 1, maxLength: LIMITS.assetNameMax * 2 }),
    channel_ids: Type.Array(MmId, { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);
export interface CreateAsset extends Static<typeof CreateAssetSchema> {}

export const VersionFromMattermostSchema = Type.Object({ file_id: MmId, post_id: Type.Optional(MmId) }, { additionalProperties: false });
export interface VersionFromMattermost extends Static<typeof VersionFromMattermostSchema> {}
export const VersionDecisionSchema = Type.Object(
  { comment: Type.Optional(Type.String({ maxLength: LIMITS.commentMax * 2 })) },
  { additionalProperties: false },
);
