import type { SearchKind } from '@throughline/contract';
import type { Db, Engine } from '../db/database.js';
import type { NewEvent } from '../events/event.types.js';
import { clearIndex, removeDocument, writeDocuments, type Executor, type SearchDocument } from './search.repository.js';
import { stems } from './search.text.js';

/** An item whose text changed: the index is rewritten from the item as it now is. */
export interface SearchRef {
  kind: 'task' | 'decision' | 'asset';
  id: string;
  /**
   * A task's text as this unit wrote it, when its event carries the whole task: the index is written
   * from it without reading the row back. The unit keeps the last ref of each item, so a later change
   * marked without it reads the row.
   */
  text?: { title: string; description: string; channel_id: string };
}

const taskText = (t: { title: string; description: string; channel_id: string }) => ({
  title: t.title,
  description: t.description,
  channel_id: t.channel_id,
});

/** The items an event says changed in what search reads of them. */
export function refsOfEvent(e: NewEvent): SearchRef[] {
  switch (e.type) {
    case 'task.created':
      return [{ kind: 'task', id: e.payload.task.id, text: taskText(e.payload.task) }];
    case 'task.updated':
      return e.payload.fields.some((f) => f === 'title' || f === 'description')
        ? [{ kind: 'task', id: e.payload.task.id, text: taskText(e.payload.task) }]
        : [];
    case 'task.deleted':
      return [{ kind: 'task', id: e.payload.task_id }];
    case 'decision.recorded':
    case 'decision.updated':
      return [{ kind: 'decision', id: e.payload.decision_id }];
    case 'asset.version_added':
      return [{ kind: 'asset', id: e.payload.asset_id }];
    default:
      return [];
  }
}

export const document = (kind: SearchKind, id: string, title: string, body: string, channelId: string | null = null): SearchDocument => ({
  kind,
  id,
  title,
  body,
  titleStems: stems(title),
  bodyStems: stems(body),
  channelId,
});

const joinLines = (xs: string[]) => xs.join('\n');

/** What the index must now hold of items that changed: documents to write, and the items to take out. */
export interface IndexChanges {
  write: SearchDocument[];
  remove: Array<{ kind: SearchKind; id: string }>;
}

/** Reads the items behind `refs` as they now are in the caller's transaction (a deleted task leaves the index). */
export async function indexChanges(trx: Executor, refs: Iterable<SearchRef>): Promise<IndexChanges> {
  const changes: IndexChanges = { write: [], remove: [] };
  for (const ref of refs) {
    const docs = await documentsOf(trx, ref);
    if (docs) changes.write.push(...docs);
    else changes.remove.push({ kind: ref.kind, id: ref.id });
  }
  return changes;
}

/** Writes what `indexChanges` found, one statement at a time (on PostgreSQL a unit sends it as part of one: see indexStatements). */
export async function applyIndexChanges(trx: Executor, engine: Engine, changes: IndexChanges): Promise<void> {
  for (const r of changes.remove) await removeDocument(trx, engine, r.kind, r.id);
  await writeDocuments(trx, engine, changes.write);
}

/** The index entries of one item, or null when it is gone from search. */
async function documentsOf(trx: Executor, ref: SearchRef): Promise<SearchDocument[] | null> {
  if (ref.kind === 'task') {
    if (ref.text) return [document('task', ref.id, ref.text.title, ref.text.description, ref.text.channel_id)];
    const t = await trx
      .selectFrom('tasks')
      .select(['title', 'description', 'channel_id', 'deleted_at'])
      .where('id', '=', ref.id)
      .executeTakeFirst();
    return !t || t.deleted_at ? null : [document('task', ref.id, t.title, t.description, t.channel_id)];
  }
  if (ref.kind === 'decision') {
    const d = await trx.selectFrom('decisions').select(['statement', 'rationale']).where('id', '=', ref.id).executeTakeFirst();
    return d ? [document('decision', ref.id, d.statement, d.rationale)] : null;
  }
  const a = await trx.selectFrom('assets').select('name').where('id', '=', ref.id).executeTakeFirst();
  if (!a) return null;
  const versions = await trx
    .selectFrom('asset_versions')
    .select(['id', 'file_name'])
    .where('asset_id', '=', ref.id)
    .orderBy('number')
    .execute();
  return assetDocuments(ref.id, a.name, versions);
}

/** An asset is found by its name and its versions' file names; each version by its file name. */
function assetDocuments(id: string, name: string, versions: Array<{ id: string; file_name: string }>): SearchDocument[] {
  return [
    document('asset', id, name, joinLines(versions.map((v) => v.file_name))),
    ...versions.map((v) => document('version', v.id, v.file_name, '')),
  ];
}

const BATCH = 500;

/** Builds the whole index again from the items, in one transaction: searches meanwhile see the old index. Answers how many entries it wrote. */
export async function reindexAll(db: Db, engine: Engine): Promise<number> {
  return db.transaction().execute((trx) => rebuildIndex(trx, engine));
}

/** The index made anew from every item, in the caller's transaction (the migration's, or reindexAll's). */
export async function rebuildIndex(trx: Executor, engine: Engine): Promise<number> {
  {
    await clearIndex(trx, engine);
    let written = 0;
    const flush = async (docs: SearchDocument[]) => {
      for (let i = 0; i < docs.length; i += BATCH) await writeDocuments(trx, engine, docs.slice(i, i + BATCH), true);
      written += docs.length;
    };
    for (let after = ''; ;) {
      const rows = await trx
        .selectFrom('tasks')
        .select(['id', 'title', 'description', 'channel_id'])
        .where('deleted_at', 'is', null)
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .execute();
      await flush(rows.map((t) => document('task', t.id, t.title, t.description, t.channel_id)));
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1]!.id;
    }
    for (let after = ''; ;) {
      const rows = await trx
        .selectFrom('decisions')
        .select(['id', 'statement', 'rationale'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .execute();
      await flush(rows.map((d) => document('decision', d.id, d.statement, d.rationale)));
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1]!.id;
    }
    for (let after = ''; ;) {
      const assets = await trx.selectFrom('assets').select(['id', 'name']).where('id', '>', after).orderBy('id').limit(BATCH).execute();
      if (assets.length) {
        const versions = await trx
          .selectFrom('asset_versions')
          .select(['id', 'asset_id', 'file_name'])
          .where(
            'asset_id',
            'in',
            assets.map((a) => a.id),
          )
          .orderBy('number')
          .execute();
        await flush(
          assets.flatMap((a) =>
            assetDocuments(
              a.id,
              a.name,
              versions.filter((v) => v.asset_id === a.id),
            ),
          ),
        );
      }
      if (assets.length < BATCH) break;
      after = assets[assets.length - 1]!.id;
    }
    return written;
  }
}
