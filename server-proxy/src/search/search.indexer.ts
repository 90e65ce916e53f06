import type { SearchKind } from '@throughline/contract';
import type { Db, Engine } from '../db/database.js';
import type { NewEvent } from '../events/event.types.js';
import { clearIndex, removeDocument, writeDocuments, type Executor, type SearchDocument } from './search.repository.js';
import { stems } from './search.text.js';

/** An item whose text changed: the index is rewritten from the item as it now is. */
export interface SearchRef {
  kind: 'task' | 'decision' | 'asset';
  id: string;
}

/** The items an event says changed in what search reads of them. */
export function refsOfEvent(e: NewEvent): SearchRef[] {
  switch (e.type) {
    case 'task.created':
      return [{ kind: 'task', id: e.payload.task.id }];
    case 'task.updated':
      return e.payload.fields.some((f) => f === 'title' || f === 'description') ? [{ kind: 'task', id: e.payload.task.id }] : [];
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

/** Rewrites the index entries of one item from its rows, in the caller's transaction (a deleted task leaves the index). */
export async function reindex(trx: Executor, engine: Engine, ref: SearchRef): Promise<void> {
  if (ref.kind === 'task') {
    const t = await trx
      .selectFrom('tasks')
      .select(['title', 'description', 'channel_id', 'deleted_at'])
      .where('id', '=', ref.id)
      .executeTakeFirst();
    if (!t || t.deleted_at) return removeDocument(trx, engine, 'task', ref.id);
    return writeDocuments(trx, engine, [document('task', ref.id, t.title, t.description, t.channel_id)]);
  }
  if (ref.kind === 'decision') {
    const d = await trx.selectFrom('decisions').select(['statement', 'rationale']).where('id', '=', ref.id).executeTakeFirst();
    if (!d) return removeDocument(trx, engine, 'decision', ref.id);
    return writeDocuments(trx, engine, [document('decision', ref.id, d.statement, d.rationale)]);
  }
  const a = await trx.selectFrom('assets').select('name').where('id', '=', ref.id).executeTakeFirst();
  if (!a) return removeDocument(trx, engine, 'asset', ref.id);
  const versions = await trx
    .selectFrom('asset_versions')
    .select(['id', 'file_name'])
    .where('asset_id', '=', ref.id)
    .orderBy('number')
    .execute();
  await writeDocuments(trx, engine, assetDocuments(ref.id, a.name, versions));
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
      for (let i = 0; i < docs.length; i += BATCH) await writeDocuments(trx, engine, docs.slice(i, i + BATCH));
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
