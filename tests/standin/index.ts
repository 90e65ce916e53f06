// The Mattermost stand-in: test and sandbox equipment only. Production code never imports it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { FileInfo } from '@mattermost/types/files';
import type { Post } from '@mattermost/types/posts';

import { fixtures, seed } from './fixtures.js';
import { buildStandin, countRequests, type Controls } from './app.js';
import { addFile, addMember, emptyState, insertPost, postsIn, removeMember, type Member, type StandinState } from './state.js';

export { fixtures };
export type { FixtureChannelName, FixtureUserName } from './fixtures.js';
export type { Member, Session, StandinState, StoredFile, TeamMember } from './state.js';

export interface StartOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
}

export interface Standin {
  /** e.g. http://127.0.0.1:43123 — give it to Client4.setUrl. */
  url: string;
  port: number;
  state: StandinState;
  /** Stop listening (connections refused) but keep the state: Mattermost is down. */
  stop(): Promise<void>;
  /** Listen again on the same port with the same state. */
  start(): Promise<void>;
  /** Stop for good. */
  close(): Promise<void>;
  /** Delay every /api/v4 response by `ms`; 0 turns it off. */
  setDelay(ms: number): void;
  /**
   * While true, every /api/v4 request has its connection cut (fetch: TypeError 'fetch failed')
   * although the port still accepts; unlike stop() it can also be driven over HTTP.
   */
  setDown(down: boolean): void;
  /** /api/v4 requests received, optionally only those whose path starts with the prefix ('/channels/…' or '/api/v4/channels/…'). */
  requestCount(pathPrefix?: string): number;
  resetCounts(): void;
  addMember(channelId: string, userId: string, roles?: string): Member;
  removeMember(channelId: string, userId: string): void;
  createPost(p: {
    user_id: string;
    channel_id: string;
    message: string;
    file_ids?: string[];
    root_id?: string;
    type?: string;
    props?: Record<string, unknown>;
  }): Post;
  /** A file uploaded but not yet attached to a post. */
  addFile(f: { user_id: string; channel_id: string; name: string; mime_type: string; bytes: Buffer }): FileInfo;
  /** All posts of the channel including the bot's and deleted ones, oldest first, as stored (button integrations intact). */
  postsIn(channelId: string): Post[];
  /** Back to the seeded fixtures: data, sessions, delay and down; counts are kept (see resetCounts). */
  reset(): void;
}

export async function startStandin(opts: StartOptions = {}): Promise<Standin> {
  const host = opts.host ?? '127.0.0.1';
  const state = emptyState();
  seed(state);

  const ctl: Controls = {
    state,
    delayMs: 0,
    down: false,
    counts: new Map(),
    reset() {
      // Refill the same maps, so references held by tests stay valid.
      for (const map of Object.values(state)) {
        (map as Map<unknown, unknown>).clear();
      }
      seed(state);
      ctl.delayMs = 0;
      ctl.down = false;
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
    url: `http://${urlHost}:${port}`,
    port,
    state,
    stop: shut,
    start: async () => {
      if (!listening) {
        await listen();
      }
    },
    close: async () => {
      await shut();
      await app.close();
    },
    setDelay(ms) {
      ctl.delayMs = Math.max(0, ms);
    },
    setDown(down) {
      ctl.down = down;
    },
    requestCount: (prefix) => countRequests(ctl.counts, prefix),
    resetCounts() {
      ctl.counts.clear();
    },
    addMember: (channelId, userId, roles) => addMember(state, channelId, userId, roles),
    removeMember: (channelId, userId) => removeMember(state, channelId, userId),
    createPost: (p) => insertPost(state, p),
    addFile: (f) => addFile(state, f),
    postsIn: (channelId) => postsIn(state, channelId),
    reset: () => ctl.reset(),
  };
}
