import { distinctOf } from '../db/distinct.js';
import { sql, type RawBuilder, type Transaction } from 'kysely';
import { DECISION_STATUSES, SEARCH_DEPTH_MAX, TASK_STATUSES, VERSION_STATES, type SearchKind } from '@throughline/contract';
import type { Db, Engine } from '../db/database.js';
import type { Database } from '../db/schema.js';

export type Executor = Db | Transaction<Database>;

/** What the index holds of one object: its text (for highlights) and the stems of it (for matching). */
export interface SearchDocument {
  kind: SearchKind;
  id: string;
  title: string;
  body: string;
  titleStems: string[];
  bodyStems: string[];
  /** A task's channel (it never moves): visibility without reading the task. Null for other kinds. */
  channelId: string | null;
}

const keyOf = (kind: SearchKind, id: string) => `${kind}:${id}`;
/** The most matches ranked: as deep as a cursor reaches, and one more to tell whether there is a next page. */
const RANKED = SEARCH_DEPTH_MAX + 1;
/** PostgreSQL first looks for them among the newest RANKED × WINDOW documents. */
const WINDOW = 8;
const unique = (xs: string[]) => [...new Set(xs)];
/** FTS5 columns hold the stems separated by spaces; its `ascii` tokenizer splits on nothing else. */
const joined = (xs: string[]) => xs.join(' ');
/** A PostgreSQL tsvector made of the stems as they are (no parser, no dictionary: the service stemmed them). */
const vector = (title: string[], body: string[]) =>
  sql`setweight(array_to_tsvector(${unique(title)}::text[]), 'A') || setweight(array_to_tsvector(${unique(body)}::text[]), 'B')`;

export async function removeDocument(trx: Executor, engine: Engine, kind: SearchKind, id: string): Promise<void> {
  const key = keyOf(kind, id);
  if (engine === 'sqlite')
    await sql`delete from search_fts where rowid = (select num from search_documents where key = ${key})`.execute(trx);
  await trx.deleteFrom('search_documents').where('key', '=', key).execute();
}

/**
 * PostgreSQL: the documents' upsert as one statement. A rewritten document takes a new number, as on
 * SQLite (the newest write is ranked first), and the upsert holds against a concurrent writer of the same item.
 */
function upsertDocuments(docs: readonly SearchDocument[], rebuilding: boolean): RawBuilder<unknown> {
  const renumber = rebuilding ? sql`` : sql`num = nextval(pg_get_serial_sequence('search_documents', 'num')),`;
  const rows = docs.map(
    (d) => sql`(${keyOf(d.kind, d.id)}, ${d.kind}, ${d.id}, ${d.channelId}, ${d.title}, ${d.body}, ${vector(d.titleStems, d.bodyStems)})`,
  );
  return sql`insert into search_documents (key, kind, object_id, channel_id, title, body, tokens) values ${sql.join(rows)}
    on conflict (key) do update set ${renumber} channel_id = excluded.channel_id, title = excluded.title, body = excluded.body, tokens = excluded.tokens`;
}

/**
 * PostgreSQL: the index changes of a unit as common table expressions (`index_removed`, `index_written`)
 * of the one statement the unit ends with. No key is both removed and written.
 */
export function indexStatements(
  remove: ReadonlyArray<{ kind: SearchKind; id: string }>,
  write: readonly SearchDocument[],
): RawBuilder<unknown>[] {
  const ctes: RawBuilder<unknown>[] = [];
  if (remove.length)
    ctes.push(sql`index_removed as (delete from search_documents where key in (${sql.join(remove.map((r) => keyOf(r.kind, r.id)))}))`);
  if (write.length) ctes.push(sql`index_written as (${upsertDocuments(write, false)})`);
  return ctes;
}

/**
 * Writes documents, replacing what the index held for them. `rebuilding`: into an index just cleared,
 * where nothing needs a new number (and the first migration writes before there is one).
 */
export async function writeDocuments(trx: Executor, engine: Engine, docs: readonly SearchDocument[], rebuilding = false): Promise<void> {
  if (!docs.length) return;
  if (engine === 'postgres') {
    await upsertDocuments(docs, rebuilding).execute(trx);
    return;
  }
  const keys = docs.map((d) => keyOf(d.kind, d.id));
  await sql`delete from search_fts where rowid in (select num from search_documents where key in (${sql.join(keys)}))`.execute(trx);
  await trx.deleteFrom('search_documents').where('key', 'in', keys).execute();
  const rows = docs.map((d) => sql`(${keyOf(d.kind, d.id)}, ${d.kind}, ${d.id}, ${d.channelId}, ${d.title}, ${d.body})`);
  const nums = await sql<{ num: number; key: string }>`insert into search_documents (key, kind, object_id, channel_id, title, body)
    values ${sql.join(rows)} returning num, key`.execute(trx);
  const byKey = new Map(docs.map((d) => [keyOf(d.kind, d.id), d]));
  const fts = nums.rows.map((r) => {
    const d = byKey.get(r.key)!;
    return sql`(${r.num}, ${joined(d.titleStems)}, ${joined(d.bodyStems)})`;
  });
  await sql`insert into search_fts (rowid, title, body) values ${sql.join(fts)}`.execute(trx);
}

export async function clearIndex(trx: Executor, engine: Engine): Promise<void> {
  if (engine === 'sqlite') await sql`delete from search_fts`.execute(trx);
  await trx.deleteFrom('search_documents').execute();
}

/** Channels that hold anything searchable (a deleted task's too, which only costs a question): the candidates for the caller's membership check. */
export async function channelsWithItems(db: Executor): Promise<string[]> {
  const rows = await sql<{ v: string }>`${distinctOf('tasks', 'channel_id')}
    union ${distinctOf('decisions', 'source_channel_id')}
    union ${distinctOf('decision_channels', 'channel_id')}
    union ${distinctOf('asset_channels', 'channel_id')}`.execute(db);
  return rows.rows.map((r) => r.v);
}

export interface SearchFilter {
  stems: readonly string[];
  /** Per kind, the channels whose members may see items of that kind: decided by the access policy. */
  channels: Record<SearchKind, readonly string[]>;
  kind?: SearchKind;
  projectId?: string;
  status?: string;
  offset: number;
  limit: number;
}

export interface SearchRow {
  kind: SearchKind;
  object_id: string;
  title: string;
  body: string;
}

const STATUSES: Record<SearchKind, readonly string[]> = {
  task: TASK_STATUSES,
  decision: DECISION_STATUSES,
  asset: [],
  version: VERSION_STATES,
};

/** The matching documents the caller may see, best first. Visibility, project and status are read from the items themselves. */
export async function searchDocuments(db: Executor, engine: Engine, f: SearchFilter): Promise<SearchRow[]> {
  const kinds = (f.kind ? [f.kind] : (Object.keys(STATUSES) as SearchKind[])).filter(
    (k) => f.channels[k].length && (!f.status || STATUSES[k].includes(f.status)),
  );
  if (!kinds.length || !f.stems.length) return [];
  const among = (column: string, kind: SearchKind): RawBuilder<unknown> =>
    engine === 'postgres'
      ? sql`${sql.ref(column)} = any(${[...f.channels[kind]]}::text[])`
      : sql`${sql.ref(column)} in (select value from json_each(${JSON.stringify(f.channels[kind])}))`;
  const project = (column: string) => (f.projectId ? sql`and ${sql.ref(column)} = ${f.projectId}` : sql``);
  const status = (column: string) => (f.status ? sql`and ${sql.ref(column)} = ${f.status}` : sql``);
  const clause: Record<SearchKind, () => RawBuilder<unknown>> = {
    // A task's channel is in the index (it never moves); the task itself is read only for a filter.
    task: () =>
      f.status || f.projectId
        ? sql`(d.kind = 'task' and ${among('d.channel_id', 'task')} and exists (select 1 from tasks t where t.id = d.object_id
          and t.deleted_at is null ${project('t.project_id')} ${status('t.status')}))`
        : sql`(d.kind = 'task' and ${among('d.channel_id', 'task')})`,
    decision: () => sql`(d.kind = 'decision' and exists (select 1 from decisions x where x.id = d.object_id
      ${project('x.project_id')} ${status('x.status')}
      and (${among('x.source_channel_id', 'decision')}
        or exists (select 1 from decision_channels dc where dc.decision_id = x.id and ${among('dc.channel_id', 'decision')}))))`,
    asset: () => sql`(d.kind = 'asset' and exists (select 1 from assets a where a.id = d.object_id ${project('a.project_id')}
      and exists (select 1 from asset_channels ac where ac.asset_id = a.id and ${among('ac.channel_id', 'asset')})))`,
    version: () => sql`(d.kind = 'version' and exists (select 1 from asset_versions v join assets a on a.id = v.asset_id
      where v.id = d.object_id ${project('a.project_id')} ${status('v.state')}
      and exists (select 1 from asset_channels ac where ac.asset_id = a.id and ${among('ac.channel_id', 'version')})))`,
  };
  const visible = sql.join(
    kinds.map((k) => clause[k]()),
    sql` or `,
  );
  // Ranking reads every candidate's text, so only the newest RANKED visible matches (by write order,
  // `num`, the same on both engines) are ranked: a word in most documents costs RANKED rows, not all.
  if (engine === 'postgres') {
    // Each stem is letters and digits only (see search.text.ts), quoted as a lexeme: no tsquery syntax reaches the parser.
    const query = sql`${f.stems.map((s) => `'${s}':*`).join(' & ')}::tsquery`;
    const newest = (window: RawBuilder<unknown>) => sql<{ key: string }>`select d.key from search_documents d
      where d.tokens @@ ${query} and (${visible}) ${window} order by d.num desc limit ${RANKED}`;
    // The planner cannot tell a common word from a rare one, and reads every match of the index: the
    // newest writes are tried first, and the whole index only when they hold too few matches.
    let keys = (await newest(sql`and d.num > (select max(num) from search_documents) - ${RANKED * WINDOW}`).execute(db)).rows;
    if (keys.length < RANKED) keys = (await newest(sql``).execute(db)).rows;
    if (!keys.length) return [];
    const rows = await sql<SearchRow>`select d.kind, d.object_id, d.title, d.body from search_documents d
      where d.key = any(${keys.map((k) => k.key)}::text[])
      order by ts_rank(d.tokens, ${query}) desc, d.key
      limit ${f.limit} offset ${f.offset}`.execute(db);
    return rows.rows;
  }
  // FTS5: each stem as a quoted prefix phrase; the words are ANDed. It walks its matches newest first
  // and stops at the RANKED-th visible one: only rows from there on are ranked.
  const match = f.stems.map((s) => `"${s}"*`).join(' ');
  const rows = await sql<SearchRow>`select d.kind, d.object_id, d.title, d.body
    from search_fts join search_documents d on d.num = search_fts.rowid
    where search_fts match ${match} and (${visible})
      and search_fts.rowid >= (select min(num) from (select d.num from search_fts join search_documents d on d.num = search_fts.rowid
        where search_fts match ${match} and (${visible}) order by search_fts.rowid desc limit ${RANKED}))
    order by bm25(search_fts, 4.0, 1.0), d.key
    limit ${f.limit} offset ${f.offset}`.execute(db);
  return rows.rows;
}

/** What a hit shows of its item besides the text: where it lives, its state, its source. */
export interface HitFacts {
  projectId: string | null;
  channelIds: string[];
  status: string | null;
  assetId: string | null;
  sourceChannelId: string | null;
  sourcePostId: string | null;
  permalink: string | null;
}

export async function hitFacts(db: Executor, rows: readonly SearchRow[]): Promise<Map<string, HitFacts>> {
  const ids = (k: SearchKind) => rows.filter((r) => r.kind === k).map((r) => r.object_id);
  const out = new Map<string, HitFacts>();
  const [tasks, decisions, assets, versions] = [ids('task'), ids('decision'), ids('asset'), ids('version')];
  if (tasks.length) {
    const found = await db
      .selectFrom('tasks')
      .select(['id', 'project_id', 'channel_id', 'status', 'source_post_id', 'permalink'])
      .where('id', 'in', tasks)
      .where('deleted_at', 'is', null)
      .execute();
    for (const t of found) {
      out.set(keyOf('task', t.id), {
        projectId: t.project_id,
        channelIds: [t.channel_id],
        status: t.status,
        assetId: null,
        sourceChannelId: t.channel_id,
        sourcePostId: t.source_post_id,
        permalink: t.permalink,
      });
    }
  }
  if (decisions.length) {
    const [found, applied] = await Promise.all([
      db
        .selectFrom('decisions')
        .select(['id', 'project_id', 'status', 'source_channel_id', 'source_post_id', 'permalink'])
        .where('id', 'in', decisions)
        .execute(),
      db.selectFrom('decision_channels').select(['decision_id', 'channel_id']).where('decision_id', 'in', decisions).execute(),
    ]);
    for (const d of found) {
      const channels = applied.filter((a) => a.decision_id === d.id).map((a) => a.channel_id);
      out.set(keyOf('decision', d.id), {
        projectId: d.project_id,
        channelIds: unique([d.source_channel_id, ...channels]),
        status: d.status,
        assetId: null,
        sourceChannelId: d.source_channel_id,
        sourcePostId: d.source_post_id,
        permalink: d.permalink,
      });
    }
  }
  const versionRows = versions.length
    ? await db.selectFrom('asset_versions').select(['id', 'asset_id', 'state', 'source_post_id']).where('id', 'in', versions).execute()
    : [];
  const assetIds = unique([...assets, ...versionRows.map((v) => v.asset_id)]);
  if (assetIds.length) {
    const [found, shared] = await Promise.all([
      db.selectFrom('assets').select(['id', 'project_id']).where('id', 'in', assetIds).execute(),
      db.selectFrom('asset_channels').select(['asset_id', 'channel_id']).where('asset_id', 'in', assetIds).execute(),
    ]);
    const projectOf = new Map(found.map((a) => [a.id, a.project_id]));
    const channelsOf = (assetId: string) => shared.filter((s) => s.asset_id === assetId).map((s) => s.channel_id);
    const base = (assetId: string) => ({
      projectId: projectOf.get(assetId) ?? null,
      channelIds: channelsOf(assetId),
      assetId,
      sourceChannelId: null,
      permalink: null,
    });
    for (const a of found) out.set(keyOf('asset', a.id), { ...base(a.id), status: null, sourcePostId: null });
    for (const v of versionRows)
      if (projectOf.has(v.asset_id))
        out.set(keyOf('version', v.id), { ...base(v.asset_id), status: v.state, sourcePostId: v.source_post_id });
  }
  return out;
}

export const hitKey = (r: SearchRow) => keyOf(r.kind, r.object_id);
