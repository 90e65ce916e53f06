// The Mattermost stand-in: test and sandbox equipment only. Production code never imports it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ChannelBookmark } from '@mattermost/types/channel_bookmarks';
import type { ServerChannel } from '@mattermost/types/channels';
import type { FileInfo } from '@mattermost/types/files';
import type { Post } from '@mattermost/types/posts';

import { fixtures, seed } from './fixtures.js';
import { DEFAULT_VERSION, buildStandin, countRequests, defaultPlugins, type Controls, type Fault, type InstalledPlugin } from './app.js';
import {
  addChannel,
  addFile,
  addMember,
  emptyState,
  insertPost,
  postsIn,
  removeMember,
  type Member,
  type NewFile,
  type NewPost,
} from './state.js';

export { fixtures };
export type { FixtureChannelName, FixtureUserName } from './fixtures.js';
export type { Fault, InstalledPlugin } from './app.js';
export type { Member, Session, StandinState, StoredFile, TeamMember } from './state.js';

export interface StartOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
}

export type Standin = Awaited<ReturnType<typeof startStandin>>;

export async function startStandin(opts: StartOptions = {}) {
  const host = opts.host ?? '127.0.0.1';
  const state = emptyState();
  seed(state);

  const ctl: Controls = {
    state,
    delayMs: 0,
    down: false,
    counts: new Map(),
    faults: [],
    version: DEFAULT_VERSION,
    licensed: true,
    plugins: new Map(defaultPlugins().map((p) => [p.id, p])),
    reset() {
      // Refill the same maps, so references held by tests stay valid.
      for (const map of Object.values(state)) {
        (map as Map<unknown, unknown>).clear();
      }
      seed(state);
      ctl.delayMs = 0;
      ctl.down = false;
      ctl.faults.length = 0;
      ctl.version = DEFAULT_VERSION;
      ctl.licensed = true;
      ctl.plugins.clear();
      for (const p of defaultPlugins()) ctl.plugins.set(p.id, p);
    },
  };

  const app = await buildStandin(ctl);
  const server: Server = createServer((req, res) => app.routing(req, res));
  server.keepAliveTimeout = 5_000;
  let listening = false;
  let port = opts.port ?? 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      server.once('error', onError);
      server.listen(port, host, () => {
        server.off('error', onError);
        port = (server.address() as AddressInfo).port;
        listening = true;
        resolve();
      });
    });
  const shut = () =>
    new Promise<void>((resolve) => {
      if (!listening) {
        resolve();
        return;
      }
      listening = false;
      server.close(() => resolve());
      // Pooled keep-alive sockets would otherwise keep "Mattermost" reachable.
      server.closeAllConnections();
    });

  await listen();
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    /** e.g. http://127.0.0.1:43123 — give it to Client4.setUrl. */
    url: `http://${urlHost}:${port}`,
    port,
    state,
    /** Stop listening (connections refused) but keep the state: Mattermost is down. */
    stop: shut,
    /** Listen again on the same port with the same state. */
    start: async () => {
      if (!listening) {
        await listen();
      }
    },
    /** Stop for good. */
    close: async () => {
      await shut();
      await app.close();
    },
    /** Delay every /api/v4 response by `ms`; 0 turns it off. */
    setDelay: (ms: number) => void (ctl.delayMs = Math.max(0, ms)),
    /** While true, every /api/v4 connection is cut (fetch: TypeError 'fetch failed') though the port still accepts. */
    setDown: (down: boolean) => void (ctl.down = down),
    /** Answer requests matching the fault wrongly (e.g. an HTML page with 200, someone else's record) until clearFaults(). */
    answerWrongly: (fault: Fault) => void ctl.faults.push(fault),
    clearFaults: () => void (ctl.faults.length = 0),
    /** The server version told in X-Version-Id on every answer (11.9.0 by default). */
    setVersion: (version: string) => void (ctl.version = version),
    /** Unlicensed, channel bookmarks answer 501 (licensed by default). */
    setLicensed: (licensed: boolean) => void (ctl.licensed = licensed),
    /** A channel's bookmarks as stored, deleted ones included, by sort order. */
    bookmarksIn: (channelId: string): ChannelBookmark[] =>
      [...state.bookmarks.values()].filter((b) => b.channel_id === channelId).sort((a, b) => a.sort_order - b.sort_order),
    /** Installs (or changes) a plugin; Throughline 0.1.0 is installed and enabled by default. */
    setPlugin: (p: InstalledPlugin) => void ctl.plugins.set(p.id, { ...p }),
    removePlugin: (id: string) => void ctl.plugins.delete(id),
    /** /api/v4 requests received, optionally only those whose path starts with the prefix ('/channels/…' or '/api/v4/channels/…'). */
    requestCount: (prefix?: string) => countRequests(ctl.counts, prefix),
    resetCounts: () => ctl.counts.clear(),
    /** A channel of the fixture team (or `team_id`), created by the admin; add its members with addMember. */
    addChannel: (c: { id: string; name: string; display_name?: string; type?: 'O' | 'P'; team_id?: string }): ServerChannel =>
      addChannel(state, {
        id: c.id,
        name: c.name,
        display_name: c.display_name ?? c.name,
        type: c.type ?? 'P',
        team_id: c.team_id ?? fixtures.team.id,
        creator_id: fixtures.users.admin.id,
        at: Date.now(),
      }),
    addMember: (channelId: string, userId: string, roles?: string): Member => addMember(state, channelId, userId, roles),
    removeMember: (channelId: string, userId: string) => removeMember(state, channelId, userId),
    createPost: (p: NewPost): Post => insertPost(state, p),
    /** A file uploaded but not yet attached to a post. */
    addFile: (f: NewFile): FileInfo => addFile(state, f),
    /** All posts of the channel including the bot's and deleted ones, oldest first, as stored (button integrations intact). */
    postsIn: (channelId: string): Post[] => postsIn(state, channelId),
    /** Back to the seeded fixtures: data, sessions, delay, down and faults; counts are kept (see resetCounts). */
    reset: () => ctl.reset(),
  };
}
