import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import {
  OPEN_STATUSES,
  type MyWorkTaskGroup,
  type OwedReceipt,
  type Task,
  type WaitingDecision,
  type WaitingVersion,
} from '@throughline/contract';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { TASK_COLUMNS, toTask } from '../tasks/task.repository.js';

/** One page of a section: offset rows skipped, at most limit + 1 read (the extra one only says there is more). */
export interface Slice {
  offset: number;
  limit: number;
}

/** The group boundaries as stored strings (due dates are ISO 8601 UTC, compared as text on both engines). */
export interface Bounds {
  now: string;
  tomorrow: string;
  weekEnd: string;
}

const open = [...OPEN_STATUSES];
const page = <DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>, s: Slice) => q.offset(s.offset).limit(s.limit + 1);

/**
 * Channels where something may wait for the caller: every project channel, and the channels of
 * their open tasks and of decisions naming them. The membership check runs on these only.
 */
export async function candidateChannels(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('project_channels')
    .select('channel_id')
    .union(
      db
        .selectFrom('tasks')
        .select('channel_id')
        .where('assignee_id', '=', userId)
        .where('deleted_at', 'is', null)
        .where('status', 'in', open),
    )
    .union(
      db
        .selectFrom('decisions')
        .select('source_channel_id as channel_id')
        .where('approver_id', '=', userId)
        .where('status', '=', 'proposed'),
    )
    .execute();
  return rows.map((r) => r.channel_id);
}

const assigned = (db: Db, userId: string, channels: readonly string[]) =>
  db
    .selectFrom('tasks')
    .where('assignee_id', '=', userId)
    .where('deleted_at', 'is', null)
    .where('status', 'in', open)
    .where('channel_id', 'in', channels);

const inGroup = (group: MyWorkTaskGroup, b: Bounds) => (eb: ExpressionBuilder<Database, 'tasks'>) => {
  switch (group) {
    case 'overdue':
      return eb('due_at', '<', b.now);
    case 'today':
      return eb.and([eb('due_at', '>=', b.now), eb('due_at', '<', b.tomorrow)]);
    case 'this_week':
      return eb.and([eb('due_at', '>=', b.tomorrow), eb('due_at', '<', b.weekEnd)]);
    case 'later':
      return eb.or([eb('due_at', '>=', b.weekEnd), eb('due_at', 'is', null)]);
  }
};

/** Soonest due first; tasks without a due date last (SQLite and PostgreSQL place nulls differently unless told). */
const dueOrder = sql`case when due_at is null then 1 else 0 end`;

export async function assignedTasks(
  db: Db,
  userId: string,
  channels: readonly string[],
  group: MyWorkTaskGroup,
  b: Bounds,
  s: Slice,
): Promise<Task[]> {
  if (!channels.length) return [];
  const rows = await page(
    assigned(db, userId, channels).select(TASK_COLUMNS).where(inGroup(group, b)).orderBy(dueOrder).orderBy('due_at').orderBy('id'),
    s,
  ).execute();
  return rows.map(toTask);
}

/** How many of the caller's open tasks fall in each group: one pass over their tasks. */
export async function assignedCounts(
  db: Db,
  userId: string,
  channels: readonly string[],
  b: Bounds,
): Promise<Record<MyWorkTaskGroup, number>> {
  if (!channels.length) return { overdue: 0, today: 0, this_week: 0, later: 0 };
  const when = (group: Exclude<MyWorkTaskGroup, 'later'>) => (eb: ExpressionBuilder<Database, 'tasks'>) =>
    eb.fn.sum<number | string | null>(eb.case().when(inGroup(group, b)(eb)).then(1).else(0).end());
  const r = await assigned(db, userId, channels)
    .select((eb) => [
      eb.fn.countAll<number | string>().as('total'),
      when('overdue')(eb).as('overdue'),
      when('today')(eb).as('today'),
      when('this_week')(eb).as('this_week'),
    ])
    .executeTakeFirstOrThrow();
  const overdue = Number(r.overdue ?? 0);
  const today = Number(r.today ?? 0);
  const thisWeek = Number(r.this_week ?? 0);
  return { overdue, today, this_week: thisWeek, later: Number(r.total) - overdue - today - thisWeek };
}

const rolloutChildren = (db: Db, channels: readonly string[]) =>
  db
    .selectFrom('rollout_channels as rc')
    .innerJoin('tasks', 'tasks.id', 'rc.task_id')
    .where('rc.channel_id', 'in', channels)
    .where('tasks.deleted_at', 'is', null)
    .where('tasks.status', 'in', open);

export async function rolloutTasks(db: Db, channels: readonly string[], s: Slice): Promise<Task[]> {
  if (!channels.length) return [];
  const rows = await page(
    rolloutChildren(db, channels)
      .select(TASK_COLUMNS.map((c) => `tasks.${c}` as const))
      .orderBy(dueOrder)
      .orderBy('tasks.due_at')
      .orderBy('tasks.id'),
    s,
  ).execute();
  return rows.map(toTask);
}

const counted = async (q: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }): Promise<number> =>
  Number((await q.executeTakeFirstOrThrow()).n);
const n = <T>(eb: ExpressionBuilder<T, keyof T>) => eb.fn.countAll<number | string>().as('n');

export const rolloutCount = (db: Db, channels: readonly string[]) =>
  channels.length ? counted(rolloutChildren(db, channels).select(n)) : 0;

const decisionsFor = (db: Db, userId: string, channels: readonly string[]) =>
  db.selectFrom('decisions').where('status', '=', 'proposed').where('approver_id', '=', userId).where('source_channel_id', 'in', channels);

export async function waitingDecisions(db: Db, userId: string, channels: readonly string[], s: Slice): Promise<WaitingDecision[]> {
  if (!channels.length) return [];
  return page(
    decisionsFor(db, userId, channels)
      .select(['id', 'project_id', 'statement', 'source_channel_id', 'proposed_by', 'created_at'])
      .orderBy('created_at')
      .orderBy('id'),
    s,
  ).execute();
}

export const decisionCount = (db: Db, userId: string, channels: readonly string[]) =>
  channels.length ? counted(decisionsFor(db, userId, channels).select(n)) : 0;

const proposedVersions = (db: Db, channels: readonly string[]) =>
  db
    .selectFrom('asset_versions as v')
    .innerJoin('assets as a', 'a.id', 'v.asset_id')
    .where('v.state', '=', 'proposed')
    .where('v.asset_id', 'in', db.selectFrom('asset_channels').select('asset_id').where('channel_id', 'in', channels));

export async function waitingVersions(db: Db, channels: readonly string[], s: Slice): Promise<WaitingVersion[]> {
  if (!channels.length) return [];
  const rows = await page(
    proposedVersions(db, channels)
      .select((eb) => [
        'v.id',
        'v.asset_id',
        'a.name as asset_name',
        'a.project_id',
        'v.number',
        'v.file_name',
        'v.added_by',
        'v.added_at',
        eb
          .selectFrom('asset_channels as ac')
          .select((e) => e.fn.min('ac.channel_id').as('c'))
          .whereRef('ac.asset_id', '=', 'v.asset_id')
          .where('ac.channel_id', 'in', channels)
          .as('channel_id'),
      ])
      .orderBy('v.added_at')
      .orderBy('v.id'),
    s,
  ).execute();
  return rows.map((r) => ({ ...r, number: Number(r.number), channel_id: r.channel_id! }));
}

export const versionCount = (db: Db, channels: readonly string[]) =>
  channels.length ? counted(proposedVersions(db, channels).select(n)) : 0;

/**
 * Receipts still open in the caller's channels for what is current: the approved version of an
 * asset still shared with the channel, a decided decision still applying to it.
 */
const owed = (db: Db, channels: readonly string[]) =>
  db
    .selectFrom('asset_versions as v')
    .innerJoin('assets as a', 'a.id', 'v.asset_id')
    .innerJoin('receipts as r', (j) => j.on('r.subject_kind', '=', 'asset_version').onRef('r.subject_id', '=', 'v.id'))
    .where('v.state', '=', 'approved')
    .where('r.confirmed_at', 'is', null)
    .where('r.channel_id', 'in', channels)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('asset_channels as ac')
          .select('ac.asset_id')
          .whereRef('ac.asset_id', '=', 'v.asset_id')
          .whereRef('ac.channel_id', '=', 'r.channel_id'),
      ),
    )
    .select([
      sql<OwedReceipt['kind']>`'asset_version'`.as('kind'),
      'r.subject_id',
      'r.channel_id',
      'a.project_id',
      'a.name as title',
      sql<string | null>`a.id`.as('asset_id'),
      sql<number | null>`v.number`.as('number'),
      'v.decided_at as since',
    ])
    .unionAll(
      db
        .selectFrom('decisions as d')
        .innerJoin('receipts as r', (j) => j.on('r.subject_kind', '=', 'decision').onRef('r.subject_id', '=', 'd.id'))
        .where('d.status', '=', 'decided')
        .where('r.confirmed_at', 'is', null)
        .where('r.channel_id', 'in', channels)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('decision_channels as dc')
              .select('dc.decision_id')
              .whereRef('dc.decision_id', '=', 'd.id')
              .whereRef('dc.channel_id', '=', 'r.channel_id'),
          ),
        )
        .select([
          sql<OwedReceipt['kind']>`'decision'`.as('kind'),
          'r.subject_id',
          'r.channel_id',
          'd.project_id',
          'd.statement as title',
          sql<string | null>`null`.as('asset_id'),
          sql<number | null>`null`.as('number'),
          'd.decided_at as since',
        ]),
    );

export async function owedReceipts(db: Db, channels: readonly string[], s: Slice): Promise<OwedReceipt[]> {
  if (!channels.length) return [];
  const rows = await db
    .selectFrom(owed(db, channels).as('o'))
    .selectAll()
    .orderBy('since')
    .orderBy('subject_id')
    .orderBy('channel_id')
    .offset(s.offset)
    .limit(s.limit + 1)
    .execute();
  return rows.map((r) => ({ ...r, number: r.number === null ? null : Number(r.number) }));
}

export const receiptCount = (db: Db, channels: readonly string[]) =>
  channels.length ? counted(db.selectFrom(owed(db, channels).as('o')).select(n)) : 0;
