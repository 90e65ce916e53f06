import { sql, type ExpressionBuilder, type Transaction } from 'kysely';
import type { Db, Engine } from '../db/database.js';
import { newestWithin } from '../db/newest.js';
import type { Database, DecisionLinkKind, DecisionsTable } from '../db/schema.js';
import { receiptsOf } from '../receipts/receipt.repository.js';
import { newId } from '../util/ids.js';
import type { DecisionFilter, DecisionHistoryEntry, DecisionQuote, StoredDecision } from './decision.types.js';

type Executor = Db | Transaction<Database>;

export const searchText = (statement: string, rationale: string): string => `${statement}\n${rationale}`.toLocaleLowerCase();

/** LIKE wildcards in user text are literal. */
const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => '\\' + c);

type Row = Omit<DecisionsTable, 'search_text'>;
export const COLUMNS = [
  'id',
  'project_id',
  'statement',
  'rationale',
  'status',
  'proposed_by',
  'recorded_by',
  'approver_id',
  'decided_by',
  'decided_at',
  'revoked_by',
  'revoked_at',
  'revoke_reason',
  'supersedes_id',
  'superseded_by_id',
  'source_channel_id',
  'source_post_id',
  'permalink',
  'source_text',
  'created_at',
  'updated_at',
  'version',
] as const satisfies readonly (keyof Row)[];

/** The rows and everything hanging off them, in one query per table for the whole page. */
export async function assemble(db: Executor, rows: Row[]): Promise<StoredDecision[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [channels, quotes, links, receipts] = await Promise.all([
    db
      .selectFrom('decision_channels')
      .select(['decision_id', 'channel_id'])
      .where('decision_id', 'in', ids)
      .orderBy('channel_id')
      .execute(),
    db.selectFrom('decision_quotes').selectAll().where('decision_id', 'in', ids).orderBy('position').execute(),
    db.selectFrom('decision_links').selectAll().where('decision_id', 'in', ids).orderBy('target_id').execute(),
    receiptsOf(db, 'decision', ids),
  ]);
  const group = <T extends { decision_id: string }>(items: T[]) => {
    const m = new Map<string, T[]>();
    for (const i of items) m.set(i.decision_id, [...(m.get(i.decision_id) ?? []), i]);
    return m;
  };
  const byChannel = group(channels);
  const byQuote = group(quotes);
  const byLink = group(links);
  return rows.map((r) => {
    const own = byLink.get(r.id) ?? [];
    return {
      ...r,
      version: Number(r.version),
      channel_ids: (byChannel.get(r.id) ?? []).map((c) => c.channel_id),
      quotes: (byQuote.get(r.id) ?? []).map((q) => ({
        post_id: q.post_id,
        user_id: q.user_id,
        message: q.message,
        created_at: q.created_at,
      })),
      task_ids: own.filter((l) => l.kind === 'task').map((l) => l.target_id),
      asset_version_ids: own.filter((l) => l.kind === 'asset_version').map((l) => l.target_id),
      receipts: receipts.get(r.id) ?? [],
    };
  });
}

export async function findDecision(db: Executor, id: string): Promise<StoredDecision | null> {
  const row = await db.selectFrom('decisions').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? ((await assemble(db, [row]))[0] ?? null) : null;
}

export async function insertDecision(trx: Executor, d: StoredDecision): Promise<void> {
  await trx
    .insertInto('decisions')
    .values({
      id: d.id,
      project_id: d.project_id,
      statement: d.statement,
      rationale: d.rationale,
      search_text: searchText(d.statement, d.rationale),
      status: d.status,
      proposed_by: d.proposed_by,
      recorded_by: d.recorded_by,
      approver_id: d.approver_id,
      decided_by: null,
      decided_at: null,
      revoked_by: null,
      revoked_at: null,
      revoke_reason: null,
      supersedes_id: d.supersedes_id,
      superseded_by_id: null,
      source_channel_id: d.source_channel_id,
      source_post_id: d.source_post_id,
      permalink: d.permalink,
      source_text: d.source_text,
      created_at: d.created_at,
      updated_at: d.updated_at,
      version: d.version,
    })
    .execute();
  await replaceChannels(trx, d.id, d.channel_ids);
  await replaceQuotes(trx, d.id, d.quotes);
  await replaceLinks(trx, d.id, 'task', d.task_ids);
  await replaceLinks(trx, d.id, 'asset_version', d.asset_version_ids);
}

export async function replaceChannels(trx: Executor, id: string, channelIds: readonly string[]): Promise<void> {
  await trx.deleteFrom('decision_channels').where('decision_id', '=', id).execute();
  if (channelIds.length)
    await trx
      .insertInto('decision_channels')
      .values(channelIds.map((c) => ({ decision_id: id, channel_id: c })))
      .execute();
}

export async function replaceQuotes(trx: Executor, id: string, quotes: readonly DecisionQuote[]): Promise<void> {
  await trx.deleteFrom('decision_quotes').where('decision_id', '=', id).execute();
  if (quotes.length)
    await trx
      .insertInto('decision_quotes')
      .values(quotes.map((q, position) => ({ decision_id: id, position, ...q })))
      .execute();
}

export async function replaceLinks(trx: Executor, id: string, kind: DecisionLinkKind, targets: readonly string[]): Promise<void> {
  await trx.deleteFrom('decision_links').where('decision_id', '=', id).where('kind', '=', kind).execute();
  if (targets.length)
    await trx
      .insertInto('decision_links')
      .values(targets.map((t) => ({ decision_id: id, kind, target_id: t })))
      .execute();
}

export async function addLink(trx: Executor, id: string, kind: DecisionLinkKind, target: string): Promise<void> {
  await trx
    .insertInto('decision_links')
    .values({ decision_id: id, kind, target_id: target })
    .onConflict((oc) => oc.columns(['decision_id', 'kind', 'target_id']).doNothing())
    .execute();
}

/** Changes scalar fields only if the decision is still at `version` and in `status`; false otherwise. */
export async function updateDecision(
  trx: Executor,
  id: string,
  expect: { version: number; status: StoredDecision['status'] },
  changes: Partial<Omit<Row, 'id' | 'version' | 'updated_at'>>,
  at: string,
): Promise<boolean> {
  const merged = { ...changes } as Partial<DecisionsTable>;
  if (changes.statement !== undefined || changes.rationale !== undefined) {
    const current = await trx.selectFrom('decisions').select(['statement', 'rationale']).where('id', '=', id).executeTakeFirst();
    if (current) merged.search_text = searchText(changes.statement ?? current.statement, changes.rationale ?? current.rationale);
  }
  const res = await trx
    .updateTable('decisions')
    .set({ ...merged, updated_at: at, version: expect.version + 1 })
    .where('id', '=', id)
    .where('version', '=', expect.version)
    .where('status', '=', expect.status)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** A decided decision becomes superseded by `byId`; false if it is no longer decided. */
export async function supersede(trx: Executor, id: string, byId: string, at: string): Promise<boolean> {
  const res = await trx
    .updateTable('decisions')
    .set({ status: 'superseded', superseded_by_id: byId, updated_at: at, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('status', '=', 'decided')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function listDecisions(db: Executor, engine: Engine, f: DecisionFilter): Promise<StoredDecision[]> {
  if (!f.channelIds.length) return [];
  const concerns = (channels: readonly string[]) => (eb: ExpressionBuilder<Database, 'decisions'>) =>
    eb.or([
      eb('source_channel_id', 'in', channels),
      eb('id', 'in', eb.selectFrom('decision_channels').select('decision_id').where('channel_id', 'in', channels)),
    ]);
  // Visible through one of the caller's channels and, when asked, concerning the one channel.
  let q = db.selectFrom('decisions').select(COLUMNS).where(concerns(f.channelIds));
  if (f.channelId) q = q.where(concerns([f.channelId]));
  if (f.status) q = q.where('status', '=', f.status);
  if (f.personId) {
    const p = f.personId;
    q = q.where((eb) => eb.or([eb('proposed_by', '=', p), eb('recorded_by', '=', p), eb('approver_id', '=', p), eb('decided_by', '=', p)]));
  }
  if (f.q) q = q.where(sql<boolean>`search_text like ${`%${likeEscape(f.q.toLocaleLowerCase())}%`} escape '\\'`);
  // A project's log is walked newest first along its own index.
  if (f.projectId) q = q.where(newestWithin(engine, 'project_id', f.projectId, f.before)).orderBy('project_id', 'desc');
  else if (f.before) q = q.where('id', '<', f.before);
  const rows = await q.orderBy('id', 'desc').limit(f.limit).execute();
  return assemble(db, rows);
}

/** Channels that hold decisions (as source or applied): the candidates for the membership check of a list. */
export async function channelsWithDecisions(db: Executor): Promise<string[]> {
  const [sources, applied] = await Promise.all([
    db.selectFrom('decisions').select('source_channel_id as channel_id').distinct().execute(),
    db.selectFrom('decision_channels').select('channel_id').distinct().execute(),
  ]);
  return [...new Set([...sources, ...applied].map((r) => r.channel_id))];
}

let lastHistoryId = '';
/** History ids in the order written: entries of one change (same millisecond) keep their order. */
function historyId(): string {
  let id = newId();
  if (id <= lastHistoryId) {
    const tail = (BigInt(`0x${lastHistoryId.slice(24)}`) + 1n).toString(16).padStart(12, '0').slice(-12);
    id = lastHistoryId.slice(0, 24) + tail;
  }
  lastHistoryId = id;
  return id;
}

export async function insertHistory(
  trx: Executor,
  e: { decisionId: string; actorId: string; action: DecisionHistoryEntry['action']; at: string } & Partial<
    Pick<DecisionHistoryEntry, 'field' | 'from' | 'to' | 'channel_id'>
  >,
): Promise<void> {
  await trx
    .insertInto('decision_history')
    .values({
      id: historyId(),
      decision_id: e.decisionId,
      actor_id: e.actorId,
      action: e.action,
      field: e.field ?? null,
      from_value: e.from ?? null,
      to_value: e.to ?? null,
      channel_id: e.channel_id ?? null,
      at: e.at,
    })
    .execute();
}

/**
 * A decision's history, newest first: `limit` entries older than `before` (an entry id), or the
 * newest. Entries the caller may not see are left out here, so a page is never short of them:
 * receipts of channels outside `channels`, and quote changes unless `quotes` is true.
 */
export async function listHistory(
  db: Executor,
  id: string,
  page: { before?: string; limit: number; channels: readonly string[]; quotes: boolean },
): Promise<DecisionHistoryEntry[]> {
  let q = db.selectFrom('decision_history').selectAll().where('decision_id', '=', id);
  q = q.where((eb) =>
    page.channels.length ? eb.or([eb('channel_id', 'is', null), eb('channel_id', 'in', page.channels)]) : eb('channel_id', 'is', null),
  );
  if (!page.quotes) q = q.where((eb) => eb.or([eb('field', 'is', null), eb('field', '!=', 'quote_post_ids')]));
  if (page.before) q = q.where('id', '<', page.before);
  const rows = await q.orderBy('id', 'desc').limit(page.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    decision_id: r.decision_id,
    actor_id: r.actor_id,
    action: r.action,
    field: r.field,
    from: r.from_value,
    to: r.to_value,
    channel_id: r.channel_id,
    at: r.at,
  }));
}

export async function recordCard(trx: Executor, decisionId: string, channelId: string, outboxId: string): Promise<void> {
  await trx.insertInto('decision_cards').values({ decision_id: decisionId, channel_id: channelId, outbox_id: outboxId }).execute();
}

export async function cardsOf(db: Executor, decisionId: string): Promise<Array<{ channel_id: string; outbox_id: string }>> {
  return db
    .selectFrom('decision_cards')
    .select(['channel_id', 'outbox_id'])
    .where('decision_id', '=', decisionId)
    .orderBy('channel_id')
    .execute();
}

/** The proposal card posted in the source channel when the decision was recorded. */
export async function recordProposalCard(trx: Executor, decisionId: string, channelId: string, outboxId: string): Promise<void> {
  await trx.insertInto('decision_proposal_cards').values({ decision_id: decisionId, channel_id: channelId, outbox_id: outboxId }).execute();
}

export async function proposalCardsOf(db: Executor, decisionId: string): Promise<Array<{ channel_id: string; outbox_id: string }>> {
  return db.selectFrom('decision_proposal_cards').select(['channel_id', 'outbox_id']).where('decision_id', '=', decisionId).execute();
}
