import {
  TASK_STATUSES,
  type ApprovalStall,
  type DisappearingVersion,
  type Durations,
  type FlowDay,
  type StatusCounts,
  type StatusDuration,
} from '@throughline/contract';
import type { FlowDelta, MedianRow } from './flow.repository.js';
import type { disappearing, proposedDecisions, proposedVersions, statusCounts } from './overview.repository.js';

/** Turns the aggregate rows into the answer's parts; nothing here reads the database. */

export const zeroCounts = (): StatusCounts => ({ todo: 0, in_progress: 0, review: 0, done: 0, cancelled: 0 });

const STATUS_ORDER = new Map(TASK_STATUSES.map((s, i) => [s, i]));
/** Whole milliseconds: julianday arithmetic leaves a few microseconds of noise. */
const roundMs = (s: number) => Math.round(s * 1000) / 1000;

export function durationsOf(rows: readonly MedianRow[], channelOrder: readonly string[]): Durations {
  const groups = (kind: 'c' | 'a') => {
    const m = new Map<string, StatusDuration[]>();
    for (const r of rows.filter((x) => x.kind === kind)) {
      m.set(r.grp, [...(m.get(r.grp) ?? []), { status: r.status, median_seconds: roundMs(r.median), stays: r.stays }]);
    }
    for (const list of m.values()) list.sort((a, b) => STATUS_ORDER.get(a.status)! - STATUS_ORDER.get(b.status)!);
    return m;
  };
  const byChannel = groups('c');
  const byAssignee = groups('a');
  return {
    by_channel: channelOrder.flatMap((c) => (byChannel.has(c) ? [{ channel_id: c, statuses: byChannel.get(c)! }] : [])),
    by_assignee: [...byAssignee].map(([id, statuses]) => ({ user_id: id || null, statuses })),
  };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Open tasks due before `at` by channel, most overdue first: summed from the status counts' overdue figures. */
export function overdueByChannel(counts: Awaited<ReturnType<typeof statusCounts>>) {
  const out = new Map<string, { channel_id: string; count: number; oldest_due_at: string }>();
  for (const n of counts) {
    if (!n.overdue || n.oldest === null) continue;
    const c = out.get(n.channel_id);
    if (!c) out.set(n.channel_id, { channel_id: n.channel_id, count: n.overdue, oldest_due_at: n.oldest });
    else {
      c.count += n.overdue;
      if (n.oldest < c.oldest_due_at) c.oldest_due_at = n.oldest;
    }
  }
  return [...out.values()].sort((a, b) => byText(a.oldest_due_at, b.oldest_due_at) || byText(a.channel_id, b.channel_id));
}

/** The count in each status at the end of each day: what began before the window, plus each day's moves. */
export function flowOf(deltas: readonly FlowDelta[], days: readonly string[]): FlowDay[] {
  const running = zeroCounts();
  const byDay = new Map<string, FlowDelta[]>();
  for (const d of deltas) byDay.set(d.day, [...(byDay.get(d.day) ?? []), d]);
  const apply = (day: string) => {
    for (const d of byDay.get(day) ?? []) if (d.status in running) running[d.status] += d.entered - d.left;
  };
  apply('');
  return days.map((day) => {
    apply(day);
    return { day, ...running };
  });
}

type DisappearingRow = Awaited<ReturnType<typeof disappearing>>[number];

export function disappearingOf(rows: readonly DisappearingRow[]): DisappearingVersion[] {
  const out = new Map<string, DisappearingVersion>();
  for (const r of rows) {
    let v = out.get(r.version_id);
    if (!v) {
      v = {
        asset_id: r.asset_id,
        asset_name: r.asset_name,
        version_id: r.version_id,
        version_number: Number(r.number),
        file_name: r.file_name,
        approved_at: r.decided_at,
        channels: [],
      };
      out.set(r.version_id, v);
    }
    const downloads = Number(r.downloads ?? 0);
    v.channels.push({
      channel_id: r.channel_id,
      state: downloads > 0 ? 'downloaded' : 'silent',
      downloads,
      last_download_at: (r.last_download_at as string | null) ?? null,
    });
  }
  return [...out.values()];
}

const TITLE_MAX = 200;
const cut = (s: string) => (s.length > TITLE_MAX ? `${s.slice(0, TITLE_MAX - 1)}…` : s);
const ageAt = (at: string, since: string) => Math.max(0, Math.floor((Date.parse(at) - Date.parse(since)) / 1000));

/** Versions and decisions waiting, merged oldest first. `member`: the channels the caller is in, to open an item where they can. */
export function stallsOf(
  versions: Awaited<ReturnType<typeof proposedVersions>>,
  decisions: Awaited<ReturnType<typeof proposedDecisions>>,
  opts: { at: string; scope: ReadonlySet<string>; member: ReadonlySet<string>; max: number },
): { items: ApprovalStall[]; total: number } {
  const where = (channels: string[]) => channels.find((c) => opts.member.has(c)) ?? channels[0]!;
  const channelsOf = <K extends string>(rows: Array<Record<K, string> & { channel_id: string }>, key: K) => {
    const m = new Map<string, string[]>();
    for (const r of rows) m.set(r[key], [...(m.get(r[key]) ?? []), r.channel_id]);
    return m;
  };
  const assetChannels = channelsOf(versions.channels, 'asset_id');
  const decisionChannels = channelsOf(decisions.channels, 'decision_id');
  const items: ApprovalStall[] = [
    ...versions.rows.map((v): ApprovalStall => {
      const channels = assetChannels.get(v.asset_id) ?? [];
      return {
        kind: 'version',
        id: v.id,
        title: v.asset_name,
        asset_id: v.asset_id,
        version_number: Number(v.number),
        file_name: v.file_name,
        channel_id: where(channels),
        proposed_by: v.added_by,
        since: v.added_at,
        age_seconds: ageAt(opts.at, v.added_at),
        waiting_for: { user_id: null, channel_ids: channels },
      };
    }),
    ...decisions.rows.map((d): ApprovalStall => {
      const source = opts.scope.has(d.source_channel_id) ? [d.source_channel_id] : [];
      const channels = [...new Set([...source, ...(decisionChannels.get(d.id) ?? [])])];
      return {
        kind: 'decision',
        id: d.id,
        title: cut(d.statement),
        asset_id: null,
        version_number: null,
        file_name: null,
        channel_id: where(channels),
        proposed_by: d.proposed_by,
        since: d.created_at,
        age_seconds: ageAt(opts.at, d.created_at),
        waiting_for: { user_id: d.approver_id, channel_ids: d.approver_id ? [] : source },
      };
    }),
  ];
  items.sort((a, b) => a.since.localeCompare(b.since) || a.id.localeCompare(b.id));
  return { items: items.slice(0, opts.max), total: versions.total + decisions.total };
}
