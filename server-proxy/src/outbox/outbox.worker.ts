import os from 'node:os';
import mmClient from '@mattermost/client';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.js';
import type { ActionSigner } from '../integrations/signer.js';
import type { BotClient } from '../mattermost/bot.js';
import { Bookmarks, cardLink } from '../assets/bookmarks.js';
import { findTask } from '../tasks/task.repository.js';
import { newId } from '../util/ids.js';
import { Loop } from '../util/loop.js';
import { asLocale, renderPost } from './messages.js';
import {
  PARKED_MS,
  claimDue,
  markDelivered,
  markFailed,
  markSkipped,
  releaseLeases,
  renewLeases,
  resultPostId,
  type OutboxRow,
} from './outbox.repository.js';
import type { OutboxMessage } from './outbox.types.js';

const { ClientError } = mmClient;

/**
 * The person a message is addressed to and the channel of the object it is about. Whoever it is
 * must still be a member of that channel when the message goes out, not only when it was queued:
 * a DM carries the object's title and buttons.
 */
function addressee(m: OutboxMessage): { userId: string; channelId: string } | null {
  if (m.kind === 'recall_dm') return m.channel_id ? { userId: m.user_id, channelId: m.channel_id } : null;
  return 'user_id' in m ? { userId: m.user_id, channelId: m.task.channel_id } : null;
}

export interface OutboxOptions {
  pollMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** A claim lasts this long unless renewed; renewed every third of it while the worker is alive. */
  leaseMs: number;
  botLocale: string;
  actionsUrl: string;
  /** Mattermost's address as people's browsers and apps know it: permalinks start with it. */
  siteUrl: string;
}

const BATCH = 20;
/** A message Mattermost keeps refusing (4xx) is parked after this many tries; outages retry for ever. */
const MAX_REFUSALS = 8;

/**
 * Delivers queued notifications through the bot, with retries and backoff. Several replicas can run
 * one each: a message is claimed by exactly one of them, and a retried post carries the same
 * pending_post_id, which Mattermost uses to answer with the first post instead of making another.
 */
export class OutboxWorker {
  readonly id = `${os.hostname()}:${process.pid}:${newId().slice(-8)}`;
  private readonly loop: Loop;
  private readonly bookmarks: Bookmarks | null;

  constructor(
    private readonly db: Db,
    private readonly bot: BotClient | null,
    private readonly signer: ActionSigner,
    private readonly log: FastifyBaseLogger,
    private readonly opts: OutboxOptions,
  ) {
    this.bookmarks = bot ? new Bookmarks(db, bot, log, opts.siteUrl) : null;
    // A pass fails only when the database does; Mattermost's refusals and outages are per message.
    this.loop = new Loop(
      { name: 'outbox worker', log, intervalMs: opts.pollMs, retryBaseMs: opts.retryBaseMs, retryMaxMs: opts.retryMaxMs },
      (p) => this.drain(p.signal),
    );
  }

  start(): void {
    if (!this.bot) {
      this.log.warn('MM_BOT_TOKEN is not set: notifications are queued but not posted');
      return;
    }
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** After a commit that queued messages: deliver now rather than at the next poll. */
  poke(): void {
    this.loop.poke();
  }

  private async drain(signal: AbortSignal): Promise<void> {
    for (;;) {
      const now = Date.now();
      const rows = await claimDue(this.db, this.id, new Date(now).toISOString(), new Date(now + this.opts.leaseMs).toISOString(), BATCH);
      if (!rows.length) return;
      const lease = this.hold(now);
      try {
        for (const row of rows) {
          // Rows left behind are another worker's to take: at once after a stop, after their lease otherwise.
          if (signal.aborted || !lease.valid()) return;
          await this.deliver(row);
        }
      } finally {
        lease.end();
        if (signal.aborted) await releaseLeases(this.db, this.id);
      }
      if (rows.length < BATCH) return;
    }
  }

  /**
   * Keeps the claimed rows this worker's while it works on them: their lease is short, so a worker
   * that dies (SIGKILL, a lost host) hands them over within one lease, and is renewed on a timer
   * that runs whatever Mattermost is doing. A worker whose renewals stop landing (its database is
   * unreachable) starts no new delivery once a third of the lease is all that may be left.
   */
  private hold(claimedAt: number): { valid(): boolean; end(): void } {
    const { leaseMs } = this.opts;
    let until = claimedAt + leaseMs;
    let renewing = false;
    const timer = setInterval(() => {
      if (renewing) return;
      renewing = true;
      const at = Date.now();
      renewLeases(this.db, this.id, new Date(at + leaseMs).toISOString())
        .then(() => (until = at + leaseMs))
        .catch((err: unknown) => this.log.warn({ err }, 'outbox lease not renewed'))
        .finally(() => (renewing = false));
    }, leaseMs / 3);
    timer.unref();
    return { valid: () => Date.now() < until - leaseMs / 3, end: () => clearInterval(timer) };
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const bot = this.bot!;
    try {
      const m = row.message;
      if (m.kind === 'bookmark_pin') {
        const skipped = await this.bookmarks!.pin(m);
        if (skipped) await markSkipped(this.db, row.id, this.id, new Date().toISOString(), skipped);
        else await markDelivered(this.db, row.id, this.id, new Date().toISOString(), null);
        return;
      }
      const to = addressee(m);
      if (to && !(await bot.membership(to.channelId, to.userId))) {
        this.log.info(
          { outbox_id: row.id, kind: m.kind, user_id: to.userId, channel_id: to.channelId },
          'notification dropped: not a member',
        );
        await markSkipped(this.db, row.id, this.id, new Date().toISOString(), 'recipient_not_in_channel');
        return;
      }
      // An assignment DM goes only to whoever holds the task when it is sent: a quick reassignment makes it stale.
      if (m.kind === 'assignment_dm' && (await findTask(this.db, m.task.id))?.assignee_id !== m.user_id) {
        await markSkipped(this.db, row.id, this.id, new Date().toISOString(), 'no_longer_assignee');
        return;
      }
      const self = await bot.me();
      const actorId = 'actor_id' in m ? m.actor_id : null;
      const assigneeId = 'task' in m ? m.task.assignee_id : m.kind === 'decision_proposal' ? m.approver_id : null;
      const readerId = 'user_id' in m ? m.user_id : null;
      const people = await bot.usersById([actorId, assigneeId, readerId].filter((id): id is string => Boolean(id)));
      const [actor, assignee, reader] = [actorId, assigneeId, readerId].map((id) => (id ? people.get(id) : undefined));
      const channelId =
        'user_id' in m
          ? await bot.directChannelWith(m.user_id)
          : m.kind === 'digest_dm'
            ? await bot.directChannelWith(m.recipient_id)
            : m.channel_id;
      const linked = m.kind === 'recall_dm' && m.card_outbox_id ? await resultPostId(this.db, m.card_outbox_id, new Date()) : 'none';
      // The card it links to was queued with it: the DM waits for it, as an edit does.
      if (linked === 'waiting') throw new Error('the card to link to is not posted yet');
      const post = renderPost(m, {
        link: typeof linked === 'object' ? cardLink(this.opts.siteUrl, linked.posted) : null,
        locale: asLocale(reader?.locale ?? this.opts.botLocale),
        actorName: actor?.username ?? 'someone',
        assigneeName: assignee?.username ?? null,
        actionsUrl: this.opts.actionsUrl,
        signer: this.signer,
      });
      let postId: string;
      if (m.kind === 'decision_card_edit' || m.kind === 'approval_card_edit') {
        // The card must have been posted first; until then this waits and is retried like an outage.
        const card = await resultPostId(this.db, m.card_outbox_id, new Date());
        if (card === 'waiting') throw new Error('the card to edit is not posted yet');
        if (card === 'none') {
          await markSkipped(this.db, row.id, this.id, new Date().toISOString(), 'card_not_posted');
          return;
        }
        postId = (await bot.patchPost(card.posted, { message: post.message, props: post.props ?? {} })).id;
      } else {
        postId = (await bot.createPost({ ...post, channel_id: channelId, pending_post_id: `${self.id}:${row.id}` })).id;
      }
      await markDelivered(this.db, row.id, this.id, new Date().toISOString(), postId);
    } catch (err) {
      const attempts = row.attempts + 1;
      const status = err instanceof ClientError ? err.status_code : undefined;
      const refused = typeof status === 'number' && status >= 400 && status < 500 && status !== 429;
      const delay =
        refused && attempts >= MAX_REFUSALS
          ? PARKED_MS
          : Math.min(this.opts.retryMaxMs, this.opts.retryBaseMs * 2 ** Math.min(attempts - 1, 16));
      this.log.warn(
        { outbox_id: row.id, kind: row.message.kind, attempts, status, err: (err as Error).message },
        'notification not delivered yet',
      );
      await markFailed(
        this.db,
        row.id,
        this.id,
        attempts,
        new Date(Date.now() + delay).toISOString(),
        (err as Error).message ?? String(err),
      );
    }
  }
}
