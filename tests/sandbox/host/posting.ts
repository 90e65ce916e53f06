// Sending from the message box as Mattermost's create_post does: a message starting with "/" runs
// every SlashCommandWillBePosted hook in order, then goes to POST /commands/execute; any other
// message runs the MessageWillBePosted hooks, then POST /posts.
import { Client4 } from 'mattermost-redux/client';

import { receivedOwnPost } from './data';
import type { HostStore } from './store';
import { dispatchWebSocketEvent, postedMessage } from './websocket';

export type Draft = { message: string; channelId: string; teamId: string; rootId?: string };

type CommandArgs = { channel_id: string; team_id?: string; root_id?: string };

async function runSlashCommandHooks(
  store: HostStore,
  message: string,
  args: CommandArgs,
): Promise<{ error?: string; message?: string; args?: CommandArgs; consumed?: boolean }> {
  const hooks = (store.getState() as any).plugins.components.SlashCommandWillBePosted ?? [];
  let msg = message;
  let cmdArgs = args;
  for (const hook of hooks) {
    const result = await hook.hook(msg, cmdArgs);
    if (result) {
      if (result.error) {
        return { error: String(result.error.message ?? result.error) };
      }
      if (!result.message && !result.args) {
        return { consumed: true };
      }
      msg = result.message;
      cmdArgs = result.args;
    }
  }
  return { message: msg, args: cmdArgs };
}

async function runMessageHooks(
  store: HostStore,
  post: Record<string, unknown>,
): Promise<{ error?: string; post?: Record<string, unknown> }> {
  const hooks = (store.getState() as any).plugins.components.MessageWillBePosted ?? [];
  let current = post;
  for (const hook of hooks) {
    const result = await hook.hook(current);
    if (result) {
      if (result.error) {
        return { error: String(result.error.message ?? result.error) };
      }
      current = result.post ?? current;
    }
  }
  return { post: current };
}

export async function submitDraft(store: HostStore, draft: Draft): Promise<{ error?: string }> {
  const message = draft.message;
  if (!message.trim()) {
    return {};
  }
  if (message.trimStart().startsWith('/')) {
    const args: CommandArgs = { channel_id: draft.channelId, team_id: draft.teamId, ...(draft.rootId ? { root_id: draft.rootId } : {}) };
    const hooked = await runSlashCommandHooks(store, message.trimStart(), args);
    if (hooked.error) {
      return { error: hooked.error };
    }
    if (hooked.consumed) {
      return {};
    }
    try {
      await Client4.executeCommand(hooked.message!, hooked.args as any);
      return {};
    } catch (err) {
      return { error: (err as Error).message || 'The command failed.' };
    }
  }
  const me = (store.getState() as any).entities.users.currentUserId;
  const hooked = await runMessageHooks(store, {
    channel_id: draft.channelId,
    message,
    root_id: draft.rootId ?? '',
    user_id: me,
    create_at: 0,
    pending_post_id: `${me}:${Date.now()}`,
  });
  if (hooked.error) {
    return { error: hooked.error };
  }
  try {
    const post: any = await Client4.createPost(hooked.post as any);
    receivedOwnPost(store, post);
    // The server would broadcast `posted` to the author's own sockets too.
    dispatchWebSocketEvent(postedMessage(post));
    return {};
  } catch (err) {
    return { error: (err as Error).message || 'The message could not be sent.' };
  }
}
