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
  | {
      /** Rewrites an approval card the bot posted (the one `card_outbox_id` delivered): superseded, without its button. */
      kind: 'approval_card_edit';
      channel_id: string;
      actor_id: string;
      card_outbox_id: string;
      asset_id: string;
      asset_name: string;
      version_id: string;
      version_number: number;
      file_name: string;
      superseded_by_number: number;
    }
  | {
      /** Pins the approved version in a channel as a bookmark to its approval card there; removes the bot's older ones of the asset. */
      kind: 'bookmark_pin';
      channel_id: string;
      asset_id: string;
      asset_name: string;
      version_id: string;
      version_number: number;
      /** The approval card the bookmark leads to (the outbox message that posts it). */
      card_outbox_id: string;
    }
  | {
      /** Tells someone who downloaded a version that it was superseded, and which version to use. */
      kind: 'recall_dm';
      user_id: string;
      /** The channel of their last download with one: they must still be in it; the card linked is there. */
      channel_id: string | null;
      asset_id: string;
      asset_name: string;
      version_number: number;
      current_version_id: string;
      current_number: number;
      current_file_name: string;
      /** The current version's approval card in that channel, to link to; null when there is none. */
      card_outbox_id: string | null;
    }
  /** A project channel's weekly digest, written (in BOT_LOCALE) when it was compiled and stored. */
  | { kind: 'digest_post'; channel_id: string; project_id: string; digest_id: string; message: string }
  /** A subscriber's digest, in their language, by direct message. */
  | { kind: 'digest_dm'; recipient_id: string; project_id: string; digest_id: string; message: string }
  | { kind: 'channel_post'; channel_id: string; root_id: string | null; message: string; type?: string; props?: Record<string, unknown> };
