import { LIMITS } from '@throughline/contract';
import type { Post } from '@mattermost/types/posts';
import type { Access } from '../access/access.js';
import { allows, type Facts } from '../access/policy.js';
import * as assets from '../assets/asset.repository.js';
import type { Db } from '../db/database.js';
import type { Caller } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import type { BotClient } from '../mattermost/bot.js';
import type { MattermostGateway } from '../mattermost/gateway.js';
import * as tasks from '../tasks/task.repository.js';
import { CONTROL_ALL, cut, multiLine, withoutDirection } from '../util/text.js';
import * as repo from './decision.repository.js';
import type { DecisionQuote } from './decision.types.js';
import { channelsOf } from './decision.view.js';

export interface SourcePost {
  postId: string;
  channelId: string;
  authorId: string;
  rootId: string;
  text: string;
}

/** Text someone wrote in Mattermost, made fit for our fields: no direction or control characters but line breaks and tabs. */
const cleanText = (s: string) =>
  withoutDirection(s)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(CONTROL_ALL, (c) => (c === '\t' ? c : ' ')))
    .join('\n')
    .trim();

/** A multi-line field that must say something. */
export function required(field: string, value: string, max: number): string {
  const v = multiLine(field, value, max).trim();
  if (!v) throw new AppError('validation_failed', `${field} must not be empty`);
  return v;
}

/**
 * What a decision refers to, checked as the caller: the source post and quoted replies (read with
 * their token, or by the bot for a Mattermost-vouched caller), its channels, approver and links.
 */
export class DecisionInputs {
  constructor(
    private readonly db: Db,
    private readonly access: Access,
    private readonly mm: MattermostGateway,
    private readonly bot: BotClient | null,
  ) {}

  /** The message a decision is recorded from, read as the caller (or, for a Mattermost-vouched caller, by the bot). */
  async readSource(caller: Caller, postId: string, channelId?: string): Promise<SourcePost> {
    const post = await this.readPost(caller, postId);
    if (!post || post.delete_at > 0) throw new AppError('not_found', 'Message not found');
    if (post.type?.startsWith('system_')) throw new AppError('post_not_taskable', 'System messages cannot become decisions');
    if (channelId && channelId !== post.channel_id)
      throw new AppError('validation_failed', 'body.channel_id does not match the channel of the message');
    return {
      postId: post.id,
      channelId: post.channel_id,
      authorId: post.user_id,
      rootId: post.root_id || post.id,
      text: cut(cleanText(post.message ?? ''), LIMITS.statementMax),
    };
  }

  async readPost(caller: Caller, postId: string): Promise<Post | null> {
    if (!caller.viaBot) return this.mm.post(caller.token, postId);
    if (!this.bot) throw new AppError('unavailable', 'The Throughline bot is not configured (MM_BOT_TOKEN)');
    const post = await this.bot.post(postId);
    // The bot reads for the caller only what the caller could read: posts of their channels.
    return post && (await this.access.membership(caller, post.channel_id)) ? post : null;
  }

  /** Replies of the source thread quoted as arguments, in the order given. */
  async readQuotes(caller: Caller, source: SourcePost, postIds: readonly string[]): Promise<DecisionQuote[]> {
    const quotes: DecisionQuote[] = [];
    for (const postId of [...new Set(postIds)]) {
      const p = await this.readPost(caller, postId);
      if (!p || p.delete_at > 0 || p.channel_id !== source.channelId || (p.root_id || p.id) !== source.rootId)
        throw new AppError('validation_failed', 'Only messages of the source thread can be quoted');
      quotes.push({
        post_id: p.id,
        user_id: p.user_id,
        message: cut(cleanText(p.message ?? ''), LIMITS.commentMax),
        created_at: new Date(p.create_at).toISOString(),
      });
    }
    return quotes;
  }

  /** Channels of the project the caller is a member of; a guest is told no more than "not found" about others. */
  checkChannels(caller: Caller, facts: Facts, projectChannels: readonly string[], ids: readonly string[]): string[] {
    const unique = [...new Set(ids)];
    for (const c of unique) {
      if (!projectChannels.includes(c))
        throw new AppError('channel_not_in_project', 'A decision can apply only to channels of its project');
      if (!facts.standings.has(c)) {
        if (caller.isGuest) throw new AppError('not_found', 'Channel not found');
        throw new AppError('forbidden', 'You can apply a decision only to channels you are a member of');
      }
    }
    return unique;
  }

  async checkApprover(caller: Caller, sourceChannel: string, approverId: string | null): Promise<void> {
    if (!approverId) return;
    const standing = await this.access.standingOf(caller, sourceChannel, approverId);
    if (!standing || standing === 'guest')
      throw new AppError('approver_not_eligible', 'The approver must be a non-guest member of the channel the decision comes from');
  }

  async checkTasks(caller: Caller, projectId: string, ids: readonly string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    for (const id of unique) {
      const t = await tasks.findTask(this.db, id);
      if (!t || !(await this.access.membership(caller, t.channel_id))) throw new AppError('not_found', 'Task not found');
      if (t.project_id !== projectId) throw new AppError('cross_project', 'A decision can link only tasks of its own project');
    }
    return unique;
  }

  async checkVersions(caller: Caller, projectId: string, ids: readonly string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    for (const id of unique) {
      const assetId = await assets.assetIdOfVersion(this.db, id);
      const asset = assetId ? await assets.loadAsset(this.db, assetId) : null;
      if (!asset || !allows('asset.read', await this.access.facts(caller, asset.channel_ids)))
        throw new AppError('not_found', 'Asset version not found');
      if (asset.project_id !== projectId) throw new AppError('cross_project', 'A decision can link only asset versions of its own project');
    }
    return unique;
  }

  async checkSupersedes(caller: Caller, projectId: string, id: string): Promise<void> {
    const old = await repo.findDecision(this.db, id);
    const facts = old ? await this.access.facts(caller, channelsOf(old)) : null;
    if (!old || !facts || !allows('decision.read', facts)) throw new AppError('not_found', 'The decision to supersede was not found');
    if (old.project_id !== projectId) throw new AppError('cross_project', 'A decision can supersede only one of its own project');
    this.access.require('decision.supersede', facts);
    if (old.status !== 'decided')
      throw new AppError('decision_closed', `Only a decision in force can be superseded; that one is ${old.status}`);
  }
}
