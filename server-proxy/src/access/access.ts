import type { Caller } from '../http/auth.js';
import type { BotClient } from '../mattermost/bot.js';
import { AppError } from '../http/errors.js';
import { isAdminMembership, isGuestMembership, type MattermostGateway, type Membership } from '../mattermost/gateway.js';

const PARALLEL_CHECKS = 16;

/**
 * The one access rule: a caller may see or change an object only while Mattermost says they are a
 * member of one of its channels. Asked with the caller's own token; an outage fails closed (503).
 */
export class Access {
  constructor(
    private readonly mm: MattermostGateway,
    private readonly bot: BotClient | null,
  ) {}

  /**
   * A caller from the webapp is asked about with their own token. One who came through a slash
   * command or a button brings no token: Mattermost vouched for them, and the bot asks for them.
   */
  membership(caller: Caller, channelId: string): Promise<Membership | null> {
    if (caller.viaBot) return this.requireBot().membership(channelId, caller.id);
    return this.mm.myMembership(caller.token, channelId);
  }

  /** The caller's membership, or a 404 that says no more than "not found". */
  async requireMember(caller: Caller, channelId: string, what = 'Channel'): Promise<Membership> {
    const m = await this.membership(caller, channelId);
    if (!m) throw new AppError('not_found', `${what} not found`);
    return m;
  }

  /** The channels among `channelIds` the caller is a member of. */
  async memberChannels(caller: Caller, channelIds: Iterable<string>): Promise<Set<string>> {
    const ids = [...new Set(channelIds)];
    const result = new Set<string>();
    for (let i = 0; i < ids.length; i += PARALLEL_CHECKS) {
      const slice = ids.slice(i, i + PARALLEL_CHECKS);
      const answers = await Promise.all(slice.map((id) => this.membership(caller, id)));
      answers.forEach((m, j) => m && result.add(slice[j]!));
    }
    return result;
  }

  async isChannelMember(caller: Caller, channelId: string, userId: string): Promise<boolean> {
    if (caller.viaBot) return (await this.requireBot().membership(channelId, userId)) !== null;
    return this.mm.isChannelMember(caller.token, channelId, userId);
  }

  private requireBot(): BotClient {
    if (!this.bot) throw new AppError('unavailable', 'The Throughline bot is not configured (MM_BOT_TOKEN)');
    return this.bot;
  }

  isGuestIn(caller: Caller, m: Membership): boolean {
    return caller.isGuest || isGuestMembership(m);
  }

  isChannelAdmin(caller: Caller, m: Membership): boolean {
    return caller.isSystemAdmin || isAdminMembership(m);
  }
}
