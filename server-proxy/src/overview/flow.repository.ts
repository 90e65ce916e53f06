import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { TaskStatus } from '@throughline/contract';
import type { Db } from '../db/database.js';
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

/** The scope's stays, as a WHERE condition on `st` (task_stays carries its task's project, channel and deletion). */
const scopedStays = (s: Scope) =>
  sql`st.project_id = ${s.projectId} and st.deleted_at is null and st.channel_id in (${inList(s.channelIds)})`;

/**
 * The median length of the stays that ended inside the window, per channel and per assignee and
 * status: the middle one, or the mean of the two middle ones. Each group's lengths are ranked by a
 * window over an index already in (project, channel or assignee, status, length) order, so the
 * database neither joins nor sorts, and returns one or two rows per group.
 */
export async function medians(db: Executor, s: Scope, w: Window): Promise<MedianRow[]> {
  // A stay ends when the task's next one begins; one beginning after `end` is not known at `end`.
  const ended = sql`${scopedStays(s)} and st.left_at > ${w.start} and st.left_at <= ${w.end}`;
  const ranked = (grp: RawBuilder<unknown>) => sql`
    select ${grp} as grp, st.status as status, st.secs as secs,
           row_number() over g as rn, count(*) over (g rows between unbounded preceding and unbounded following) as n
      from task_stays st
     where ${ended}
    window g as (partition by ${grp}, st.status order by st.secs)`;
  const { rows } = await sql<{ kind: 'c' | 'a'; grp: string; status: TaskStatus; median: number | string; stays: number | string }>`
    select 'c' as kind, grp, status, avg(secs) as median, max(n) as stays
      from (${ranked(sql`st.channel_id`)}) r where rn = (n + 1) / 2 or rn = (n + 2) / 2
     group by grp, status
    union all
    select 'a', grp, status, avg(secs), max(n)
      from (${ranked(sql`coalesce(st.assignee_id, '')`)}) r where rn = (n + 1) / 2 or rn = (n + 2) / 2
     group by grp, status`.execute(db);
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return rows
    .map((r) => ({ ...r, median: Number(r.median), stays: Number(r.stays) }))
    .sort((a, b) => byText(a.kind, b.kind) || byText(a.grp, b.grp) || byText(a.status, b.status));
}

/**
 * How many tasks entered and left each status on each day of the window (those before it together
 * under ''): each stay enters its status and leaves the one its entry names as `from` (none when
 * made), so plain counts suffice. Summed day by day they give each day's end.
 */
export async function flowDeltas(db: Executor, s: Scope, w: Window): Promise<FlowDelta[]> {
  const startDay = w.start.slice(0, 10);
  const { rows } = await sql<{ status: TaskStatus; from_status: TaskStatus | null; day: string; n: number | string }>`
    select st.status as status, st.from_status as from_status,
           case when substr(st.entered_at, 1, 10) < ${startDay} then '' else substr(st.entered_at, 1, 10) end as day,
           count(*) as n
      from task_stays st
     where ${scopedStays(s)} and st.entered_at <= ${w.end}
     group by st.status, st.from_status, day`.execute(db);
  const out = new Map<string, FlowDelta>();
  const add = (status: TaskStatus, day: string, entered: number, left: number) => {
    const key = `${status}\u0000${day}`;
    const d = out.get(key) ?? { status, day, entered: 0, left: 0 };
    d.entered += entered;
    d.left += left;
    out.set(key, d);
  };
  for (const r of rows) {
    add(r.status, r.day, Number(r.n), 0);
    if (r.from_status !== null) add(r.from_status, r.day, 0, Number(r.n));
  }
  return [...out.values()];
}
