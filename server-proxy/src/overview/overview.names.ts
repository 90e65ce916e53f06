import type { OverviewChannel, OverviewUser } from '@throughline/contract';
import type { UserProfile } from '@mattermost/types/users';
import type { BotClient } from '../mattermost/bot.js';
import { TtlCache } from '../mattermost/cache.js';

const NAME_TTL_MS = 60_000;

const displayName = (u: UserProfile): string | null => [u.first_name, u.last_name].filter(Boolean).join(' ') || u.nickname || null;

/**
 * Names for the ids an overview holds, asked of Mattermost as the bot (people in one request,
 * channels each cached for a minute). Names are for reading only: when Mattermost cannot say, the
 * answer still comes, with null names.
 */
export class OverviewNames {
  private readonly channelCache = new TtlCache<{ name: string; display_name: string } | null>(NAME_TTL_MS, 10_000);

  constructor(private readonly bot: BotClient | null) {}

  async users(ids: Iterable<string | null>): Promise<OverviewUser[]> {
    const wanted = [...new Set([...ids].filter((id): id is string => !!id))].sort();
    if (!wanted.length) return [];
    const found = this.bot ? await this.bot.usersById(wanted).catch(() => new Map<string, UserProfile>()) : new Map<string, UserProfile>();
    return wanted.map((id) => {
      const u = found.get(id);
      return { id, username: u?.username ?? null, display_name: u ? displayName(u) : null };
    });
  }

  async channels(ids: readonly string[]): Promise<OverviewChannel[]> {
    const bot = this.bot;
    const named = await Promise.all(
      ids.map((id) => (bot ? this.channelCache.get(id, () => bot.channel(id)).catch(() => null) : Promise.resolve(null))),
    );
    return ids.map((id, i) => ({ id, name: named[i]?.name ?? null, display_name: named[i]?.display_name ?? null }));
  }
}
