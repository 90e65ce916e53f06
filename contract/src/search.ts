import { Type, type Static } from 'typebox';
import { MmId, NullableMmId, NullableString, NullableUuid, StringEnum, Uuid } from './common.js';
import { LIMITS } from './limits.js';
import { TASK_STATUSES } from './tasks.js';
import { DECISION_STATUSES } from './decisions.js';
import { VERSION_STATES } from './assets.js';

/** What search finds: tasks (title, description), decisions (statement, rationale), assets (name, file names), versions (file name). */
export const SEARCH_KINDS = ['task', 'decision', 'asset', 'version'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** A status of any kind: a task's, a decision's or a version's; a filter keeps the kinds that have it. */
export const SEARCH_STATUSES = [...new Set<string>([...TASK_STATUSES, ...DECISION_STATUSES, ...VERSION_STATES])] as readonly string[];

/** One page holds at most this many hits; a cursor reaches at most `SEARCH_DEPTH_MAX` hits deep. */
export const SEARCH_PAGE_MAX = 50;
export const SEARCH_DEPTH_MAX = 1000;

export const SearchQuerySchema = Type.Object(
  {
    q: Type.String({ maxLength: LIMITS.queryMax, description: 'Words to find; every word must match (Russian and English word forms)' }),
    kind: Type.Optional(StringEnum(SEARCH_KINDS, `One of ${SEARCH_KINDS.join(', ')}`)),
    project_id: Type.Optional(Uuid),
    status: Type.Optional(StringEnum(SEARCH_STATUSES, `One of ${SEARCH_STATUSES.join(', ')}`)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: SEARCH_PAGE_MAX })),
    cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$', description: 'next_cursor of the previous page' })),
  },
  { additionalProperties: false },
);
export interface SearchQuery extends Static<typeof SearchQuerySchema> {}

/** A range of matched characters in a text, as UTF-16 offsets [start, end). */
export const MarkSchema = Type.Object({ start: Type.Integer({ minimum: 0 }), end: Type.Integer({ minimum: 0 }) });
export interface Mark extends Static<typeof MarkSchema> {}

/** Plain text and where the searched words are in it; a client renders the ranges, the text is never markup. */
export const MarkedTextSchema = Type.Object({ text: Type.String(), marks: Type.Array(MarkSchema) });
export interface MarkedText extends Static<typeof MarkedTextSchema> {}

export const SearchHitSchema = Type.Object({
  kind: StringEnum(SEARCH_KINDS),
  id: Uuid,
  project_id: NullableUuid,
  /** A channel of the item that the caller is a member of (where to open it). */
  channel_id: MmId,
  /** The asset a version belongs to (for an asset: itself); null for tasks and decisions. */
  asset_id: NullableUuid,
  status: NullableString(),
  /** The task's title, the decision's statement, the asset's name, the version's file name. */
  title: MarkedTextSchema,
  /** A passage of the rest (description, rationale, file names) around the first match; empty text when there is none. */
  snippet: MarkedTextSchema,
  /** The source post, when the caller may see it. */
  permalink: NullableString(),
  source_post_id: NullableMmId,
});
export interface SearchHit extends Static<typeof SearchHitSchema> {}

export const SearchPageSchema = Type.Object({ items: Type.Array(SearchHitSchema), next_cursor: NullableString() });
export interface SearchPage extends Static<typeof SearchPageSchema> {}
