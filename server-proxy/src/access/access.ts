import type { Permission } from '@throughline/contract';
import type { Caller } from '../http/auth.js';
import type { BotClient } from '../mattermost/bot.js';
import { AppError } from '../http/errors.js';
import { isAdminMembership, isGuestMembership, type MattermostGateway, type Membership } from '../mattermost/gateway.js';
import { RULES, allows, type Facts, type Standing } from './policy.js';

const PARALLEL_CHECKS = 16;
/** Up to this many channels, asking about each costs no more than listing the caller's channels. */
const FEW_CHANNELS = 3;

/**
 * Asks Mattermost what the caller is in the channels an object lives in, with the caller's own
 * token (an outage fails closed: 503), and has the policy decide. Services ask here by permission
 * name; they never look at roles themselves.
 */
export class Access {
  /** memberChannels' answers, by the caller's channels (as cached by the gateway) and the list asked about. */
  private readonly memberAnswers = new WeakMap<ReadonlyMap<string, Membership>, WeakMap<readonly string[], ReadonlySet<string>>>();

  constructor(
    private readonly mm: MattermostGateway,
    private readonly bot: BotClient | null,
  ) {}

  /**
   * The caller's standing in each of `channelIds` they are a member of. A few channels are asked
   * about one by one; for more, Mattermost is asked once for all the caller's channels (a list over
   * hundreds of channels costs a constant number of calls), and the two are intersected.
   */
  async standings(caller: Caller, channelIds: Iterable<string>): Promise<Map<string, Standing>> {
    const ids = [...new Set(channelIds)];
    const result = new Map<string, Standing>();
    const mine = ids.length > FEW_CHANNELS && !caller.viaBot ? await this.mm.myChannels(caller.token, caller.id) : null;
    if (mine) {
      for (const id of ids) {
        const m = mine.get(id);
        if (m) result.set(id, standingOf(m));
      }
      return result;
    }
    for (let i = 0; i < ids.length; i += PARALLEL_CHECKS) {
      const slice = ids.slice(i, i + PARALLEL_CHECKS);
      const answers = await Promise.all(slice.map((id) => this.membership(caller, id)));
      answers.forEach((m, j) => m && result.set(slice[j]!, standingOf(m)));
    }
    return result;
  }

  /** The facts the policy decides on, for an object in `channelIds`. */
  async facts(caller: Caller, channelIds: Iterable<string>, extra: Pick<Facts, 'target' | 'createdBy'> = {}): Promise<Facts> {
    const ids = [...channelIds];
    if (extra.target !== undefined) ids.push(extra.target);
    return { caller, standings: await this.standings(caller, ids), ...extra };
  }

  /** Throws the permission's refusal (404 or 403) unless the policy allows it. */
  require(permission: Permission, facts: Facts): void {
    if (!allows(permission, facts)) {
      const rule = RULES[permission];
      throw new AppError(rule.deny, rule.message);
    }
  }

  /** Which of `permissions` the facts grant: what the webapp is told it may do. */
  granted<P extends Permission>(permissions: readonly P[], facts: Facts): P[] {
    return permissions.filter((p) => allows(p, facts));
  }

  /** Facts about one channel, or a 404 that says no more than "not found" for a non-member. */
  async requireMember(caller: Caller, channelId: string, what = 'Channel'): Promise<Facts> {
    const facts = await this.facts(caller, [], { target: channelId });
    if (!facts.standings.has(channelId)) throw new AppError('not_found', `${what} not found`);
    return facts;
  }

  /**
   * The channels among `channelIds` the caller is a member of. A list of many channels that is kept
   * as it is (a project's channels at a change mark) is answered from the caller's channels as
   * Mattermost last told them: asked again while both are the same objects, the answer is the same
   * set, made once. Neither is ever changed in place, so the same objects mean the same answer.
   */
  async memberChannels(caller: Caller, channelIds: Iterable<string>): Promise<ReadonlySet<string>> {
    if (Array.isArray(channelIds) && channelIds.length > FEW_CHANNELS && !caller.viaBot) {
      const mine = await this.mm.myChannels(caller.token, caller.id);
      if (mine) {
        let answers = this.memberAnswers.get(mine);
        if (!answers) this.memberAnswers.set(mine, (answers = new WeakMap()));
        let members = answers.get(channelIds);
        if (!members) answers.set(channelIds, (members = new Set(channelIds.filter((id) => mine.has(id)))));
        return members;
      }
    }
    return new Set((await this.standings(caller, channelIds)).keys());
  }

  /** Whether someone else (an assignee) is a member, asked as the caller (or the bot, for Mattermost-vouched callers). */
  async isChannelMember(caller: Caller, channelId: string, userId: string): Promise<boolean> {
    if (caller.viaBot) return (await this.requireBot().membership(channelId, userId)) !== null;
    return this.mm.isChannelMember(caller.token, channelId, userId);
  }

  /** Someone else's standing in a channel (an approver's), asked as the caller or the bot; null when not a member. */
  async standingOf(caller: Caller, channelId: string, userId: string): Promise<Standing | null> {
    const m = caller.viaBot
      ? await this.requireBot().membership(channelId, userId)
      : await this.mm.channelMember(caller.token, channelId, userId);
    return m ? standingOf(m) : null;
  }

  /**
   * A caller from the webapp is asked about with their own token. One who came through a slash
   * command or a button brings no token: Mattermost vouched for them, and the bot asks for them.
   */
  membership(caller: Caller, channelId: string): Promise<Membership | null> {
    if (caller.viaBot) return this.requireBot().membership(channelId, caller.id);
    return this.mm.myMembership(caller.token, caller.id, channelId);
  }

  private requireBot(): BotClient {
    if (!this.bot) throw new AppError('unavailable', 'The Throughline bot is not configured (MM_BOT_TOKEN)');
    return this.bot;
  }
}

function standingOf(m: Membership): Standing {
  if (isGuestMembership(m)) return 'guest';
  return isAdminMembership(m) ? 'admin' : 'member';
}
