import { sql, type RawBuilder } from 'kysely';
import type { Engine } from './database.js';

/** Greater than every id (UUIDs are lowercase hex and '-'), in byte order and in any locale's. */
const AFTER_EVERY_ID = 'g';

/**
 * The rows where `column` = `value` with an id below `before` (all of them without it), worded so
 * that each engine walks the (column, id) index newest first; order them by `column` then id, both
 * descending. PostgreSQL gets a range over the pair: given `column = value and id < before … order
 * by id`, it may instead walk the primary key backwards through every newer row of other projects
 * (its statistics cannot tell that ids and projects go together): 15 ms instead of 0.2 ms for a
 * page of a 10,000-task project in a database of 20,000 tasks. SQLite gets the equality: without
 * statistics it prices the pair's range no better than a channel filter or another index that
 * begins with `column`, takes one of those and sorts the whole project (6 to 16 ms instead of
 * 0.5 ms); the equality with `id < before` is a range of the (column, id) index alone.
 */
export function newestWithin(
  engine: Engine,
  column: 'project_id' | 'channel_id',
  value: string,
  before: string | undefined,
): RawBuilder<boolean> {
  const upTo = before ?? AFTER_EVERY_ID;
  if (engine === 'sqlite') return sql<boolean>`${sql.ref(column)} = ${value} and ${sql.ref('id')} < ${upTo}`;
  const pair = sql`(${sql.ref(column)}, ${sql.ref('id')})`;
  return sql<boolean>`${pair} > (${value}, '') and ${pair} < (${value}, ${upTo})`;
}

/** The one project, or else the one channel, a list is confined to: the column whose index orders it. */
export function confinedTo(f: { projectId?: string; channelIds: readonly string[] }) {
  if (f.projectId) return { column: 'project_id' as const, value: f.projectId };
  return f.channelIds.length === 1 ? { column: 'channel_id' as const, value: f.channelIds[0]! } : null;
}
