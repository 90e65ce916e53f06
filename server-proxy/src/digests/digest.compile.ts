import type { DigestLine, DigestSection, DigestSectionKey } from '@throughline/contract';
import type { DecisionFact, RolloutFact, TaskFact, VersionFact } from './digest.records.js';
import type { Window } from './digest.repository.js';

const DAY_MS = 86_400_000;
/** Lines kept per section; the rest are counted. A 10,000-task project's stalled list is not a digest. */
export const SECTION_LINES_MAX = 100;

/** Everything a project's digest may say for one window, over all its channels; each reader gets a part. */
export interface ProjectFacts {
  window: Window;
  stalledDays: number;
  newTasks: TaskFact[];
  done: TaskFact[];
  started: TaskFact[];
  overdue: TaskFact[];
  stalled: TaskFact[];
  versions: VersionFact[];
  decisions: DecisionFact[];
  rollouts: RolloutFact[];
}

const days = (from: string, to: string) => Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / DAY_MS));

function line(l: Partial<DigestLine> & Pick<DigestLine, 'kind' | 'id' | 'title'>): DigestLine {
  return {
    parent_id: null,
    detail: null,
    channel_id: null,
    post_id: null,
    permalink: null,
    user_id: null,
    days: null,
    at: null,
    event: null,
    confirmed: [],
    pending: [],
    number: null,
    total: null,
    ...l,
  };
}

const taskLine = (t: TaskFact, extra: Partial<DigestLine> = {}) =>
  line({
    kind: 'task',
    id: t.id,
    title: t.title,
    channel_id: t.channel_id,
    post_id: t.source_post_id,
    permalink: t.permalink,
    user_id: t.assignee_id,
    at: t.at,
    ...extra,
  });

/** Oldest first, then by title and id: the same records always give the same order. */
const byTime = (a: DigestLine, b: DigestLine) =>
  cmp(a.at ?? '', b.at ?? '') || cmp(a.title, b.title) || cmp(a.id, b.id) || cmp(a.event ?? '', b.event ?? '');
/** Longest waiting (or latest) first. */
const byDays = (a: DigestLine, b: DigestLine) => (b.days ?? 0) - (a.days ?? 0) || cmp(a.title, b.title) || cmp(a.id, b.id);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function section(key: DigestSectionKey, lines: DigestLine[], order: (a: DigestLine, b: DigestLine) => number): DigestSection {
  const sorted = lines.sort(order);
  return { key, lines: sorted.slice(0, SECTION_LINES_MAX), more: Math.max(0, sorted.length - SECTION_LINES_MAX) };
}

/**
 * The digest for a reader who may see `scope` (the channels they are a member of, or the one
 * channel it is posted to): only records of those channels, receipts only of those channels,
 * a decision's source post only when its source channel is among them.
 */
export function compile(f: ProjectFacts, scope: ReadonlySet<string>): DigestSection[] {
  const end = f.window.end;
  const inScope = (t: TaskFact) => scope.has(t.channel_id);
  const tasks = (list: TaskFact[], extra: (t: TaskFact) => Partial<DigestLine> = () => ({})) =>
    list.filter(inScope).map((t) => taskLine(t, extra(t)));

  const versions = f.versions.filter((v) => v.channel_ids.some((c) => scope.has(c)));
  const versionLine = (v: VersionFact, extra: Partial<DigestLine>) =>
    line({ kind: 'asset_version', id: v.id, parent_id: v.asset_id, title: v.asset_name, detail: v.file_name, number: v.number, ...extra });

  const decisions = f.decisions.filter((d) => scope.has(d.source_channel_id) || d.channel_ids.some((c) => scope.has(c)));
  const decisionLine = (d: DecisionFact, extra: Partial<DigestLine>) => {
    const source = scope.has(d.source_channel_id);
    return line({
      kind: 'decision',
      id: d.id,
      title: d.statement,
      channel_id: source ? d.source_channel_id : null,
      post_id: source ? d.source_post_id : null,
      permalink: source ? d.permalink : null,
      ...extra,
    });
  };
  const within = (at: string | null) => at !== null && at >= f.window.start && at < end;

  const waiting = [
    ...versions
      .filter((v) => v.state === 'proposed')
      .map((v) => versionLine(v, { user_id: v.added_by, at: v.added_at, days: days(v.added_at, end) })),
    ...decisions
      .filter((d) => d.status === 'proposed' && d.created_at < end)
      .map((d) => decisionLine(d, { user_id: d.recorded_by, at: d.created_at, days: days(d.created_at, end) })),
  ];
  const approved = versions
    .filter((v) => v.state !== 'proposed')
    .map((v) => {
      const mine = v.receipts.filter((r) => scope.has(r.channel_id));
      return versionLine(v, {
        user_id: v.decided_by,
        at: v.decided_at,
        confirmed: mine
          .filter((r) => r.confirmed_at !== null)
          .map((r) => r.channel_id)
          .sort(),
        pending: mine
          .filter((r) => r.confirmed_at === null)
          .map((r) => r.channel_id)
          .sort(),
      });
    });
  const decided = decisions.flatMap((d) => [
    ...(within(d.created_at) ? [decisionLine(d, { event: 'recorded', user_id: d.recorded_by, at: d.created_at })] : []),
    ...(within(d.decided_at) ? [decisionLine(d, { event: 'decided', user_id: d.decided_by, at: d.decided_at })] : []),
    ...(d.closed ? [decisionLine(d, { event: d.closed.action, user_id: d.closed.by, at: d.closed.at })] : []),
  ]);

  // A rollout's progress over the rows of the reader's channels only: a guest sees their own region's row.
  const rollouts = f.rollouts.flatMap((r) => {
    const rows = r.rows.filter((x) => scope.has(x.channel_id));
    // No row the reader may see: the other channels' tasks are not theirs to count.
    if (!rows.length) return [];
    const source = scope.has(r.channel_id);
    // Outside the parent's channel the line cites the reader's own child task, by its own title.
    const own = source ? { task_id: r.task_id, title: r.title } : [...rows].sort((a, b) => cmp(a.channel_id, b.channel_id))[0]!;
    const closed = (s: string) => s === 'done' || s === 'cancelled';
    return [
      line({
        kind: 'rollout',
        id: r.id,
        parent_id: own.task_id,
        title: own.title,
        channel_id: source ? r.channel_id : null,
        post_id: source ? r.source_post_id : null,
        permalink: source ? r.permalink : null,
        user_id: r.created_by,
        at: r.created_at,
        confirmed: rows
          .filter((x) => x.status === 'done')
          .map((x) => x.channel_id)
          .sort(),
        pending: rows
          .filter((x) => !closed(x.status))
          .map((x) => x.channel_id)
          .sort(),
        total: rows.length,
      }),
    ];
  });

  return [
    section('done', tasks(f.done), byTime),
    section('started', tasks(f.started), byTime),
    section('new', tasks(f.newTasks), byTime),
    section(
      'overdue',
      tasks(f.overdue, (t) => ({ days: days(t.due_at!, end) })),
      byDays,
    ),
    section(
      'stalled',
      tasks(f.stalled, (t) => ({ days: days(t.updated_at, end) })),
      byDays,
    ),
    section('waiting', waiting, byDays),
    section('approved', approved, byTime),
    section('decisions', decided, byTime),
    section('rollouts', rollouts, byTime),
  ];
}
