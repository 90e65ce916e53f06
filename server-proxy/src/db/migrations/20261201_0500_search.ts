import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Db } from '../database.js';
import { rebuildIndex } from '../../search/search.indexer.js';

/**
 * The search index: one row per searchable item with its text (for highlights), and the stems the
 * service computed (see search/search.text.ts) — in an FTS5 table on SQLite, a GIN-indexed tsvector
 * on PostgreSQL. Items already there are indexed here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) {
    await sql`create table search_documents (
      key text primary key,
      kind text not null,
      object_id text not null,
      channel_id text,
      title text not null,
      body text not null,
      tokens tsvector not null)`.execute(db);
    await sql`create index search_documents_tokens_idx on search_documents using gin (tokens)`.execute(db);
  } else {
    // An explicit integer key: the FTS rows point at it, and VACUUM keeps it (it may renumber an implicit rowid).
    await sql`create table search_documents (
      num integer primary key,
      key text not null unique,
      kind text not null,
      object_id text not null,
      channel_id text,
      title text not null,
      body text not null)`.execute(db);
    // The stems are lower-case letters and digits separated by spaces: the ascii tokenizer splits on
    // the spaces and keeps every non-ASCII letter as it is (unicode61 would fold й to и).
    await sql`create virtual table search_fts using fts5(title, body, tokenize = 'ascii')`.execute(db);
  }
  await rebuildIndex(db as unknown as Db, postgres ? 'postgres' : 'sqlite');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) await sql`drop table search_fts`.execute(db);
  await sql`drop table search_documents`.execute(db);
}
