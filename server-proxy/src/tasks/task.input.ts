import { LIMITS, type TaskSnapshot } from '@throughline/contract';
import type { Caller } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import type { MattermostGateway } from '../mattermost/gateway.js';
import { CONTROL_ALL, cut, withoutDirection } from '../util/text.js';
import type { Task } from './task.types.js';

/** The message a task is made from, read with the caller's token (so Mattermost checks they may read it). */
export async function readSourcePost(mm: MattermostGateway, caller: Caller, postId: string, channelId?: string) {
  const post = await mm.post(caller.token, postId);
  if (!post || post.delete_at > 0) throw new AppError('not_found', 'Message not found');
  if (post.type?.startsWith('system_') || post.id.length !== 26) {
    throw new AppError('post_not_taskable', 'System messages cannot become tasks');
  }
  if (channelId && channelId !== post.channel_id) {
    throw new AppError('validation_failed', 'body.channel_id does not match the channel of the message');
  }
  const text = withoutDirection(post.message ?? '')
    .replace(/\r\n?/g, '\n')
    .trim();
  const [first = '', ...rest] = text.split('\n');
  const firstLine = first.replace(CONTROL_ALL, ' ').trim();
  const fallback = firstLine || (post.file_ids?.length ? 'Files from a message' : 'Task from a message');
  return {
    postId: post.id,
    channelId: post.channel_id,
    threadRootId: post.root_id || post.id,
    title: cut(fallback, LIMITS.titleMax),
    description: cut(firstLine.length > LIMITS.titleMax ? text : rest.join('\n').trim(), LIMITS.descriptionMax),
  };
}

export function snapshot(t: Task): TaskSnapshot {
  return {
    id: t.id,
    title: t.title,
    status: t.status,
    assignee_id: t.assignee_id,
    due_at: t.due_at,
    channel_id: t.channel_id,
    version: t.version,
  };
}

export function conflict(current: Task): AppError {
  return new AppError('version_conflict', 'Someone changed this task since you loaded it; review the current version and try again', {
    current,
  });
}

export function normalizeDue(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const d = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) || Number.isNaN(d.getTime())) {
    throw new AppError('validation_failed', 'due_at must be an ISO 8601 date or date-time, e.g. 2026-12-01T17:00:00Z');
  }
  const y = d.getUTCFullYear();
  if (y < 2000 || y > 2200) throw new AppError('validation_failed', 'due_at must be between the years 2000 and 2200');
  return d.toISOString();
}
