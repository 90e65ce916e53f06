import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { TaskStatus } from '@throughline/contract';
import type { Db, Engine } from '../db/database.js';
import type { Database } from '../db/schema.js';

type Executor = Db | Transaction<Database>;

/** Which tasks an aggregate counts: the live tasks of a project in the channels the caller may know of. */
export interface Scope {
  projectId: string;
  channelIds: readonly string[];
}

export interface Window {
  start: string;
  end: string;
}

const inList = (ids: readonly string[]) =>
  sql.join(
    ids.map((c) => sql`${c}`),
    sql`, `,
  );

/** The scope's live tasks, as a WHERE condition on `t`. */
export const scoped = (s: Scope) =>
  sql`t.project_id = ${s.projectId} and t.deleted_at is null and t.channel_id in (${inList(s.channelIds)})`;

/** Seconds from `a` to `b`, ISO 8601 texts, on either engine. */
function seconds(engine: Engine, a: RawBuilder<unknown>, b: RawBuilder<unknown>): RawBuilder<number> {
  return engine === 'postgres'
    ? sql<number>`extract(epoch from (cast(${b} as timestamptz) - cast(${a} as timestamptz)))`
    : sql<number>`((julianday(${b}) - julianday(${a})) * 86400.0)`;
}

/**
 * Every stay of a task in a status, from its history: made as `todo` at `created_at`, then each
 * status change starts a stay that the next one ends (`left_at` null: it still lasts). Events
 * after `end` are not known yet at `end`.
 */
function stays(s: Scope, end: string) {
  return sql`
    ev as (
      select t.id as task_id, t.channel_id as channel_id, t.assignee_id as assignee_id, t.created_at as at,
             cast('todo' as text) as status, cast('' as text) as hid
        from tasks t where ${scoped(s)} and t.created_at <= ${end}
      union all
      select t.id, t.channel_id, t.assignee_id, h.at, h.to_value, h.id
        from task_history h join tasks t on t.id = h.task_id
       where ${scoped(s)} and h.field = 'status' and h.at <= ${end}
    ),
    stays as (
      select task_id, channel_id, assignee_id, status, at,
             lead(at) over (partition by task_id order by at, hid) as left_at
        from ev
    )`;
}

export interface MedianRow {
  /** 'c': by channel, 'a': by assignee ('' for unassigned). */
  kind: 'c' | 'a';
  grp: string;
  status: TaskStatus;
  median: number;
  stays: number;
}

/**
 * The median length of the stays that ended inside the window, per channel and per assignee and
 * status. The median is taken in SQL by ranking each group's durations (window functions both
 * engines have): the middle row, or the mean of the two middle rows.
 */
export async function medians(db: Executor, engine: Engine, s: Scope, w: Window): Promise<MedianRow[]> {
  const dur = seconds(engine, sql.ref('at'), sql.ref('left_at'));
  const { rows } = await sql<{ kind: 'c' | 'a'; grp: string; status: TaskStatus; median: number | string; stays: number | string }>`
    with ${stays(s, w.end)},
    ended as (
      select channel_id, assignee_id, status, ${dur} as secs
        from stays where left_at is not null and left_at > ${w.start} and left_at <= ${w.end}
    ),
    grouped as (
      select 'c' as kind, channel_id as grp, status, secs from ended
      union all
      select 'a', coalesce(assignee_id, ''), status, secs from ended
    ),
    ranked as (
      select kind, grp, status, secs,
             row_number() over (partition by kind, grp, status order by secs) as rn,
             count(*) over (partition by kind, grp, status) as n
        from grouped
    )
    select kind, grp, status, avg(secs) as median, max(n) as stays
      from ranked where rn = (n + 1) / 2 or rn = (n + 2) / 2
     group by kind, grp, status
     order by kind, grp, status`.execute(db);
  return rows.map((r) => ({ ...r, median: Number(r.median), stays: Number(r.stays) }));
}

export interface FlowDelta {
  status: TaskStatus;
  /** The UTC day, or '' for before the window. */
  day: string;
  entered: number;
  left: number;
}

/**
 * How many stays began and ended on each day of the window, per status (those before the window
 * together under ''): summed day by day they give the count in each status at each day's end.
 */
export async function flowDeltas(db: Executor, s: Scope, w: Window): Promise<FlowDelta[]> {
  const startDay = w.start.slice(0, 10);
  const bucket = (col: RawBuilder<unknown>) => sql`case when substr(${col}, 1, 10) < ${startDay} then '' else substr(${col}, 1, 10) end`;
  const { rows } = await sql<{ status: TaskStatus; day: string; entered: number | string; left: number | string }>`
    with ${stays(s, w.end)},
    moves as (
      select status, ${bucket(sql.ref('at'))} as day, 1 as entered, 0 as gone from stays
      union all
      select status, ${bucket(sql.ref('left_at'))}, 0, 1 from stays where left_at is not null
    )
    select status, day, sum(entered) as entered, sum(gone) as "left"
      from moves group by status, day order by day, status`.execute(db);
  return rows.map((r) => ({ status: r.status, day: r.day, entered: Number(r.entered), left: Number(r.left) }));
}
