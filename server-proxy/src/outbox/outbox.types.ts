import type { DecisionCardProps, TaskSnapshot } from '@throughline/contract';

export type { TaskSnapshot };

/** What to tell whom; the post itself is written at delivery, in the reader's language. */
export type OutboxMessage =
  /** A new task's card: in the thread of its source message, or (a rollout's child) on its own. */
  | { kind: 'task_card'; channel_id: string; root_id: string | null; actor_id: string; task: TaskSnapshot }
  | { kind: 'assignment_dm'; user_id: string; actor_id: string; task: TaskSnapshot }
  | { kind: 'reminder_dm'; user_id: string; task: TaskSnapshot }
  | { kind: 'task_done'; channel_id: string; root_id: string | null; actor_id: string; task: TaskSnapshot }
  /** A done task moved back to another status: the channel was told it was done. */
  | { kind: 'task_reopened'; channel_id: string; root_id: string | null; actor_id: string; task: TaskSnapshot }
  | {
      /** A newer approved version reopened a rollout's done child: its channel is asked to check again. */
      kind: 'rollout_reopened';
      channel_id: string;
      actor_id: string;
      asset_name: string;
      version_number: number;
      task: TaskSnapshot;
    }
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
  | {
      /** A proposed decision, in its source channel, with a "Decide" button (mobile runs no webapp plugins). */
      kind: 'decision_proposal';
      channel_id: string;
      actor_id: string;
      card: DecisionCardProps;
      /** The one person who may decide it; null: any non-guest member of the channel. */
      approver_id: string | null;
    }
  | {
      /** A decided decision, sent to one channel it applies to, with a "Confirm receipt" button. */
      kind: 'decision_card';
      channel_id: string;
      actor_id: string;
      card: DecisionCardProps;
      rationale: string;
      /** The statement of the decision this one replaces, if any. */
      supersedes_statement: string | null;
    }
  | {
      /** Rewrites a decision card the bot posted earlier (the one `card_outbox_id` delivered): decided (a proposal card), superseded or revoked. */
      kind: 'decision_card_edit';
      channel_id: string;
      actor_id: string;
      card_outbox_id: string;
      card: DecisionCardProps;
      superseded_by_statement: string | null;
      reason: string | null;
    }
  | { kind: 'channel_post'; channel_id: string; root_id: string | null; message: string; type?: string; props?: Record<string, unknown> };
