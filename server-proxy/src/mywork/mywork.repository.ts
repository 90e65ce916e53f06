import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import {
  MY_WORK_TASK_GROUPS,
  OPEN_STATUSES,
  type MyWorkTaskGroup,
  type OwedReceipt,
  type Task,
  type WaitingDecision,
  type WaitingVersion,
} from '@throughline/contract';
import type { Db } from '../db/database.js';
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

/** A section's rows (one page, or none when the page was not asked for) and how many there are in all. */
export interface Counted<T> {
  rows: T[];
  total: number;
}

/** How many rows the query finds, counted by the database in the same pass as the page it reads. */
const TOTAL = sql<number | string>`count(*) over ()`.as('total');
const n = <T>(eb: ExpressionBuilder<T, keyof T>) => eb.fn.countAll<number | string>().as('n');
const counted = async (q: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }): Promise<number> =>
  Number((await q.executeTakeFirstOrThrow()).n);

/** A page and its count in one query; counted apart only when no page is asked for, or the page lies past the end. */
async function countedPage<R extends { total: number | string }, T>(
  channels: readonly string[],
  s: Slice | null,
  read: (s: Slice) => Promise<R[]>,
  count: () => Promise<number>,
  map: (r: R) => T,
): Promise<Counted<T>> {
  if (!channels.length) return { rows: [], total: 0 };
  if (!s) return { rows: [], total: await count() };
  const rows = await read(s);
  if (!rows.length) return { rows: [], total: s.offset ? await count() : 0 };
  return { rows: rows.map(map), total: Number(rows[0]!.total) };
}

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

/** The group a task's due date falls in; undated tasks are later. */
const groupOf = (b: Bounds) =>
  sql<MyWorkTaskGroup>`case when due_at < ${b.now} then 'overdue' when due_at < ${b.tomorrow} then 'today' when due_at < ${b.weekEnd} then 'this_week' else 'later' end`;

/** Soonest due first; tasks without a due date last (SQLite and PostgreSQL place nulls differently unless told). */
const DUE_ORDER = sql`case when due_at is null then 1 else 0 end, due_at, id`;

/**
 * The caller's open tasks, grouped, in one pass over their tasks: each group's count and the page
 * of each group asked for (`slices`), ranked within its group by a window function.
 */
export async function assignedGroups(
  db: Db,
  userId: string,
  channels: readonly string[],
  b: Bounds,
  slices: Partial<Record<MyWorkTaskGroup, Slice>>,
): Promise<Record<MyWorkTaskGroup, Counted<Task>>> {
  const out = {} as Record<MyWorkTaskGroup, Counted<Task>>;
  for (const g of MY_WORK_TASK_GROUPS) out[g] = { rows: [], total: 0 };
  if (!channels.length) return out;
  // Ranked on the narrow columns alone; only the rows kept are read in full.
  const grouped = assigned(db, userId, channels).select(['id', 'due_at', groupOf(b).as('grp')]);
  const ranked = db
    .selectFrom(grouped.as('g'))
    .select([
      'id',
      'grp',
      sql<number | string>`row_number() over (partition by grp order by ${DUE_ORDER})`.as('rn'),
      sql<number | string>`count(*) over (partition by grp)`.as('total'),
    ]);
  const asked = Object.entries(slices) as Array<[MyWorkTaskGroup, Slice]>;
  const rows = await db
    .selectFrom(ranked.as('r'))
    .innerJoin('tasks', 'tasks.id', 'r.id')
    .select([...TASK_COLUMNS.map((c) => `tasks.${c}` as const), 'r.grp', 'r.rn', 'r.total'])
    .where((eb) =>
      eb.or([
        // The first of every group carries its count.
        eb('r.rn', '=', 1),
        ...asked.map(([g, sl]) => eb.and([eb('r.grp', '=', g), eb('r.rn', '>', sl.offset), eb('r.rn', '<=', sl.offset + sl.limit + 1)])),
      ]),
    )
    .execute();
  rows.sort((x, y) => Number(x.rn) - Number(y.rn));
  for (const r of rows) {
    const group = out[r.grp];
    group.total = Number(r.total);
    const sl = slices[r.grp];
    if (sl && Number(r.rn) > sl.offset) group.rows.push(toTask(r));
  }
  return out;
}

const rolloutChildren = (db: Db, channels: readonly string[]) =>
  db
    .selectFrom('rollout_channels as rc')
    .innerJoin('tasks', 'tasks.id', 'rc.task_id')
    .where('rc.channel_id', 'in', channels)
    .where('tasks.deleted_at', 'is', null)
    .where('tasks.status', 'in', open);

export const rolloutTasks = (db: Db, channels: readonly string[], s: Slice | null): Promise<Counted<Task>> =>
  countedPage(
    channels,
    s,
    (sl) => {
      // The page is picked on the narrow columns; only its rows are read in full.
      const picked = page(
        rolloutChildren(db, channels)
          .select(['tasks.id', 'tasks.due_at', TOTAL])
          .orderBy(sql`case when tasks.due_at is null then 1 else 0 end`)
          .orderBy('tasks.due_at')
          .orderBy('tasks.id'),
        sl,
      );
      return db
        .selectFrom(picked.as('p'))
        .innerJoin('tasks', 'tasks.id', 'p.id')
        .select([...TASK_COLUMNS.map((c) => `tasks.${c}` as const), 'p.total'])
        .orderBy(sql`case when p.due_at is null then 1 else 0 end`)
        .orderBy('p.due_at')
        .orderBy('p.id')
        .execute();
    },
    () => counted(rolloutChildren(db, channels).select(n)),
    (r) => toTask(r),
  );

const decisionsFor = (db: Db, userId: string, channels: readonly string[]) =>
  db.selectFrom('decisions').where('status', '=', 'proposed').where('approver_id', '=', userId).where('source_channel_id', 'in', channels);

export const waitingDecisions = (db: Db, userId: string, channels: readonly string[], s: Slice | null): Promise<Counted<WaitingDecision>> =>
  countedPage(
    channels,
    s,
    (sl) =>
      page(
        decisionsFor(db, userId, channels)
          .select(['id', 'project_id', 'statement', 'source_channel_id', 'proposed_by', 'created_at', TOTAL])
          .orderBy('created_at')
          .orderBy('id'),
        sl,
      ).execute(),
    () => counted(decisionsFor(db, userId, channels).select(n)),
    ({ total: _, ...d }) => d,
  );

const proposedVersions = (db: Db, channels: readonly string[]) =>
  db
    .selectFrom('asset_versions as v')
    .innerJoin('assets as a', 'a.id', 'v.asset_id')
    .where('v.state', '=', 'proposed')
    .where('v.asset_id', 'in', db.selectFrom('asset_channels').select('asset_id').where('channel_id', 'in', channels));

export const waitingVersions = (db: Db, channels: readonly string[], s: Slice | null): Promise<Counted<WaitingVersion>> =>
  countedPage(
    channels,
    s,
    (sl) =>
      page(
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
            TOTAL,
          ])
          .orderBy('v.added_at')
          .orderBy('v.id'),
        sl,
      ).execute(),
    () => counted(proposedVersions(db, channels).select(n)),
    ({ total: _, ...v }) => ({ ...v, number: Number(v.number), channel_id: v.channel_id! }),
  );

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

export const owedReceipts = (db: Db, channels: readonly string[], s: Slice | null): Promise<Counted<OwedReceipt>> =>
  countedPage(
    channels,
    s,
    (sl) =>
      page(
        db.selectFrom(owed(db, channels).as('o')).selectAll().select(TOTAL).orderBy('since').orderBy('subject_id').orderBy('channel_id'),
        sl,
      ).execute(),
    () => counted(db.selectFrom(owed(db, channels).as('o')).select(n)),
    ({ total: _, ...r }) => ({ ...r, number: r.number === null ? null : Number(r.number) }),
  );
