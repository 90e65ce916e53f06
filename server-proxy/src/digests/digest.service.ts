import type { Digest, DigestSection, DigestList, DigestSettings, DigestSubscription, UpdateDigestSettings } from '@throughline/contract';
import type { Access } from '../access/access.js';
import type { Facts } from '../access/policy.js';
import type { Db } from '../db/database.js';
import type { DigestAudienceKind, DigestTrigger } from './digest.types.js';
import type { UnitOfWork } from '../db/unit_of_work.js';
import { callerFromUser, type Caller } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import type { BotClient } from '../mattermost/bot.js';
import { asLocale } from '../outbox/messages.js';
import type { ProjectService } from '../projects/project.service.js';
import { newId } from '../util/ids.js';
import { compile, type ProjectFacts } from './digest.compile.js';
import { renderDigest } from './digest.render.js';
import * as records from './digest.records.js';
import * as repo from './digest.repository.js';
import { isTimeZone, latestSlot, nextSlot, previousSlot, type Schedule } from './digest.schedule.js';

type Locale = 'en' | 'ru';
const DAY_MS = 86_400_000;
/** A slot further back than this is not made up for: the digest of a week long gone is noise. */
export const MISSED_SLOT_MS = DAY_MS;

export interface DigestOptions {
  defaultTimeZone: string;
  botLocale: Locale;
  siteUrl: string;
}

/** What is stored in `digests.content`. */
interface StoredContent {
  project_name: string;
  time_zone: string;
  channel_ids: string[];
  sections: DigestSection[];
}

export class DigestService {
  constructor(
    private readonly db: Db,
    private readonly uow: UnitOfWork,
    private readonly access: Access,
    private readonly projects: ProjectService,
    private readonly bot: BotClient | null,
    private readonly opts: DigestOptions,
  ) {}

  schedule(row: repo.ScheduleRow): Schedule {
    return { weekday: row.digest_weekday, time: row.digest_time, timeZone: row.time_zone ?? this.opts.defaultTimeZone };
  }

  async settings(caller: Caller, projectId: string, now = Date.now()): Promise<DigestSettings> {
    const { row, facts } = await this.readable(caller, projectId);
    return this.presentSettings(caller, row, facts, now);
  }

  async updateSettings(caller: Caller, projectId: string, input: UpdateDigestSettings, now = Date.now()): Promise<DigestSettings> {
    const { row, facts } = await this.readable(caller, projectId);
    this.access.require('digest.configure', { ...facts, target: row.home_channel_id });
    if (input.time_zone !== undefined && !isTimeZone(input.time_zone))
      throw new AppError('validation_failed', `time_zone must be an IANA time zone such as Europe/Moscow; "${input.time_zone}" is not one`);
    const next = {
      time_zone: input.time_zone ?? row.time_zone ?? this.opts.defaultTimeZone,
      digest_weekday: input.weekday ?? row.digest_weekday,
      digest_time: input.time ?? row.digest_time,
      stalled_days: input.stalled_days ?? row.stalled_days,
    };
    await repo.updateSchedule(this.db, projectId, next);
    return this.presentSettings(caller, { ...row, ...next }, facts, now);
  }

  async setSubscribed(caller: Caller, projectId: string, on: boolean): Promise<DigestSubscription> {
    await this.readable(caller, projectId);
    if (on) await repo.subscribe(this.db, projectId, caller.id, new Date().toISOString());
    else await repo.unsubscribe(this.db, projectId, caller.id);
    return { project_id: projectId, subscribed: on };
  }

  /** The caller's digest of the past seven days, compiled now and kept in their history (not sent). */
  async compileNow(caller: Caller, projectId: string, now = Date.now()): Promise<Digest> {
    const { row, facts } = await this.readable(caller, projectId);
    // The week up to the end of this minute: what was done a moment ago is in it, and the same minute gives the same digest.
    const slot = new Date(Math.floor(now / 60_000) * 60_000 + 60_000).toISOString();
    const key = { project_id: projectId, slot, trigger: 'demand' as const, audience_kind: 'user' as const, audience_id: caller.id };
    const existing = await repo.findByKey(this.db, key);
    if (existing) return this.present(existing, null);
    const channels = await repo.projectChannelIds(this.db, projectId);
    const scope = new Set(channels.filter((c) => facts.standings.has(c)));
    const locale = asLocale((await this.bot?.user(caller.id).catch(() => null))?.locale ?? this.opts.botLocale);
    const start = new Date(Date.parse(slot) - 7 * DAY_MS).toISOString();
    const stored = await this.build(row, { start, end: slot }, [{ kind: 'user', id: caller.id, scope, locale }], 'demand');
    await this.db.transaction().execute((trx) => repo.claimDigest(trx, stored[0]!));
    return this.present((await repo.findByKey(this.db, key))!, null);
  }

  /** The caller's digests of a project and those of its channels they are in, newest first. */
  async list(caller: Caller, projectId: string, limit = 30): Promise<DigestList> {
    const { facts } = await this.readable(caller, projectId);
    const rows = await repo.listDigests(this.db, projectId, caller.id, [...facts.standings.keys()], limit);
    return {
      items: rows.map((r) => ({
        id: r.id,
        project_id: r.project_id,
        window_start: r.window_start,
        slot: r.slot,
        trigger: r.trigger,
        audience_kind: r.audience_kind,
        audience_id: r.audience_id,
        locale: asLocale(r.locale),
        lines: (JSON.parse(r.content) as StoredContent).sections.reduce((n, s) => n + s.lines.length + s.more, 0),
        created_at: r.created_at,
      })),
    };
  }

  /** One digest: a person's own only to them, a channel's to members of that channel; anyone else learns nothing. */
  async get(caller: Caller, id: string): Promise<Digest> {
    const row = await repo.findDigest(this.db, id);
    if (!row) throw new AppError('not_found', 'Digest not found');
    if (row.audience_kind === 'user') {
      if (row.audience_id !== caller.id) throw new AppError('not_found', 'Digest not found');
      await this.readable(caller, row.project_id);
    } else {
      this.access.require('digest.read', await this.access.facts(caller, [row.audience_id]));
    }
    return this.present(row, row.post_id);
  }

  /**
   * One pass of the schedule at `now`: for every project whose latest slot is at most a day old,
   * each project channel's digest and each subscriber's, compiled and stored with its outbox message
   * in one transaction, unless stored already (by another replica, or before a restart).
   */
  async runSchedule(now: number, signal?: AbortSignal): Promise<number> {
    let sent = 0;
    for (const row of await repo.allSchedules(this.db)) {
      if (signal?.aborted) break;
      const s = this.schedule(row);
      const slotMs = latestSlot(now, s);
      if (now - slotMs > MISSED_SLOT_MS) continue;
      const slot = new Date(slotMs).toISOString();
      const window = { start: new Date(previousSlot(slotMs, s)).toISOString(), end: slot };
      const key = (kind: DigestAudienceKind, id: string) => ({
        project_id: row.id,
        slot,
        trigger: 'schedule' as const,
        audience_kind: kind,
        audience_id: id,
      });
      const channels = [];
      for (const c of await repo.projectChannelIds(this.db, row.id))
        if (!(await repo.findByKey(this.db, key('channel', c)))) channels.push(c);
      const users = [];
      for (const u of await repo.subscribers(this.db, row.id)) if (!(await repo.findByKey(this.db, key('user', u)))) users.push(u);
      if (!channels.length && !users.length) continue;

      const audiences: Audience[] = channels.map((c) => ({ kind: 'channel', id: c, scope: new Set([c]), locale: this.opts.botLocale }));
      const projectChannels = await repo.projectChannelIds(this.db, row.id);
      for (const u of users) {
        const reader = await this.readerOf(u, projectChannels);
        if (reader) audiences.push(reader);
      }
      for (const d of await this.build(row, window, audiences, 'schedule')) {
        const stored = await this.uow.run(async (w) => {
          if (!(await repo.claimDigest(w.trx, d))) return false;
          const base = { project_id: row.id, digest_id: d.id, message: d.markdown };
          const outboxId = await w.notify(
            d.audience_kind === 'channel'
              ? { kind: 'digest_post', channel_id: d.audience_id, ...base }
              : { kind: 'digest_dm', recipient_id: d.audience_id, ...base },
          );
          await repo.setOutbox(w.trx, d.id, outboxId);
          return true;
        });
        if (stored) sent += 1;
      }
    }
    return sent;
  }

  /** A subscriber as the digest sees them: the project channels Mattermost says they are in now, and their language. */
  private async readerOf(userId: string, channels: string[]): Promise<Audience | null> {
    if (!this.bot) return null;
    const user = await this.bot.user(userId);
    if (!user || user.delete_at > 0) return null;
    const scope = new Set((await this.access.standings(callerFromUser(user), channels)).keys());
    if (!scope.size) return null;
    return { kind: 'user', id: userId, scope, locale: asLocale(user.locale) };
  }

  /** The stored rows of one project's digests for a window: the records gathered once, each audience given its part. */
  private async build(row: repo.ScheduleRow, w: repo.Window, audiences: Audience[], trigger: DigestTrigger): Promise<repo.DigestRow[]> {
    if (!audiences.length) return [];
    const facts = await this.gather(row, w);
    const tz = row.time_zone ?? this.opts.defaultTimeZone;
    const sectioned = audiences.map((a) => ({ a, sections: compile(facts, a.scope) }));
    const userIds = new Set<string>();
    const channelIds = new Set<string>();
    for (const { a, sections } of sectioned) {
      for (const c of a.scope) channelIds.add(c);
      for (const s of sections) for (const l of s.lines) if (l.user_id) userIds.add(l.user_id);
    }
    const usernames = await this.usernames(userIds);
    const channelNames = await this.channelNames(channelIds);
    const teamName = await this.teamName(row.home_channel_id);
    const createdAt = new Date().toISOString();
    return sectioned.map(({ a, sections }) => {
      const content: StoredContent = { project_name: row.name, time_zone: tz, channel_ids: [...a.scope].sort(), sections };
      return {
        id: newId(),
        project_id: row.id,
        slot: w.end,
        window_start: w.start,
        trigger,
        audience_kind: a.kind,
        audience_id: a.id,
        locale: a.locale,
        content: JSON.stringify(content),
        markdown: renderDigest({
          locale: a.locale,
          projectName: row.name,
          windowStart: w.start,
          slot: w.end,
          timeZone: tz,
          audience: a.kind,
          sections,
          usernames,
          channelNames,
          siteUrl: this.opts.siteUrl,
          teamName,
        }),
        created_at: createdAt,
        outbox_id: null,
      };
    });
  }

  private async gather(row: repo.ScheduleRow, w: repo.Window): Promise<ProjectFacts> {
    const before = new Date(Date.parse(w.end) - row.stalled_days * DAY_MS).toISOString();
    const [newTasks, done, started, overdue, stalled, versions, decisions, rollouts] = await Promise.all([
      records.newTasks(this.db, row.id, w),
      records.tasksMovedTo(this.db, row.id, w, 'done'),
      records.tasksMovedTo(this.db, row.id, w, 'in_progress'),
      records.overdueTasks(this.db, row.id, w),
      records.stalledTasks(this.db, row.id, before),
      records.versionFacts(this.db, row.id, w),
      records.decisionFacts(this.db, row.id, w),
      records.rolloutFacts(this.db, row.id, w),
    ]);
    return { window: w, stalledDays: row.stalled_days, newTasks, done, started, overdue, stalled, versions, decisions, rollouts };
  }

  private async usernames(ids: Iterable<string>): Promise<Map<string, string>> {
    const list = [...ids];
    if (!this.bot || !list.length) return new Map();
    const users = await this.bot.usersById(list);
    return new Map([...users].map(([id, u]) => [id, u.username]));
  }

  private async channelNames(ids: Iterable<string>): Promise<Map<string, string>> {
    if (!this.bot) return new Map();
    return new Map([...(await this.bot.channelsById(ids))].map(([id, c]) => [id, c.name]));
  }

  /** The team whose address opens the project's records: its home channel's. Unknown (or Mattermost silent): none, the lines link their source posts only. */
  private async teamName(homeChannelId: string): Promise<string | null> {
    return this.bot ? this.bot.teamNameOf(homeChannelId).catch(() => null) : null;
  }

  private async readable(caller: Caller, projectId: string): Promise<{ row: repo.ScheduleRow; facts: Facts }> {
    const { facts } = await this.projects.visible(caller, projectId);
    this.access.require('digest.read', facts);
    return { row: (await repo.findSchedule(this.db, projectId))!, facts };
  }

  private async presentSettings(caller: Caller, row: repo.ScheduleRow, facts: Facts, now: number): Promise<DigestSettings> {
    const s = this.schedule(row);
    return {
      project_id: row.id,
      weekday: s.weekday,
      time: s.time,
      time_zone: s.timeZone,
      stalled_days: row.stalled_days,
      next_slot: new Date(nextSlot(now, s)).toISOString(),
      subscribed: await repo.isSubscribed(this.db, row.id, caller.id),
      can_configure: this.access.granted(['digest.configure'], { ...facts, target: row.home_channel_id }).length > 0,
    };
  }

  private present(row: repo.DigestRow, postId: string | null): Digest {
    const c = JSON.parse(row.content) as StoredContent;
    return {
      id: row.id,
      project_id: row.project_id,
      project_name: c.project_name,
      window_start: row.window_start,
      slot: row.slot,
      time_zone: c.time_zone,
      trigger: row.trigger,
      audience_kind: row.audience_kind,
      audience_id: row.audience_id,
      locale: asLocale(row.locale),
      channel_ids: c.channel_ids,
      sections: c.sections,
      markdown: row.markdown,
      created_at: row.created_at,
      post_id: postId,
    };
  }
}

interface Audience {
  kind: DigestAudienceKind;
  id: string;
  scope: Set<string>;
  locale: Locale;
}
