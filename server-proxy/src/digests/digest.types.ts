/** Row shapes of the digest tables (part of the database's schema, db/schema.ts). */
export interface DigestSubscriptionsTable {
  project_id: string;
  user_id: string;
  created_at: string;
}

export type DigestTrigger = 'schedule' | 'demand';
export type DigestAudienceKind = 'channel' | 'user';

export interface DigestsTable {
  id: string;
  project_id: string;
  slot: string;
  window_start: string;
  trigger: DigestTrigger;
  audience_kind: DigestAudienceKind;
  audience_id: string;
  locale: string;
  /** The digest as structured JSON (DigestContent): what the sidebar shows. */
  content: string;
  /** The same, as the Markdown the bot posted. */
  markdown: string;
  created_at: string;
  outbox_id: string | null;
}
