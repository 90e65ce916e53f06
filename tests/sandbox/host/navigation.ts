// Moving around the sandbox: channels (with Mattermost-shaped URLs /<team>/channels/<name>) and
// threads (SELECT_POST opens the thread in the right-hand sidebar, replacing a plugin's RHS).
import { Client4 } from 'mattermost-redux/client';

import { ActionTypes } from './constants';
import { loadChannel, loadThread, selectTeam } from './data';
import { hostPush } from './history';
import { hostStore } from './session';
import { watchChannel } from './websocket';

export async function openChannel(channelId: string, push = true): Promise<void> {
  const store = hostStore();
  const state = store.getState() as any;
  const channel = state.entities.channels.channels[channelId];
  if (channel?.team_id && channel.team_id !== state.entities.teams.currentTeamId) {
    selectTeam(store, channel.team_id);
  }
  await loadChannel(store, channelId);
  watchChannel(channelId);
  const team = state.entities.teams.teams[channel?.team_id ?? state.entities.teams.currentTeamId];
  if (push && team && channel) {
    const url = `/${team.name}/channels/${channel.name}${window.location.search}`;
    if (window.location.pathname + window.location.search !== url) {
      hostPush(url);
    }
  }
}

export async function openThread(rootId: string): Promise<void> {
  const store = hostStore();
  const post = (store.getState() as any).entities.posts.posts[rootId];
  store.dispatch({ type: ActionTypes.SELECT_POST, postId: rootId, channelId: post?.channel_id ?? '', timestamp: Date.now() });
  await loadThread(store, rootId);
}

export function closeRhs(): void {
  hostStore().dispatch({ type: ActionTypes.UPDATE_RHS_STATE, state: null });
}

/** /<team>/pl/<postId>: the post's channel, its thread if it is a reply, the post highlighted. */
export async function openPermalink(postId: string): Promise<string | null> {
  try {
    const post: any = await Client4.getPost(postId);
    await openChannel(post.channel_id);
    if (post.root_id) {
      await openThread(post.root_id);
    }
    return post.id;
  } catch {
    return null;
  }
}
