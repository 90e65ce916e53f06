import { sql, type Transaction } from 'kysely';
import type { Db } from './database.js';
import type { Database } from './schema.js';

/**
 * The distinct values of an indexed column, one index step per value (a loose index scan): the
 * channels of 100,000 tasks are found in a few lookups, not by reading 100,000 index entries.
 */
export const distinctOf = (table: string, column: string) => sql`select v from (
  with recursive walk(v) as (
    select min(${sql.ref(column)}) from ${sql.table(table)}
    union all
    select (select min(${sql.ref(column)}) from ${sql.table(table)} where ${sql.ref(column)} > walk.v) from walk where walk.v is not null
  ) select v from walk where v is not null) ${sql.raw(`${table}_values`)}`;

/** The distinct values themselves, by a loose index scan of `table`'s index on `column`. */
export async function distinctValues(db: Db | Transaction<Database>, table: string, column: string): Promise<string[]> {
  return (await sql<{ v: string }>`${distinctOf(table, column)}`.execute(db)).rows.map((r) => r.v);
}
