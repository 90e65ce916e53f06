import type { Decision } from '@throughline/contract';

export type { Decision, DecisionHistoryEntry, DecisionQuote } from '@throughline/contract';

/**
 * A decision as stored: everything, for the service to cut down to what a caller may see. The
 * source channel is always known here (the channel it was recorded from).
 */
export type StoredDecision = Omit<Decision, 'permissions' | 'source_visible' | 'source_channel_id'> & { source_channel_id: string };

export interface DecisionFilter {
  /** The channels the caller is a member of: a decision is listed if it applies to one or comes from one. */
  channelIds: string[];
  projectId?: string;
  status?: Decision['status'];
  /** Only decisions that apply to, or come from, this channel. */
  channelId?: string;
  personId?: string;
  q?: string;
  before?: string;
  limit: number;
}
