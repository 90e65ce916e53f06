import type { Access } from '../access/access.js';
import { within } from '../access/policy.js';
import type { AssetService } from '../assets/asset.service.js';
import { assetIdOfVersion } from '../assets/asset.repository.js';
import type { Asset } from '../assets/asset.types.js';
import type { Db } from '../db/database.js';
import type { Caller } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import type { BotClient } from '../mattermost/bot.js';
import { asLocale } from '../outbox/messages.js';
import { findProject, findProjectsByChannels } from '../projects/project.repository.js';
import { assetsOfProject } from '../rollouts/rollout.repository.js';
import { findTasksByRef } from '../tasks/task.repository.js';
import type { Task } from '../tasks/task.types.js';
import { claimActionNonce, releaseActionNonce } from './integration.repository.js';

export type Locale = 'en' | 'ru';

/**
 * What the slash command and the card buttons need beyond the task and asset services: who the
 * Mattermost-vouched user is, tasks by short reference, names for many users at once, one-time
 * button nonces.
 */
export class IntegrationService {
  constructor(
    private readonly db: Db,
    private readonly access: Access,
    private readonly assets: AssetService,
    private readonly bot: BotClient | null,
  ) {}

  /** The user Mattermost vouched for (command token, signed button), asked about through the bot. */
  async callerFor(userId: string): Promise<{ caller: Caller; locale: Locale }> {
    if (!this.bot) throw new AppError('unavailable', 'bot not configured');
    const user = await this.bot.user(userId);
    if (!user || user.delete_at > 0) throw new AppError('not_found', 'user not found');
    const roles = ` ${user.roles} `;
    return {
      caller: {
        id: user.id,
        username: user.username,
        isGuest: roles.includes(' system_guest '),
        isSystemAdmin: roles.includes(' system_admin '),
        token: '',
        viaBot: true,
      },
      locale: asLocale(user.locale),
    };
  }

  async botName(): Promise<string> {
    return (await this.bot?.me().catch(() => null))?.username ?? 'throughline';
  }

  /** The tasks whose id ends with `ref` that the caller may read: one membership question per channel, asked together. */
  async tasksByRef(caller: Caller, ref: string): Promise<Task[]> {
    const found = await findTasksByRef(this.db, ref);
    if (!found.length) return [];
    const facts = await this.access.facts(
      caller,
      found.map((t) => t.channel_id),
    );
    return found.filter((t) => this.access.granted(['task.read'], within(facts, [t.channel_id])).length > 0);
  }

  /** Usernames by id, in one request to Mattermost for all that are not cached; someone Mattermost does not know is left out. */
  async usernames(userIds: Iterable<string>): Promise<Map<string, string>> {
    const ids = [...new Set(userIds)];
    if (!ids.length || !this.bot) return new Map();
    const users = await this.bot.usersById(ids);
    return new Map([...users].map(([id, u]) => [id, u.username]));
  }

  claimClick(nonce: string, userId: string): Promise<boolean> {
    return claimActionNonce(this.db, nonce, userId, new Date().toISOString());
  }

  releaseClick(nonce: string): Promise<void> {
    return releaseActionNonce(this.db, nonce);
  }

  /** The projects a channel belongs to (the command runs in that channel, so its members may know them). */
  async projectsOf(channelId: string): Promise<Array<{ id: string; name: string }>> {
    return (await findProjectsByChannels(this.db, [channelId])).map((p) => ({ id: p.id, name: p.name }));
  }

  /** The channels of a project the caller is a member of, home first, then in the order they were linked. */
  async projectChannelsOf(caller: Caller, projectId: string): Promise<string[]> {
    const project = await findProject(this.db, projectId);
    if (!project) return [];
    const mine = await this.access.memberChannels(caller, project.channel_ids);
    return project.channel_ids.filter((c) => mine.has(c));
  }

  /** Channel names (what people type after ~) of channels the bot can read, by id; one question per channel, a few at a time. */
  async channelNames(channelIds: readonly string[]): Promise<Map<string, string>> {
    if (!this.bot) return new Map();
    return new Map([...(await this.bot.channelsById(channelIds))].map(([id, c]) => [id, c.name]));
  }

  /** An asset of the project by id, or by name (ignoring case) when exactly one has it. */
  async assetOf(projectId: string, ref: string): Promise<string | null | 'ambiguous'> {
    const wanted = ref.trim().toLocaleLowerCase();
    const rows = await assetsOfProject(this.db, projectId);
    const byId = rows.find((r) => r.id === wanted);
    if (byId) return byId.id;
    const named = rows.filter((r) => r.name.toLocaleLowerCase() === wanted);
    if (named.length > 1) return 'ambiguous';
    return named[0]?.id ?? null;
  }

  /** A receipt confirmed from an approval card, which names the version and the channel. */
  async confirmFromCard(caller: Caller, versionId: string, channelId: string): Promise<Asset> {
    const assetId = await assetIdOfVersion(this.db, versionId);
    if (!assetId) throw new AppError('not_found', 'Asset not found');
    return this.assets.confirmReceipt(caller, assetId, channelId, versionId);
  }
}
