import { createHash, randomBytes } from 'node:crypto';
import { LIMITS, type CreateFeed, type CreatedFeed, type Feed, type FeedList } from '@throughline/contract';
import type { UserProfile } from '@mattermost/types/users';
import type { Access } from '../access/access.js';
import { allows } from '../access/policy.js';
import type { Db } from '../db/database.js';
import { callerFromUser, type Caller } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import type { BotClient } from '../mattermost/bot.js';
import { describeOutage, tokenKey } from '../mattermost/gateway.js';
import { isTimeZone } from '../digests/digest.schedule.js';
import * as projects from '../projects/project.repository.js';
import type { ProjectService } from '../projects/project.service.js';
import { newId } from '../util/ids.js';
import { renderFeed } from './feed.ics.js';
import * as repo from './feed.repository.js';

/** 32 random bytes: 256 bits, 43 URL-safe characters. */
const TOKEN_BYTES = 32;
const TOKEN_FILE = /^([A-Za-z0-9_-]{43})\.ics$/;
const NOT_FOUND = 'Calendar feed not found';

export interface FeedOptions {
  /** Where calendar apps reach the service: feed addresses start with it. */
  publicUrl: string;
  /** The zone of a reader whose Mattermost profile names none. */
  defaultTimeZone: string;
}

/** A fetched feed: the calendar and its entity tag. */
export interface FeedBody {
  ics: string;
  etag: string;
}

export class FeedService {
  constructor(
    private readonly db: Db,
    private readonly access: Access,
    private readonly projectService: ProjectService,
    private readonly bot: BotClient | null,
    private readonly opts: FeedOptions,
  ) {}

  /** A new feed of the caller's; its address is answered this once. */
  async create(caller: Caller, input: CreateFeed): Promise<CreatedFeed> {
    let projectName: string | null = null;
    if (input.kind === 'person') {
      if (input.project_id !== undefined) throw new AppError('validation_failed', 'body.project_id is only for a project feed');
    } else {
      if (input.project_id === undefined) throw new AppError('validation_failed', 'body.project_id is required for a project feed');
      projectName = (await this.projectService.visible(caller, input.project_id)).project.name;
    }
    if ((await repo.countFeeds(this.db, caller.id)) >= LIMITS.feedsPerUserMax)
      throw new AppError('too_many_feeds', `You already have ${LIMITS.feedsPerUserMax} calendar feeds; revoke one you no longer use first`);
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const row: repo.FeedRow = {
      id: newId(),
      user_id: caller.id,
      kind: input.kind,
      project_id: input.project_id ?? null,
      token_hash: tokenKey(token),
      created_at: new Date().toISOString(),
      last_fetched_at: null,
    };
    await repo.insertFeed(this.db, row);
    const feed: Feed = {
      id: row.id,
      kind: row.kind,
      project_id: row.project_id,
      project_name: projectName,
      created_at: row.created_at,
      last_fetched_at: null,
    };
    return { feed, url: `${this.opts.publicUrl}/api/v1/feeds/${token}.ics` };
  }

  async list(caller: Caller): Promise<FeedList> {
    return { items: await repo.listFeeds(this.db, caller.id) };
  }

  /** Revokes one of the caller's feeds: its address answers 404 from now on. */
  async revoke(caller: Caller, id: string): Promise<void> {
    if (!(await repo.deleteFeed(this.db, caller.id, id))) throw new AppError('not_found', NOT_FOUND);
  }

  /**
   * The calendar behind a feed address (`<token>.ics`). Whatever is wrong with it — no such token,
   * a revoked one, an owner Mattermost no longer knows, a project they left — is a plain 404.
   * What the owner may see is asked of Mattermost now, by the bot, as for a digest's reader.
   */
  async fetch(file: string, now = new Date()): Promise<FeedBody> {
    const token = TOKEN_FILE.exec(file)?.[1];
    const feed = token ? await repo.findByTokenHash(this.db, tokenKey(token)) : null;
    if (!feed) throw new AppError('not_found', NOT_FOUND);
    const bot = this.bot;
    if (!bot) throw new AppError('unavailable', 'The Throughline bot is not configured (MM_BOT_TOKEN); calendar feeds need it');
    const { ics } = await askingMattermost(async () => {
      const user = await bot.user(feed.user_id);
      if (!user || user.delete_at > 0) throw new AppError('not_found', NOT_FOUND);
      return { ics: await this.calendar(feed, user, now) };
    });
    await repo.touchFetched(this.db, feed.id, now.toISOString());
    return { ics, etag: `"${createHash('sha256').update(ics).digest('base64url')}"` };
  }

  private async calendar(feed: repo.FeedRow, user: UserProfile, now: Date): Promise<string> {
    const reader = callerFromUser(user);
    let scope: repo.FeedScope;
    let channels: string[];
    let name: string;
    if (feed.kind === 'project') {
      const project = feed.project_id ? await projects.findProject(this.db, feed.project_id) : null;
      if (!project) throw new AppError('not_found', NOT_FOUND);
      const facts = await this.access.facts(reader, project.channel_ids);
      if (!allows('project.read', facts)) throw new AppError('not_found', NOT_FOUND);
      scope = { projectId: project.id };
      channels = [...facts.standings.keys()];
      name = `Throughline · ${project.name}`;
    } else {
      scope = { assigneeId: user.id };
      channels = [...(await this.access.memberChannels(reader, await repo.dueChannels(this.db, scope)))];
      name = `Throughline · ${user.locale?.startsWith('ru') ? 'мои задачи' : 'my tasks'}`;
    }
    const tasks = await repo.dueTasks(this.db, scope, channels, now.toISOString(), LIMITS.feedEventsMax);
    return renderFeed({ name, locale: user.locale, timeZone: this.timeZoneOf(user), tasks });
  }

  private timeZoneOf(user: UserProfile): string {
    const tz = user.timezone;
    const named = String(tz?.useAutomaticTimezone) === 'true' ? tz?.automaticTimezone : tz?.manualTimezone;
    return named && isTimeZone(named) ? named : this.opts.defaultTimeZone;
  }
}

/** The bot's lookups fail closed: no answer from Mattermost is a 503, never an empty calendar. */
async function askingMattermost<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('mattermost_unavailable', describeOutage(err));
  }
}
