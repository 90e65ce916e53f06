import { sql, type RawBuilder } from 'kysely';

/** Greater than every id (UUIDs are lowercase hex and '-'), in byte order and in any locale's. */
const AFTER_EVERY_ID = 'g';

/**
 * The rows where `column` = `value` with an id below `before` (all of them without it), as a range
 * over the pair (column, id): order them by `column` then id, both descending, and only the
 * (column, id) index yields that order. Written as `column = value and id < before … order by id`,
 * PostgreSQL may instead walk the primary key backwards through every newer row of other projects
 * (its statistics cannot tell that ids and projects go together): 15 ms instead of 0.2 ms for a
 * page of a 10,000-task project in a database of 20,000 tasks.
 */
export function newestWithin(column: 'project_id' | 'channel_id', value: string, before: string | undefined): RawBuilder<boolean> {
  const pair = sql`(${sql.ref(column)}, ${sql.ref('id')})`;
  return sql<boolean>`${pair} > (${value}, '') and ${pair} < (${value}, ${before ?? AFTER_EVERY_ID})`;
}

/** The one project, or else the one channel, a list is confined to: the column whose index orders it. */
export function confinedTo(f: { projectId?: string; channelIds: readonly string[] }) {
  if (f.projectId) return { column: 'project_id' as const, value: f.projectId };
  return f.channelIds.length === 1 ? { column: 'channel_id' as const, value: f.channelIds[0]! } : null;
}
