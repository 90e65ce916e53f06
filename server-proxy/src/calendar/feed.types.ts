import type { FeedKind } from '@throughline/contract';

/** One secret feed address; the token itself is never stored, only its SHA-256. */
export interface CalendarFeedsTable {
  id: string;
  user_id: string;
  kind: FeedKind;
  project_id: string | null;
  token_hash: string;
  created_at: string;
  last_fetched_at: string | null;
}
