// Live events for the host and its plugins. The host connects Mattermost's own WebSocketClient to
// /api/v4/websocket; when the stand-in offers no socket, it polls the open channel instead and
// turns what it finds into the same `posted` messages. Either way each event goes first to the
// host's core handling (the store), then to the one handler each plugin registered for it, as
// Mattermost's websocket_actions does.
import * as mmClient from '@mattermost/client';

import { PostTypes } from 'mattermost-redux/action_types';
import { Client4 } from 'mattermost-redux/client';

import { record } from './recorder';
import type { HostStore } from './store';

type Handler = (msg: unknown) => void;

const pluginEventHandlers: Record<string, Record<string, Handler>> = {};
const pluginReconnectHandlers: Record<string, () => void> = {};

export function registerPluginWebSocketEvent(pluginId: string, event: string, handler: Handler): void {
  // One handler per plugin and event: a second registration replaces the first.
  pluginEventHandlers[pluginId] = { ...pluginEventHandlers[pluginId], [event]: handler };
}

export function unregisterPluginWebSocketEvent(pluginId: string, event: string): void {
  if (pluginEventHandlers[pluginId]) {
    delete pluginEventHandlers[pluginId][event];
  }
}

export function unregisterAllPluginWebSocketEvents(pluginId: string): void {
  delete pluginEventHandlers[pluginId];
}

export function registerPluginReconnectHandler(pluginId: string, handler: () => void): void {
  pluginReconnectHandlers[pluginId] = handler;
}

export function unregisterPluginReconnectHandler(pluginId: string): void {
  delete pluginReconnectHandlers[pluginId];
}

export function pluginHandlerCount(pluginId: string): number {
  return Object.keys(pluginEventHandlers[pluginId] ?? {}).length;
}

export type WebSocketMessage = { event: string; data: Record<string, any>; broadcast: Record<string, any>; seq: number };

/** The instance plugins receive as the `webSocketClient` prop. */
export const webSocketClient = new mmClient.WebSocketClient();

let seq = 0;
let hostStore: HostStore | null = null;
let mode: 'socket' | 'polling' | 'off' = 'off';
let pollTimer: ReturnType<typeof setInterval> | null = null;
let lastPollAt = 0;
let pollChannelId = '';

const modeListeners = new Set<() => void>();

export function liveMode(): string {
  return mode;
}

/** For the banner: tells when the live mode changes. */
export function onLiveModeChange(listener: () => void): () => void {
  modeListeners.add(listener);
  return () => modeListeners.delete(listener);
}

function setMode(next: typeof mode): void {
  mode = next;
  record('live-mode', undefined, { mode });
  modeListeners.forEach((l) => l());
}

function handleCoreEvent(store: HostStore, msg: WebSocketMessage): void {
  switch (msg.event) {
    case 'posted':
    case 'ephemeral_message':
    case 'post_edited': {
      const post = typeof msg.data.post === 'string' ? JSON.parse(msg.data.post) : msg.data.post;
      if (post) {
        store.dispatch({
          type: msg.event === 'post_edited' ? PostTypes.RECEIVED_POST : PostTypes.RECEIVED_NEW_POST,
          data: post,
          features: { crtEnabled: false },
        });
      }
      break;
    }
    case 'post_deleted': {
      const post = typeof msg.data.post === 'string' ? JSON.parse(msg.data.post) : msg.data.post;
      if (post) {
        store.dispatch({ type: PostTypes.POST_DELETED, data: post });
      }
      break;
    }
    default:
      break;
  }
}

export function dispatchWebSocketEvent(msg: WebSocketMessage, source: 'socket' | 'poll' | 'host'): void {
  if (!hostStore) {
    return;
  }
  record('ws-event', undefined, { event: msg.event, source });
  handleCoreEvent(hostStore, msg);
  for (const [pluginId, handlers] of Object.entries(pluginEventHandlers)) {
    const handler = handlers[msg.event];
    if (handler) {
      try {
        handler(msg);
      } catch (err) {
        console.error(`plugin ${pluginId} websocket handler for ${msg.event} threw`, err);
      }
    }
  }
}

/** A `posted` message as the server broadcasts it for `post` in its channel. */
export function postedMessage(post: { channel_id: string }): WebSocketMessage {
  seq += 1;
  return {
    event: 'posted',
    data: { post: JSON.stringify(post), channel_type: 'O', sender_name: '', set_online: true, team_id: '' },
    broadcast: { channel_id: post.channel_id, team_id: '', user_id: '', omit_users: null },
    seq,
  };
}

function runReconnectHandlers(): void {
  record('ws-reconnect');
  for (const handler of Object.values(pluginReconnectHandlers)) {
    try {
      handler();
    } catch (err) {
      console.error('plugin reconnect handler threw', err);
    }
  }
}

/** Watches one channel by polling when there is no socket; the host calls this on channel switch. */
export function watchChannel(channelId: string): void {
  pollChannelId = channelId;
  lastPollAt = Date.now();
}

async function pollOnce(): Promise<void> {
  if (!pollChannelId || !hostStore) {
    return;
  }
  const since = lastPollAt;
  const channelId = pollChannelId;
  lastPollAt = Date.now();
  try {
    const list = await Client4.getPostsSince(channelId, since - 1000);
    const known = (hostStore.getState() as any).entities.posts.posts;
    for (const id of [...list.order].reverse()) {
      const post = list.posts[id];
      if (post && !known[id] && post.delete_at === 0) {
        dispatchWebSocketEvent(postedMessage(post), 'poll');
      } else if (post && known[id] && known[id].update_at !== post.update_at) {
        dispatchWebSocketEvent({ ...postedMessage(post), event: post.delete_at ? 'post_deleted' : 'post_edited' }, 'poll');
      }
    }
  } catch {
    // Polling is best effort; the next round tries again.
  }
}

function startPolling(): void {
  setMode('polling');
  if (!pollTimer) {
    pollTimer = setInterval(() => void pollOnce(), 2000);
  }
}

/** Opens the socket; falls back to polling if the stand-in has none (or it never says hello). */
export function connectLive(store: HostStore): void {
  hostStore = store;
  const url = window.location.origin.replace(/^http/, 'ws') + Client4.getUrlVersion() + '/websocket';
  let opened = false;
  webSocketClient.addMessageListener((msg: any) => {
    if (msg?.event === 'hello') {
      opened = true;
      setMode('socket');
      return;
    }
    if (msg?.event) {
      dispatchWebSocketEvent(msg as WebSocketMessage, 'socket');
    }
  });
  webSocketClient.addReconnectListener(runReconnectHandlers);
  webSocketClient.addCloseListener(() => {
    if (!opened && mode !== 'polling') {
      // No socket here: poll instead. The client schedules its retry after telling its
      // close listeners, so cancel that retry on the next tick.
      setTimeout(() => webSocketClient.close(), 0);
      startPolling();
    }
  });
  webSocketClient.initialize(url);
  setTimeout(() => {
    if (!opened && mode !== 'polling') {
      webSocketClient.close();
      startPolling();
    }
  }, 4000);
}
