export const EVENT_TYPES = [
  'task.created',
  'task.updated',
  'task.deleted',
  'asset.version_added',
  'asset.version_approved',
  'asset.receipt_confirmed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** A change, scoped to the channel whose members may learn of it. */
export interface NewEvent {
  type: EventType;
  channel_id: string;
  payload: Record<string, unknown>;
}

export interface StoredEvent extends NewEvent {
  seq: number;
  created_at: string;
}
