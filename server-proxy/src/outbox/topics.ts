import type { OutboxMessage } from './outbox.types.js';

/**
 * What a notification is about, for coalescing: of the messages of one topic only the newest that
 * is not yet being delivered is kept, and they go out at most once per minimum interval.
 * `state` is what the message tells (a message telling what was last told is not sent); `initial`
 * is what readers know before any message of the topic.
 */
export interface Topic {
  key: string;
  state: string | null;
  initial: string | null;
}

export function topicOf(m: OutboxMessage): Topic | null {
  switch (m.kind) {
    case 'task_done':
    case 'task_reopened':
      return { key: `task:${m.task.id}:status`, state: m.kind === 'task_done' ? 'done' : 'open', initial: 'open' };
    case 'rollout_reopened':
      // The same line of news as done/reopened, but never "unchanged": each approval asks again.
      return { key: `task:${m.task.id}:status`, state: `recheck:${m.version_number}`, initial: 'open' };
    case 'assignment_dm':
      return { key: `task:${m.task.id}:assignee`, state: m.user_id, initial: null };
    case 'bookmark_pin':
      // One bookmark per asset and channel: a newer approval replaces a pin still waiting, and pins go out in order.
      return { key: `bookmark:${m.asset_id}:${m.channel_id}`, state: null, initial: null };
    default:
      // Cards are one per object (a decision card is edited later by its outbox id), reminders one per due date.
      return null;
  }
}
