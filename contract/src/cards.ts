import { Type, type Static } from 'typebox';
import { MmId, NullableMmId, NullableString, NullableUuid, Uuid } from './common.js';
import { DecisionStatusSchema } from './decisions.js';
import { TaskStatusSchema } from './tasks.js';

/** Post types of the bot's cards (custom_* posts fall back to `message` on mobile). */
export const CARD_TYPES = Object.freeze({
  task: 'custom_throughline_task',
  approval: 'custom_throughline_approval',
  decision: 'custom_throughline_decision',
  digest: 'custom_throughline_digest',
});

/** `props.task` of a task card: the task as it was when the card was written. */
export const TaskSnapshotSchema = Type.Object({
  id: Uuid,
  title: Type.String(),
  status: TaskStatusSchema,
  assignee_id: NullableMmId,
  due_at: NullableString({ description: 'ISO 8601 date-time, UTC' }),
  channel_id: MmId,
  version: Type.Integer(),
});
export interface TaskSnapshot extends Static<typeof TaskSnapshotSchema> {}

/** `props.approval` of an approval card. */
export const ApprovalCardPropsSchema = Type.Object({
  asset_id: Uuid,
  version_id: Uuid,
  channel_id: MmId,
  version_number: Type.Integer(),
  asset_name: Type.String(),
  file_name: Type.String(),
  /** Set once a later version is approved: the card then says "superseded by version N — do not use". */
  superseded_by_number: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
});
export interface ApprovalCardProps extends Static<typeof ApprovalCardPropsSchema> {}

/**
 * `props.decision` of a decision card: ids to fetch the decision by, and the statement as it was
 * when the card was written (mobile reads `message`). The webapp renders from the fetched decision.
 */
export const DecisionCardPropsSchema = Type.Object({
  decision_id: Uuid,
  channel_id: MmId,
  status: DecisionStatusSchema,
  statement: Type.String(),
  superseded_by_id: NullableUuid,
});
export interface DecisionCardProps extends Static<typeof DecisionCardPropsSchema> {}

/** `props.digest` of a digest post: which stored digest it carries (the webapp shows it as the service answers it). */
export const DigestCardPropsSchema = Type.Object({ id: Uuid, project_id: Uuid });
export interface DigestCardProps extends Static<typeof DigestCardPropsSchema> {}
