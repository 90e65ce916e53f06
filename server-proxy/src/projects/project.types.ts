export interface Project {
  id: string;
  name: string;
  /** The home channel: where the project was made; it cannot be unlinked. */
  channel_id: string;
  /** Home first, then linked channels in the order they were added. */
  channel_ids: string[];
  created_by: string;
  created_at: string;
  updated_at: string;
}
