import type { EventPayloads, EventType } from '@throughline/contract';

export type { EventType } from '@throughline/contract';

/** A change, scoped to the channel whose members may learn of it. */
export type NewEvent = { [T in EventType]: { type: T; channel_id: string; payload: EventPayloads[T] } }[EventType];

export type StoredEvent = NewEvent & {
  seq: number;
  created_at: string;
};
