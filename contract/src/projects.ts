import { Type, type Static } from 'typebox';
import { Iso, MmId, StringEnum, Uuid } from './common.js';
import { LIMITS } from './limits.js';
import { PROJECT_PERMISSIONS } from './permissions.js';

export const ProjectSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  /** The home channel: where the project was made; it cannot be unlinked. */
  channel_id: MmId,
  /** Home first, then linked channels in the order they were added. */
  channel_ids: Type.Array(MmId),
  created_by: MmId,
  created_at: Iso,
  updated_at: Iso,
  /** What the caller may do with this project. */
  permissions: Type.Array(StringEnum(PROJECT_PERMISSIONS)),
});
export interface Project extends Static<typeof ProjectSchema> {}

export const CreateProjectSchema = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: LIMITS.projectNameMax * 2 }), channel_id: MmId },
  { additionalProperties: false },
);
export interface CreateProject extends Static<typeof CreateProjectSchema> {}

export const LinkChannelSchema = Type.Object({ channel_id: MmId }, { additionalProperties: false });
