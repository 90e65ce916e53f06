import crypto from 'node:crypto';
import mmClient from '@mattermost/client';
import type { Client4 as Client4Type } from '@mattermost/client';
import type { UserProfile } from '@mattermost/types/users';
import type { ChannelMembership } from '@mattermost/types/channels';
import type { Post } from '@mattermost/types/posts';
import type { FileInfo } from '@mattermost/types/files';
import { AppError } from '../http/errors.js';
import { checked, checkedList } from './answers.js';
import { TtlCache } from './cache.js';

const { Client4, ClientError } = mmClient;

/**
 * Told of every call to Mattermost: the operation (method and path, ids elided), how it ended, and
 * how long it took. `refused` is an answer (a 4xx), `failed` is none (no connection, timeout, 5xx, not JSON).
 */
export type MattermostObserver = (operation: string, outcome: 'ok' | 'refused' | 'failed', seconds: number) => void;

/** Client4 with a deadline on every call: a Mattermost that does not answer in time is "unavailable". */
export class TimedClient4 extends Client4 {
  constructor(
    private readonly timeoutMs: number,
    observe?: MattermostObserver,
  ) {
    super();
    if (observe) {
      const fetchOnce = this.doFetch;
      this.doFetch = async <T>(url: string, options: Parameters<typeof fetchOnce>[1]): Promise<T> => {
        const operation = operationOf(options.method, url);
        const started = performance.now();
        try {
          const answer = await fetchOnce<T>(url, options);
          observe(operation, typeof answer === 'string' ? 'failed' : 'ok', (performance.now() - started) / 1000);
          return answer;
        } catch (err) {
          observe(operation, outcomeOf(err), (performance.now() - started) / 1000);
          throw err;
        }
      };
    }
  }
  /** For endpoints Client4 has no method for (GET /files/{id}/info). */
  getJson<T>(url: string): Promise<T> {
    return this.doFetch<T>(url, { method: 'get' });
  }

  override getOptions(options: Parameters<Client4Type['getOptions']>[0]): ReturnType<Client4Type['getOptions']> {
    return { ...super.getOptions(options), signal: AbortSignal.timeout(this.timeoutMs) };
  }
}

export type Membership = ChannelMembership & { scheme_guest?: boolean; scheme_admin?: boolean };

export type PluginManifest = { id: string; version: string };
export type PluginList = { active: PluginManifest[]; inactive: PluginManifest[] };

export interface GatewayOptions {
  url: string;
  timeoutMs: number;
  cacheMs: number;
  observe?: MattermostObserver;
}

/**
 * Every question the service asks Mattermost, asked with the caller's own token.
 * "No" (403/404) is an answer; anything else (network, timeout, 5xx) is an outage and fails closed.
 */
export class MattermostGateway {
  private readonly users: TtlCache<UserProfile | null>;
  private readonly members: TtlCache<Membership | null>;
  private readonly channels: TtlCache<Map<string, Membership> | null>;

  constructor(private readonly opts: GatewayOptions) {
    this.users = new TtlCache(opts.cacheMs);
    this.members = new TtlCache(opts.cacheMs);
    this.channels = new TtlCache(opts.cacheMs);
  }

  private client(token: string | null): TimedClient4 {
    const c = new TimedClient4(this.opts.timeoutMs, this.opts.observe);
    c.setUrl(this.opts.url);
    if (token) c.setToken(token);
    return c;
  }

  /** The user behind a token, or null when Mattermost rejects it (401). */
  me(token: string): Promise<UserProfile | null> {
    return this.users.get(tokenKey(token), () =>
      this.call(
        () => this.client(token).getMe(),
        [401],
        (a) => checked<UserProfile>('a user', 'user', a),
      ),
    );
  }

  /** The caller's (`userId`'s) membership of a channel, or null when they are not a member or may not see it. */
  myMembership(token: string, userId: string, channelId: string): Promise<Membership | null> {
    return this.members.get(`${tokenKey(token)}:${channelId}`, () =>
      this.call(
        () => this.client(token).getMyChannelMember(channelId),
        [403, 404],
        (a) => checkedMembership(a, channelId, userId),
      ),
    );
  }

  /**
   * Every channel the caller (`userId`) is a member of, with the membership: one call for the
   * caller's teams and one per team (Mattermost's answer per team includes direct and group
   * channels). Null for a caller in no team, whose channels cannot be listed this way.
   */
  myChannels(token: string, userId: string): Promise<Map<string, Membership> | null> {
    return this.channels.get(tokenKey(token), async () => {
      const c = this.client(token);
      const teams =
        (await this.call(
          () => c.getMyTeams(),
          [],
          (a) => checkedList<{ id: string }>('your teams', 'object', a),
        )) ?? [];
      if (!teams.length) return null;
      const lists = await Promise.all(
        teams.map((t) =>
          this.call(
            () => c.getMyChannelMembers(t.id),
            [403, 404],
            (a) => checkedList<Membership>('your channel memberships', 'membership', a, (m) => m.user_id === userId),
          ),
        ),
      );
      const mine = new Map<string, Membership>();
      for (const list of lists) for (const m of list ?? []) mine.set(m.channel_id, m);
      return mine;
    });
  }

  /** Whether another user is a member of a channel, asked as the caller (who must be able to read it). */
  async isChannelMember(token: string, channelId: string, userId: string): Promise<boolean> {
    return (await this.channelMember(token, channelId, userId)) !== null;
  }

  /** Another user's membership of a channel (roles included), asked as the caller; null when not a member. */
  channelMember(token: string, channelId: string, userId: string): Promise<Membership | null> {
    return this.members.get(`${tokenKey(token)}:${channelId}:${userId}`, () =>
      this.call(
        () => this.client(token).getChannelMember(channelId, userId),
        [403, 404],
        (a) => checkedMembership(a, channelId, userId),
      ),
    );
  }

  /** A post the caller may read, or null. Never cached: it is read once, when a task is made of it. */
  post(token: string, postId: string): Promise<Post | null> {
    return this.call(
      () => this.client(token).getPost(postId),
      [403, 404],
      (a) => checked<Post>('the message asked for', 'post', a, (p) => p.id === postId),
    );
  }

  async postFiles(token: string, postId: string): Promise<FileInfo[]> {
    const files = await this.call(
      () => this.client(token).getFileInfosForPost(postId),
      [403, 404],
      (a) => checkedList<FileInfo>('the files of the message asked for', 'file', a, (f) => !f.post_id || f.post_id === postId),
    );
    return files ?? [];
  }

  /** A file's info, if the caller may read the post it belongs to. */
  fileInfo(token: string, fileId: string): Promise<FileInfo | null> {
    const c = this.client(token);
    return this.call(
      () => c.getJson<unknown>(`${c.getFileRoute(fileId)}/info`),
      [403, 404],
      (a) => checked<FileInfo>('the file asked for', 'file', a, (f) => f.id === fileId),
    );
  }

  /**
   * A file's bytes as a stream, read with the caller's token. Only the wait for the answer has a
   * deadline; the body of a large file may take as long as it takes.
   */
  async fileBytes(token: string, fileId: string): Promise<ReadableStream<Uint8Array>> {
    const c = this.client(token);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new DOMException('timeout', 'TimeoutError')), this.opts.timeoutMs);
    const url = c.getFileRoute(fileId);
    const started = performance.now();
    const observe = (outcome: 'ok' | 'refused' | 'failed') =>
      this.opts.observe?.(operationOf('get', url), outcome, (performance.now() - started) / 1000);
    let res: Response;
    try {
      res = await fetch(url, {
        headers: { authorization: `Bearer ${token}`, 'x-requested-with': 'XMLHttpRequest' },
        signal: abort.signal,
      });
    } catch (err) {
      observe('failed');
      throw new AppError('mattermost_unavailable', describeOutage(err));
    } finally {
      clearTimeout(timer);
    }
    observe(res.ok ? 'ok' : res.status < 500 ? 'refused' : 'failed');
    if (res.status === 403 || res.status === 404) throw new AppError('not_found', 'File not found');
    if (!res.ok || !res.body)
      throw new AppError('mattermost_unavailable', `Mattermost answered with an error (${res.status}); nothing was stored`);
    return res.body;
  }

  /** Mattermost's version as its answer to a ping tells it (X-Version-Id, e.g. "11.9.0"), or null when it tells none. */
  async serverVersion(): Promise<string | null> {
    const c = this.client(null);
    await this.call(
      () => c.ping(false),
      [],
      (a) => checked('a ping answer', 'ping', a),
    );
    return /^(\d+\.\d+\.\d+)(\.|$)/.exec(c.getServerVersion())?.[1] ?? null;
  }

  /** The installed plugins, active and not, asked with a system admin's token; null when the token may not list them. */
  plugins(token: string): Promise<PluginList | null> {
    return this.call(
      () => this.client(token).getPlugins(),
      [403],
      (a) => checked<PluginList>('the list of plugins', 'plugins', a),
    );
  }

  async ping(): Promise<void> {
    await this.call(
      () => this.client(null).ping(false),
      [],
      (a) => checked('a ping answer', 'ping', a),
    );
  }

  /**
   * Mattermost's answer once `check` accepts it (its shape, and the ids of what was asked), or null
   * for a status in `noAnswer`. Anything else fails closed.
   */
  private async call<T>(fn: () => Promise<unknown>, noAnswer: number[], check: (answer: unknown) => T): Promise<T | null> {
    let answer: unknown;
    try {
      answer = await fn();
    } catch (err) {
      if (err instanceof ClientError && typeof err.status_code === 'number') {
        if (noAnswer.includes(err.status_code)) return null;
        if (err.status_code === 401) throw new AppError('unauthorized', 'Your Mattermost session is no longer valid; sign in again');
      }
      throw new AppError('mattermost_unavailable', describeOutage(err));
    }
    return check(answer);
  }
}

/** A membership that is the one asked about: of this channel, of this user. */
export function checkedMembership(answer: unknown, channelId: string, userId: string): Membership {
  return checked<Membership>(
    'the channel membership asked for',
    'membership',
    answer,
    (m) => m.channel_id === channelId && m.user_id === userId,
  );
}

export function describeOutage(err: unknown): string {
  const name = (err as { name?: string })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return 'Mattermost did not answer in time; nothing was changed, try again shortly';
  if (err instanceof ClientError)
    return `Mattermost answered with an error (${err.status_code ?? 'no status'}); nothing was changed, try again shortly`;
  return 'Mattermost cannot be reached; nothing was changed, try again shortly';
}

/** `GET /channels/{id}/members/me` for a call's method and URL: Mattermost's 26-character ids (and the query) left out, so operations are few. */
export function operationOf(method: string | undefined, url: string): string {
  const pathname = new URL(url).pathname.replace(/^.*?\/api\/v4(?=\/)/, '');
  return `${(method ?? 'get').toUpperCase()} ${pathname.replace(/\/[a-z0-9]{26}(?=\/|$)/g, '/{id}')}`;
}

function outcomeOf(err: unknown): 'refused' | 'failed' {
  const status = err instanceof ClientError ? err.status_code : undefined;
  return typeof status === 'number' && status >= 400 && status < 500 ? 'refused' : 'failed';
}

/** Tokens are never kept or logged as such; caches key on a hash. */
export function tokenKey(token: string): string {
  // crypto.hash (Node 20.12 and later) is the one-shot form, a quarter of createHash's cost on every request.
  return typeof crypto.hash === 'function'
    ? crypto.hash('sha256', token, 'base64url')
    : crypto.createHash('sha256').update(token).digest('base64url');
}

export function isGuestMembership(m: Membership): boolean {
  return Boolean(m.scheme_guest) || /\bchannel_guest\b/.test(m.roles ?? '');
}

export function isAdminMembership(m: Membership): boolean {
  return Boolean(m.scheme_admin) || /\bchannel_admin\b/.test(m.roles ?? '');
}
