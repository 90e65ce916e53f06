import { Type, type Static } from 'typebox';
import { MmId, NullableUuid, StringEnum, Uuid } from './common.js';
import { EDITABLE_FIELDS, TaskSchema } from './tasks.js';

export const EVENT_TYPES = [
  'task.created',
  'task.updated',
  'task.deleted',
  'asset.version_added',
  'asset.version_approved',
  'asset.version_rejected',
  'asset.receipt_confirmed',
  'decision.recorded',
  'decision.updated',
  'decision.decided',
  'decision.superseded',
  'decision.revoked',
  'decision.receipt_confirmed',
  'project.channel_linked',
  'project.channel_unlinked',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const TaskCreatedPayloadSchema = Type.Object({ task: TaskSchema });
export const TaskUpdatedPayloadSchema = Type.Object({ task: TaskSchema, fields: Type.Array(StringEnum(EDITABLE_FIELDS)) });
export const TaskDeletedPayloadSchema = Type.Object({ task_id: Uuid, project_id: NullableUuid });
export const AssetEventPayloadSchema = Type.Object({ asset_id: Uuid, project_id: Uuid, version_id: Uuid });

/** Decision events carry ids only: a listener refetches what the caller may see. */
export const DecisionEventPayloadSchema = Type.Object({ decision_id: Uuid, project_id: Uuid });

/**
 * A channel joined a project, sent to it and to every channel already in the project: `added` says
 * whether the event's channel is the one that joined (its members now see the project).
 */
export const ChannelLinkedPayloadSchema = Type.Object({ project_id: Uuid, added: Type.Boolean() });

/**
 * A channel left a project, sent to it and to every channel still in the project: `removed` says
 * whether the event's channel is the one that left; `asset_ids` are the assets whose sharing with
 * the event's channel changed (unshared from the one that left, moved to the home channel).
 */
export const ChannelUnlinkedPayloadSchema = Type.Object({ project_id: Uuid, removed: Type.Boolean(), asset_ids: Type.Array(Uuid) });

export interface TaskCreatedPayload extends Static<typeof TaskCreatedPayloadSchema> {}
export interface TaskUpdatedPayload extends Static<typeof TaskUpdatedPayloadSchema> {}
export interface TaskDeletedPayload extends Static<typeof TaskDeletedPayloadSchema> {}
export interface AssetEventPayload extends Static<typeof AssetEventPayloadSchema> {}
export interface DecisionEventPayload extends Static<typeof DecisionEventPayloadSchema> {}
export interface ChannelLinkedPayload extends Static<typeof ChannelLinkedPayloadSchema> {}
export interface ChannelUnlinkedPayload extends Static<typeof ChannelUnlinkedPayloadSchema> {}

/** What each event type carries, so emitters and listeners agree at compile time. */
export interface EventPayloads {
  'task.created': TaskCreatedPayload;
  'task.updated': TaskUpdatedPayload;
  'task.deleted': TaskDeletedPayload;
  'asset.version_added': AssetEventPayload;
  'asset.version_approved': AssetEventPayload;
  'asset.version_rejected': AssetEventPayload;
  'asset.receipt_confirmed': AssetEventPayload;
  'decision.recorded': DecisionEventPayload;
  'decision.updated': DecisionEventPayload;
  'decision.decided': DecisionEventPayload;
  'decision.superseded': DecisionEventPayload;
  'decision.revoked': DecisionEventPayload;
  'decision.receipt_confirmed': DecisionEventPayload;
  'project.channel_linked': ChannelLinkedPayload;
  'project.channel_unlinked': ChannelUnlinkedPayload;
}

/** One event as the live stream sends it (`data:` of an SSE message; `id:` is its seq). */
export type LiveEvent = { [T in EventType]: { type: T; channel_id: string; payload: EventPayloads[T] } }[EventType];

export const LiveEventEnvelopeSchema = Type.Object({ type: StringEnum(EVENT_TYPES), channel_id: MmId, payload: Type.Unknown() });
