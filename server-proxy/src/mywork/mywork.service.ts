import {
  MY_WORK_DEPTH_MAX,
  MY_WORK_LIMIT_DEFAULT,
  MY_WORK_TASK_GROUPS,
  type MyWork,
  type MyWorkQuery,
  type MyWorkSection,
} from '@throughline/contract';
import type { UserProfile } from '@mattermost/types/users';
import type { Access } from '../access/access.js';
import type { Standing } from '../access/policy.js';
import type { Db } from '../db/database.js';
import { isTimeZone } from '../digests/digest.schedule.js';
import type { Caller } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import type { MattermostGateway } from '../mattermost/gateway.js';
import { dayBounds } from './mywork.days.js';
import * as repo from './mywork.repository.js';

type Page<T> = { items: T[]; count: number; next_cursor: string | null };

/** The zone a Mattermost profile names (automatic or manual, as the user set it), if the runtime knows it. */
function profileZone(user: Pick<UserProfile, 'timezone'> | null): string | null {
  const tz = user?.timezone as { useAutomaticTimezone?: boolean | string; automaticTimezone?: string; manualTimezone?: string } | undefined;
  if (!tz) return null;
  const automatic = tz.useAutomaticTimezone === true || tz.useAutomaticTimezone === 'true';
  const zone = automatic ? tz.automaticTimezone : tz.manualTimezone;
  return zone && isTimeZone(zone) ? zone : null;
}

/**
 * What waits for one person across every project: their open tasks by when they are due (days
 * counted in their own time zone), what they are to approve, the receipts their channels owe and
 * their channels' rollout tasks. Mattermost is asked once which of the candidate channels they are
 * in; every query then looks at those channels only, so a removed member's items are gone at once.
 */
export class MyWorkService {
  constructor(
    private readonly db: Db,
    private readonly access: Access,
    private readonly mm: MattermostGateway,
    private readonly defaultTimeZone: string,
  ) {}

  async work(caller: Caller, query: MyWorkQuery, now = Date.now()): Promise<MyWork> {
    if (query.tz !== undefined && !isTimeZone(query.tz))
      throw new AppError('validation_failed', 'tz must be an IANA time zone such as Europe/Moscow');
    if (query.cursor !== undefined && query.section === undefined)
      throw new AppError('validation_failed', 'cursor pages one section: name it with section');
    const offset = Number(query.cursor ?? 0);
    if (offset >= MY_WORK_DEPTH_MAX) throw new AppError('validation_failed', `cursor reaches at most ${MY_WORK_DEPTH_MAX} items deep`);
    const limit = Math.min(query.limit ?? MY_WORK_LIMIT_DEFAULT, MY_WORK_DEPTH_MAX - offset);

    const timeZone = query.tz ?? (await this.callerZone(caller));
    const d = dayBounds(now, timeZone);
    const iso = (t: number) => new Date(t).toISOString();
    const bounds: repo.Bounds = { now: iso(d.now), tomorrow: iso(d.tomorrowStart), weekEnd: iso(d.weekEnd) };

    const standings = await this.access.standings(caller, await repo.candidateChannels(this.db, caller.id));
    const member = [...standings.keys()];
    // Approving needs a non-guest member of the channel (asset.approve, decision.decide).
    const staff = [...standings].filter(([, st]) => !isGuest(caller, st)).map(([c]) => c);

    const sliceOf = (section: MyWorkSection): repo.Slice | null =>
      query.section === undefined ? { offset: 0, limit } : query.section === section ? { offset, limit } : null;
    const sectionOf = <T>(section: MyWorkSection, c: repo.Counted<T>): Page<T> => {
      const s = sliceOf(section);
      const more = s !== null && c.rows.length > s.limit && s.offset + s.limit < MY_WORK_DEPTH_MAX;
      return { items: c.rows.slice(0, s?.limit ?? 0), count: c.total, next_cursor: more ? String(s.offset + s.limit) : null };
    };
    const taskSlices = Object.fromEntries(
      MY_WORK_TASK_GROUPS.flatMap((g) => {
        const s = sliceOf(g);
        return s ? [[g, s]] : [];
      }),
    );

    const [groups, decisions, versions, receipts, rollouts] = await Promise.all([
      repo.assignedGroups(this.db, caller.id, member, bounds, taskSlices),
      repo.waitingDecisions(this.db, caller.id, staff, sliceOf('decisions')),
      repo.waitingVersions(this.db, staff, sliceOf('versions')),
      repo.owedReceipts(this.db, member, sliceOf('receipts')),
      repo.rolloutTasks(this.db, member, sliceOf('rollouts')),
    ]);
    return {
      time_zone: timeZone,
      now: bounds.now,
      today_starts_at: iso(d.todayStart),
      tomorrow_starts_at: bounds.tomorrow,
      week_ends_at: bounds.weekEnd,
      overdue: sectionOf('overdue', groups.overdue),
      today: sectionOf('today', groups.today),
      this_week: sectionOf('this_week', groups.this_week),
      later: sectionOf('later', groups.later),
      decisions: sectionOf('decisions', decisions),
      versions: sectionOf('versions', versions),
      receipts: sectionOf('receipts', receipts),
      rollouts: sectionOf('rollouts', rollouts),
    };
  }

  /** The caller's Mattermost time zone (the profile is the one auth just read, cached by token), else the service's default. */
  private async callerZone(caller: Caller): Promise<string> {
    if (caller.viaBot) return this.defaultTimeZone;
    return profileZone(await this.mm.me(caller.token)) ?? this.defaultTimeZone;
  }
}

const isGuest = (caller: Caller, st: Standing) => caller.isGuest || st === 'guest';
