import type { TaskSnapshot } from '@throughline/contract';

export type { TaskSnapshot };

/** What to tell whom; the post itself is written at delivery, in the reader's language. */
export type OutboxMessage =
  | { kind: 'task_card'; channel_id: string; root_id: string; actor_id: string; task: TaskSnapshot }
  | { kind: 'assignment_dm'; user_id: string; actor_id: string; task: TaskSnapshot }
  | { kind: 'reminder_dm'; user_id: string; task: TaskSnapshot }
  | { kind: 'task_done'; channel_id: string; root_id: string | null; actor_id: string; task: TaskSnapshot }
  | {
      kind: 'approval_card';
      channel_id: string;
      actor_id: string;
      asset_id: string;
      asset_name: string;
      version_id: string;
      version_number: number;
      file_name: string;
      comment: string | null;
    }
  | { kind: 'channel_post'; channel_id: string; root_id: string | null; message: string; type?: string; props?: Record<string, unknown> };
