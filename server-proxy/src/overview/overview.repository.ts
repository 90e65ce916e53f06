import { sql, type Transaction } from 'kysely';
import type { TaskStatus } from '@throughline/contract';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { Scope } from './flow.repository.js';

type Executor = Db | Transaction<Database>;

const OPEN = ['todo', 'in_progress', 'review'] as const;

/** How many rows match, counted in the pass that reads the first page (the window runs before the limit). */
const TOTAL = sql<number | string>`count(*) over ()`.as('total');
const totalOf = (rows: ReadonlyArray<{ total: number | string }>) => (rows.length ? Number(rows[0]!.total) : 0);

/** Live tasks by channel and status, with how many of them are open and due before `at`, and the oldest such due date. */
export async function statusCounts(db: Executor, s: Scope, at: string) {
  const rows = await db
    .selectFrom('tasks')
    .select(['channel_id', 'status'])
    .select((eb) => {
      const overdue = eb.and([eb('due_at', '<', at), eb('status', 'in', OPEN)]);
      return [
        eb.fn.countAll<number | string>().as('n'),
        eb.fn.sum<number | string>(eb.case().when(overdue).then(1).else(0).end()).as('overdue'),
        eb.fn.min<string | null>(eb.case().when(overdue).then(eb.ref('due_at')).end()).as('oldest'),
      ];
    })
    .where('project_id', '=', s.projectId)
    .where('deleted_at', 'is', null)
    .where('channel_id', 'in', s.channelIds)
    .groupBy(['channel_id', 'status'])
    .execute();
  return rows.map((r) => ({
    channel_id: r.channel_id,
    status: r.status as TaskStatus,
    n: Number(r.n),
    overdue: Number(r.overdue),
    oldest: r.oldest,
  }));
}

/** Open tasks due before `at`, counted by assignee, most overdue first (by channel: from statusCounts). */
export async function overdueByAssignee(db: Executor, s: Scope, at: string) {
  const rows = await db
    .selectFrom('tasks')
    .select('assignee_id as key')
    .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.min<string>('due_at').as('oldest')])
    .where('project_id', '=', s.projectId)
    .where('deleted_at', 'is', null)
    .where('channel_id', 'in', s.channelIds)
    .where('status', 'in', OPEN)
    .where('due_at', '<', at)
    .groupBy('assignee_id')
    .orderBy('oldest')
    .orderBy('key')
    .execute();
  return rows.map((r) => ({ key: r.key as string | null, count: Number(r.n), oldest_due_at: r.oldest }));
}

/** Per channel: rollout child tasks (not cancelled), and how many of them are done. */
export async function rolloutProgress(db: Executor, s: Scope) {
  const rows = await db
    .selectFrom('rollout_channels as rc')
    .innerJoin('rollouts as r', 'r.id', 'rc.rollout_id')
    .innerJoin('tasks as t', 't.id', 'rc.task_id')
    .select('rc.channel_id')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('total'),
      eb.fn.sum<number | string>(eb.case().when('t.status', '=', 'done').then(1).else(0).end()).as('done'),
    ])
    .where('r.project_id', '=', s.projectId)
    .where('rc.channel_id', 'in', s.channelIds)
    .where('t.deleted_at', 'is', null)
    .where('t.status', '!=', 'cancelled')
    .groupBy('rc.channel_id')
    .execute();
  return rows.map((r) => ({ channel_id: r.channel_id, total: Number(r.total), done: Number(r.done) }));
}

/** Approved versions of the project's assets shared with each channel that the channel has not confirmed. */
export function unconfirmedVersions(db: Executor, s: Scope) {
  return db
    .selectFrom('asset_channels as ac')
    .innerJoin('assets as a', 'a.id', 'ac.asset_id')
    .innerJoin('asset_versions as v', (j) => j.onRef('v.asset_id', '=', 'a.id').on('v.state', '=', 'approved'))
    .where('a.project_id', '=', s.projectId)
    .where('ac.channel_id', 'in', s.channelIds)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('receipts as rr')
            .select('rr.channel_id')
            .where('rr.subject_kind', '=', 'asset_version')
            .whereRef('rr.subject_id', '=', 'v.id')
            .whereRef('rr.channel_id', '=', 'ac.channel_id')
            .where('rr.confirmed_at', 'is not', null),
        ),
      ),
    );
}

/** Decided decisions of the project applying to each channel that the channel has not confirmed. */
export function unconfirmedDecisions(db: Executor, s: Scope) {
  return db
    .selectFrom('decision_channels as dc')
    .innerJoin('decisions as d', 'd.id', 'dc.decision_id')
    .where('d.project_id', '=', s.projectId)
    .where('d.status', '=', 'decided')
    .where('dc.channel_id', 'in', s.channelIds)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('receipts as rr')
            .select('rr.channel_id')
            .where('rr.subject_kind', '=', 'decision')
            .whereRef('rr.subject_id', '=', 'd.id')
            .whereRef('rr.channel_id', '=', 'dc.channel_id')
            .where('rr.confirmed_at', 'is not', null),
        ),
      ),
    );
}

/** Decisions each channel owes a receipt for (the versions it owes are the rows of `disappearing`). */
export async function owedDecisions(db: Executor, s: Scope) {
  const rows = await unconfirmedDecisions(db, s)
    .select('dc.channel_id')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .groupBy('dc.channel_id')
    .execute();
  return new Map(rows.map((r) => [r.channel_id, Number(r.n)]));
}

/** Each unconfirmed (version, channel) with the downloads made from that channel. */
export async function disappearing(db: Executor, s: Scope) {
  return unconfirmedVersions(db, s)
    .select(['a.id as asset_id', 'a.name as asset_name', 'v.id as version_id', 'v.number', 'v.file_name', 'v.decided_at', 'ac.channel_id'])
    .select((eb) => [
      eb
        .selectFrom('asset_downloads as dl')
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .whereRef('dl.version_id', '=', 'v.id')
        .whereRef('dl.channel_id', '=', 'ac.channel_id')
        .as('downloads'),
      eb
        .selectFrom('asset_downloads as dl')
        .select((e) => e.fn.max('dl.at').as('m'))
        .whereRef('dl.version_id', '=', 'v.id')
        .whereRef('dl.channel_id', '=', 'ac.channel_id')
        .as('last_download_at'),
    ])
    .orderBy('v.decided_at')
    .orderBy('v.id')
    .orderBy('ac.channel_id')
    .execute();
}

/** Proposed versions of the project's assets shared with one of the channels, oldest first. */
export async function proposedVersions(db: Executor, s: Scope, limit: number) {
  const base = db
    .selectFrom('asset_versions as v')
    .innerJoin('assets as a', 'a.id', 'v.asset_id')
    .where('a.project_id', '=', s.projectId)
    .where('v.state', '=', 'proposed')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('asset_channels as ac')
          .select('ac.channel_id')
          .whereRef('ac.asset_id', '=', 'a.id')
          .where('ac.channel_id', 'in', s.channelIds),
      ),
    );
  const rows = await base
    .select(['v.id', 'v.asset_id', 'a.name as asset_name', 'v.number', 'v.file_name', 'v.added_by', 'v.added_at', TOTAL])
    .orderBy('v.added_at')
    .orderBy('v.id')
    .limit(limit)
    .execute();
  const channels = rows.length
    ? await db
        .selectFrom('asset_channels')
        .select(['asset_id', 'channel_id'])
        .where(
          'asset_id',
          'in',
          rows.map((r) => r.asset_id),
        )
        .where('channel_id', 'in', s.channelIds)
        .orderBy('channel_id')
        .execute()
    : [];
  return { rows, total: totalOf(rows), channels };
}

/** Proposed decisions of the project proposed in, or applying to, one of the channels, oldest first. */
export async function proposedDecisions(db: Executor, s: Scope, limit: number) {
  const base = db
    .selectFrom('decisions as d')
    .where('d.project_id', '=', s.projectId)
    .where('d.status', '=', 'proposed')
    .where((eb) =>
      eb.or([
        eb('d.source_channel_id', 'in', s.channelIds),
        eb.exists(
          eb
            .selectFrom('decision_channels as dc')
            .select('dc.channel_id')
            .whereRef('dc.decision_id', '=', 'd.id')
            .where('dc.channel_id', 'in', s.channelIds),
        ),
      ]),
    );
  const rows = await base
    .select(['d.id', 'd.statement', 'd.source_channel_id', 'd.approver_id', 'd.proposed_by', 'd.created_at', TOTAL])
    .orderBy('d.created_at')
    .orderBy('d.id')
    .limit(limit)
    .execute();
  const channels = rows.length
    ? await db
        .selectFrom('decision_channels')
        .select(['decision_id', 'channel_id'])
        .where(
          'decision_id',
          'in',
          rows.map((r) => r.id),
        )
        .where('channel_id', 'in', s.channelIds)
        .orderBy('channel_id')
        .execute()
    : [];
  return { rows, total: totalOf(rows), channels };
}
