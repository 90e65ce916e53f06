import type { SearchKind } from '@throughline/contract';

/** The engine-specific parts (SQLite's num and FTS5 table, PostgreSQL's tsvector) are reached in search.repository.ts. */
export interface SearchDocumentsTable {
  key: string;
  kind: SearchKind;
  object_id: string;
  /** A task's channel; null for other kinds. */
  channel_id: string | null;
  title: string;
  body: string;
}
