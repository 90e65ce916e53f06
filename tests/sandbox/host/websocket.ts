// Live events for the host and its plugins. The stand-in has no WebSocket, so the host polls the
// open channel and turns what it finds into the messages Mattermost's socket would carry (`posted`,
// `post_edited`, `post_deleted`). Each event goes first to the host's core handling (the store),
// then to the one handler each plugin registered for it, as Mattermost's websocket_actions does.
import * as mmClient from '@mattermost/client';

import { PostTypes } from 'mattermost-redux/action_types';
import { Client4 } from 'mattermost-redux/client';

import type { HostStore } from './store';

type Handler = (msg: unknown) => void;

const pluginEventHandlers: Record<string, Record<string, Handler>> = {};
const pluginReconnectHandlers: Record<string, () => void> = {};

export function registerPluginWebSocketEvent(pluginId: string, event: string, handler: Handler): void {
  // One handler per plugin and event: a second registration replaces the first.
  pluginEventHandlers[pluginId] = { ...pluginEventHandlers[pluginId], [event]: handler };
}

export function unregisterPluginWebSocketEvent(pluginId: string, event: string): void {
  delete pluginEventHandlers[pluginId]?.[event];
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

export type WebSocketMessage = { event: string; data: Record<string, any>; broadcast: Record<string, any>; seq: number };

/** The instance plugins receive as the `webSocketClient` prop; never connected, as there is no socket to connect to. */
export const webSocketClient = new mmClient.WebSocketClient();

let seq = 0;
let hostStore: HostStore | null = null;
let lastPollAt = 0;
let pollChannelId = '';

function handleCoreEvent(store: HostStore, msg: WebSocketMessage): void {
  const post = typeof msg.data.post === 'string' ? JSON.parse(msg.data.post) : msg.data.post;
  if (!post) {
    return;
  }
  if (msg.event === 'post_deleted') {
    store.dispatch({ type: PostTypes.POST_DELETED, data: post });
  } else if (['posted', 'ephemeral_message', 'post_edited'].includes(msg.event)) {
    const type = msg.event === 'post_edited' ? PostTypes.RECEIVED_POST : PostTypes.RECEIVED_NEW_POST;
    store.dispatch({ type, data: post, features: { crtEnabled: false } });
  }
}

export function dispatchWebSocketEvent(msg: WebSocketMessage): void {
  if (!hostStore) {
    return;
  }
  handleCoreEvent(hostStore, msg);
  for (const [pluginId, handlers] of Object.entries(pluginEventHandlers)) {
    try {
      handlers[msg.event]?.(msg);
    } catch (err) {
      console.error(`plugin ${pluginId} websocket handler for ${msg.event} threw`, err);
    }
  }
}

/** A message as the server broadcasts it for `post` in its channel (`posted` unless told otherwise). */
export function postedMessage(post: { channel_id: string }, event = 'posted'): WebSocketMessage {
  seq += 1;
  return {
    event,
    data: { post: JSON.stringify(post), channel_type: 'O', sender_name: '', set_online: true, team_id: '' },
    broadcast: { channel_id: post.channel_id, team_id: '', user_id: '', omit_users: null },
    seq,
  };
}

/** Watches one channel; the host calls this on channel switch. */
export function watchChannel(channelId: string): void {
  pollChannelId = channelId;
  lastPollAt = Date.now();
}

async function pollOnce(): Promise<void> {
  if (!pollChannelId || !hostStore) {
    return;
  }
  const since = lastPollAt;
  lastPollAt = Date.now();
  try {
    const list = await Client4.getPostsSince(pollChannelId, since - 1000);
    const known = (hostStore.getState() as any).entities.posts.posts;
    for (const id of [...list.order].reverse()) {
      const post = list.posts[id];
      if (post && !known[id] && post.delete_at === 0) {
        dispatchWebSocketEvent(postedMessage(post));
      } else if (post && known[id] && known[id].update_at !== post.update_at) {
        dispatchWebSocketEvent(postedMessage(post, post.delete_at ? 'post_deleted' : 'post_edited'));
      }
    }
  } catch {
    // Polling is best effort; the next round tries again.
  }
}

export function connectLive(store: HostStore): void {
  hostStore = store;
  setInterval(() => void pollOnce(), 2000);
}
