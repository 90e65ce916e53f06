import { Type, type Static } from 'typebox';
import { Iso, MmId, NullableMmId, StringEnum, Uuid } from './common.js';
import { LIMITS } from './limits.js';
import { PROJECT_PERMISSIONS } from './permissions.js';

export const ProjectSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  /**
   * The home channel: where the project was made; it cannot be unlinked. Null for a guest who is
   * not a member of it: a guest learns only the channels they are in, as in `channel_ids`.
   */
  channel_id: NullableMmId,
  /** Home first, then linked channels in the order they were added (for a guest, only theirs). */
  channel_ids: Type.Array(MmId),
  created_by: MmId,
  created_at: Iso,
  updated_at: Iso,
  /** Who a rollout's child task in a channel is assigned to: only channels with a lead, only those in `channel_ids`. */
  leads: Type.Array(Type.Object({ channel_id: MmId, user_id: MmId })),
  /** What the caller may do with this project. */
  permissions: Type.Array(StringEnum(PROJECT_PERMISSIONS)),
});
export interface Project extends Static<typeof ProjectSchema> {}

/** An asset that stopped being shared with a channel unlinked from its project. */
export const UnsharedAssetSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  /** It was shared with that channel only; it is now shared with the project's home channel instead. */
  moved_to_home: Type.Boolean(),
});
export interface UnsharedAsset extends Static<typeof UnsharedAssetSchema> {}

/** The answer to unlinking a channel: the project, and the assets that channel no longer sees. */
export const UnlinkedProjectSchema = Type.Object({ ...ProjectSchema.properties, unshared_assets: Type.Array(UnsharedAssetSchema) });
export interface UnlinkedProject extends Static<typeof UnlinkedProjectSchema> {}

export const CreateProjectSchema = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: LIMITS.projectNameMax * 2 }), channel_id: MmId },
  { additionalProperties: false },
);
export interface CreateProject extends Static<typeof CreateProjectSchema> {}

export const LinkChannelSchema = Type.Object({ channel_id: MmId }, { additionalProperties: false });
