import type { Selectable, Transaction } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { DigestAudienceKind, DigestTrigger, DigestsTable } from './digest.types.js';

type Executor = Db | Transaction<Database>;

export interface Window {
  start: string;
  end: string;
}

export interface ScheduleRow {
  id: string;
  name: string;
  home_channel_id: string;
  time_zone: string | null;
  digest_weekday: number;
  digest_time: string;
  stalled_days: number;
}

const scheduleColumns = ['id', 'name', 'home_channel_id', 'time_zone', 'digest_weekday', 'digest_time', 'stalled_days'] as const;

export async function findSchedule(db: Executor, projectId: string): Promise<ScheduleRow | null> {
  return (await db.selectFrom('projects').select(scheduleColumns).where('id', '=', projectId).executeTakeFirst()) ?? null;
}

export async function allSchedules(db: Executor): Promise<ScheduleRow[]> {
  return db.selectFrom('projects').select(scheduleColumns).orderBy('id').execute();
}

export async function updateSchedule(
  db: Executor,
  projectId: string,
  s: { time_zone: string; digest_weekday: number; digest_time: string; stalled_days: number },
): Promise<void> {
  await db.updateTable('projects').set(s).where('id', '=', projectId).execute();
}

export async function projectChannelIds(db: Executor, projectId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('project_channels')
    .select('channel_id')
    .where('project_id', '=', projectId)
    .orderBy('channel_id')
    .execute();
  return rows.map((r) => r.channel_id);
}

// ---- subscriptions

export async function isSubscribed(db: Executor, projectId: string, userId: string): Promise<boolean> {
  return Boolean(
    await db
      .selectFrom('digest_subscriptions')
      .select('user_id')
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .executeTakeFirst(),
  );
}

export async function subscribe(db: Executor, projectId: string, userId: string, at: string): Promise<void> {
  await db
    .insertInto('digest_subscriptions')
    .values({ project_id: projectId, user_id: userId, created_at: at })
    .onConflict((oc) => oc.columns(['project_id', 'user_id']).doNothing())
    .execute();
}

export async function unsubscribe(db: Executor, projectId: string, userId: string): Promise<void> {
  await db.deleteFrom('digest_subscriptions').where('project_id', '=', projectId).where('user_id', '=', userId).execute();
}

export async function subscribers(db: Executor, projectId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('digest_subscriptions')
    .select('user_id')
    .where('project_id', '=', projectId)
    .orderBy('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

// ---- stored digests

export type DigestRow = Selectable<DigestsTable>;

export interface DigestKey {
  project_id: string;
  slot: string;
  trigger: DigestTrigger;
  audience_kind: DigestAudienceKind;
  audience_id: string;
}

export async function findByKey(db: Executor, k: DigestKey): Promise<DigestRow | null> {
  return (
    (await db
      .selectFrom('digests')
      .selectAll()
      .where('project_id', '=', k.project_id)
      .where('slot', '=', k.slot)
      .where('trigger', '=', k.trigger)
      .where('audience_kind', '=', k.audience_kind)
      .where('audience_id', '=', k.audience_id)
      .executeTakeFirst()) ?? null
  );
}

/** Stores a digest unless one for its key is stored already: true when this call stored it (and so delivers it). */
export async function claimDigest(trx: Executor, row: DigestRow): Promise<boolean> {
  const r = await trx
    .insertInto('digests')
    .values(row)
    .onConflict((oc) => oc.columns(['project_id', 'slot', 'trigger', 'audience_kind', 'audience_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function setOutbox(trx: Executor, id: string, outboxId: string): Promise<void> {
  await trx.updateTable('digests').set({ outbox_id: outboxId }).where('id', '=', id).execute();
}

export async function findDigest(db: Executor, id: string): Promise<(DigestRow & { post_id: string | null }) | null> {
  const row = await db
    .selectFrom('digests')
    .leftJoin('outbox', 'outbox.id', 'digests.outbox_id')
    .selectAll('digests')
    .select('outbox.result_post_id as post_id')
    .where('digests.id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

/** The digests of a project addressed to one person or to any of some channels, newest first. */
export async function listDigests(
  db: Executor,
  projectId: string,
  userId: string,
  channelIds: readonly string[],
  limit: number,
): Promise<Array<Omit<DigestRow, 'markdown'>>> {
  return db
    .selectFrom('digests')
    .select([
      'id',
      'project_id',
      'slot',
      'window_start',
      'trigger',
      'audience_kind',
      'audience_id',
      'locale',
      'content',
      'created_at',
      'outbox_id',
    ])
    .where('project_id', '=', projectId)
    .where((eb) =>
      eb.or([
        eb.and([eb('audience_kind', '=', 'user'), eb('audience_id', '=', userId)]),
        ...(channelIds.length ? [eb.and([eb('audience_kind', '=', 'channel'), eb('audience_id', 'in', channelIds)])] : []),
      ]),
    )
    .orderBy('slot', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
