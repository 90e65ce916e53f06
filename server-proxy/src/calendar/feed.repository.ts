import { OPEN_STATUSES, type Feed, type TaskStatus } from '@throughline/contract';
import type { Db } from '../db/database.js';
import type { CalendarFeedsTable } from './feed.types.js';

export type FeedRow = CalendarFeedsTable;

export async function insertFeed(db: Db, row: FeedRow): Promise<void> {
  await db.insertInto('calendar_feeds').values(row).execute();
}

export async function countFeeds(db: Db, userId: string): Promise<number> {
  const r = await db
    .selectFrom('calendar_feeds')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A person's feeds, newest first, with the name of each feed's project. */
export async function listFeeds(db: Db, userId: string): Promise<Feed[]> {
  const rows = await db
    .selectFrom('calendar_feeds as f')
    .leftJoin('projects as p', 'p.id', 'f.project_id')
    .select(['f.id', 'f.kind', 'f.project_id', 'p.name as project_name', 'f.created_at', 'f.last_fetched_at'])
    .where('f.user_id', '=', userId)
    .orderBy('f.id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, project_name: r.project_name ?? null }));
}

/** Deletes one of the person's feeds; false when they have no such feed. */
export async function deleteFeed(db: Db, userId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('calendar_feeds').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function findByTokenHash(db: Db, tokenHash: string): Promise<FeedRow | null> {
  return (await db.selectFrom('calendar_feeds').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()) ?? null;
}

export async function touchFetched(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('calendar_feeds').set({ last_fetched_at: at }).where('id', '=', id).execute();
}

/** What a feed shows of a task. */
export interface DueTask {
  id: string;
  title: string;
  description: string;
  status: TaskStatus;
  due_at: string;
  channel_id: string;
  permalink: string | null;
  created_at: string;
  updated_at: string;
}

export type FeedScope = { assigneeId: string } | { projectId: string };

const open = (db: Db, scope: FeedScope) => {
  const q = db
    .selectFrom('tasks')
    .where('deleted_at', 'is', null)
    .where('due_at', 'is not', null)
    .where('status', 'in', [...OPEN_STATUSES]);
  return 'assigneeId' in scope ? q.where('assignee_id', '=', scope.assigneeId) : q.where('project_id', '=', scope.projectId);
};

/** The channels the scope's open, dated tasks live in: the ones whose membership a fetch asks about. */
export async function dueChannels(db: Db, scope: FeedScope): Promise<string[]> {
  const rows = await open(db, scope).select('channel_id').distinct().execute();
  return rows.map((r) => r.channel_id);
}

/**
 * Open tasks with a due date in `channelIds`, at most `limit`: those due from `now` on first
 * (soonest first), then the overdue ones (latest first), so a full feed keeps what is coming.
 */
export async function dueTasks(db: Db, scope: FeedScope, channelIds: string[], now: string, limit: number): Promise<DueTask[]> {
  if (!channelIds.length) return [];
  const base = () =>
    open(db, scope)
      .where('channel_id', 'in', channelIds)
      .select(['id', 'title', 'description', 'status', 'due_at', 'channel_id', 'permalink', 'created_at', 'updated_at']);
  const coming = await base().where('due_at', '>=', now).orderBy('due_at').orderBy('id').limit(limit).execute();
  const past =
    coming.length < limit
      ? await base()
          .where('due_at', '<', now)
          .orderBy('due_at', 'desc')
          .orderBy('id')
          .limit(limit - coming.length)
          .execute()
      : [];
  return [...past.reverse(), ...coming] as DueTask[];
}
