import { Type, type Static } from 'typebox';
import { Iso, NullableString, NullableUuid, StringEnum, Uuid } from './common.js';

/**
 * Calendar feeds: an ICS (RFC 5545) feed of due dates at a secret URL the person creates, copies
 * and revokes. A person feed holds the tasks assigned to its owner; a project feed, every due date
 * of the project its owner may see. Calendar apps fetch it without a session: the token in the URL
 * is the only credential, and is stored hashed. Membership is asked of Mattermost at each fetch.
 */
export const FEED_KINDS = ['person', 'project'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

/** `POST /me/feeds`: a project feed names its project; a person feed names none. */
export const CreateFeedSchema = Type.Object(
  {
    kind: StringEnum(FEED_KINDS, `One of ${FEED_KINDS.join(', ')}`),
    project_id: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export interface CreateFeed extends Static<typeof CreateFeedSchema> {}

/** A feed as its owner lists it: never the token or the URL, which are shown once, when made. */
export const FeedSchema = Type.Object({
  id: Uuid,
  kind: StringEnum(FEED_KINDS),
  project_id: NullableUuid,
  /** The project's name, for a project feed. */
  project_name: NullableString(),
  created_at: Iso,
  /** When a calendar app last fetched it; null: never. */
  last_fetched_at: NullableString({ description: 'ISO 8601 date-time, UTC' }),
});
export interface Feed extends Static<typeof FeedSchema> {}

export const CreatedFeedSchema = Type.Object({
  feed: FeedSchema,
  /** The secret address to subscribe to; the service keeps only a hash of it and cannot show it again. */
  url: Type.String(),
});
export interface CreatedFeed extends Static<typeof CreatedFeedSchema> {}

export const FeedListSchema = Type.Object({ items: Type.Array(FeedSchema) });
export interface FeedList extends Static<typeof FeedListSchema> {}
