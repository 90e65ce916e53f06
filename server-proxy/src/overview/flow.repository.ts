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

/** Byte order for sort keys on PostgreSQL: ids and ISO instants need no locale rules, which cost most of a sort. */
const bytewise = (engine: Engine) => (engine === 'postgres' ? sql` collate "C"` : sql``);

/**
 * Every stay of a task in a status, from its history alone: made as `todo` (the `created` entry),
 * then each status change starts a stay that the next one ends (`left_at` null: it still lasts).
 * Entries after `end` are not known yet at `end`.
 */
function stays(engine: Engine, s: Scope, end: string) {
  const c = bytewise(engine);
  return sql`
    stays as (
      select t.channel_id as channel_id, t.assignee_id as assignee_id,
             case when h.action = 'created' then 'todo' else h.to_value end as status, h.at as at,
             lead(h.at) over (partition by h.task_id${c} order by h.at${c}, h.id${c}) as left_at
        from tasks t join task_history h on h.task_id = t.id
       where ${scoped(s)} and (h.field = 'status' or h.action = 'created') and h.at <= ${end}
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

export interface FlowDelta {
  status: TaskStatus;
  /** The UTC day, or '' for before the window. */
  day: string;
  entered: number;
  left: number;
}

/**
 * The median length of the stays that ended inside the window, per channel and per assignee and
 * status, taken in SQL by ranking each group's durations (window functions both engines have):
 * the middle row, or the mean of the two middle rows.
 */
export async function medians(db: Executor, engine: Engine, s: Scope, w: Window): Promise<MedianRow[]> {
  const c = bytewise(engine);
  const dur = seconds(engine, sql.ref('at'), sql.ref('left_at'));
  const { rows } = await sql<{ kind: 'c' | 'a'; grp: string; status: TaskStatus; median: number | string; stays: number | string }>`
    with ${stays(engine, s, w.end)},
    ended as (
      select channel_id, assignee_id, status, ${dur} as secs
        from stays where left_at is not null and left_at > ${w.start}
    ),
    grouped as (
      select 'c' as kind, channel_id as grp, status, secs from ended
      union all
      select 'a', coalesce(assignee_id, ''), status, secs from ended
    ),
    ranked as (
      select kind, grp, status, secs,
             row_number() over (partition by kind, grp${c}, status${c} order by secs) as rn,
             count(*) over (partition by kind, grp${c}, status${c}) as n
        from grouped
    )
    select kind, grp, status, avg(secs) as median, max(n) as stays
      from ranked where rn = (n + 1) / 2 or rn = (n + 2) / 2
     group by kind, grp, status`.execute(db);
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return rows
    .map((r) => ({ ...r, median: Number(r.median), stays: Number(r.stays) }))
    .sort((a, b) => byText(a.kind, b.kind) || byText(a.grp, b.grp) || byText(a.status, b.status));
}

/**
 * How many tasks entered and left each status on each day of the window (those before it together
 * under ''): a task enters the status a history entry sets (`todo` when made) and leaves the one it
 * names as `from`, so plain counts suffice. Summed day by day they give each day's end.
 */
export async function flowDeltas(db: Executor, s: Scope, w: Window): Promise<FlowDelta[]> {
  const startDay = w.start.slice(0, 10);
  const day = sql`case when substr(h.at, 1, 10) < ${startDay} then '' else substr(h.at, 1, 10) end`;
  const { rows } = await sql<{ status: TaskStatus; day: string; entered: number | string; left: number | string }>`
    select status, day, sum(entered) as entered, sum(gone) as "left" from (
      select case when h.action = 'created' then 'todo' else h.to_value end as status, ${day} as day, 1 as entered, 0 as gone
        from tasks t join task_history h on h.task_id = t.id
       where ${scoped(s)} and (h.field = 'status' or h.action = 'created') and h.at <= ${w.end}
      union all
      select h.from_value, ${day}, 0, 1
        from tasks t join task_history h on h.task_id = t.id
       where ${scoped(s)} and h.field = 'status' and h.at <= ${w.end}
    ) moves group by status, day`.execute(db);
  return rows.map((r) => ({ status: r.status, day: r.day, entered: Number(r.entered), left: Number(r.left) }));
}
