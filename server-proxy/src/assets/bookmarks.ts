import mmClient from '@mattermost/client';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.js';
import type { BotClient } from '../mattermost/bot.js';
import { resultPostId } from '../outbox/outbox.repository.js';
import type { OutboxMessage } from '../outbox/outbox.types.js';
import { cut } from '../util/text.js';
import * as recall from './recall.repository.js';

const { ClientError } = mmClient;

type Pin = Extract<OutboxMessage, { kind: 'bookmark_pin' }>;

/** A server found without bookmarks is asked again after this long (it may have been upgraded or licensed). */
const UNSUPPORTED_RECHECK_MS = 60 * 60 * 1000;
const NAME_MAX = 64;

/** The link a bookmark to an approval card holds: its permalink, which web and mobile open in the app. */
export const cardLink = (siteUrl: string, postId: string) => `${siteUrl}/_redirect/pl/${postId}`;

/**
 * Channel bookmarks to the approved version of each asset, one per asset and channel, made and
 * removed by the bot. A bookmark leads to the version's approval card in that channel: the
 * permalink opens inside the web and the mobile app alike (a link to the service's download route
 * would need the browser's Mattermost session, which the mobile app's browser lacks, and a file
 * bookmark would need every version uploaded to Mattermost once more), and the card carries the
 * download and the receipt button. Mattermost before 9.5 has no bookmark routes (404), and an
 * unlicensed server refuses them (501): the pin is skipped, and that is logged once.
 */
export class Bookmarks {
  private unsupportedSince: number | null = null;

  constructor(
    private readonly db: Db,
    private readonly bot: BotClient,
    private readonly log: FastifyBaseLogger,
    private readonly siteUrl: string,
  ) {}

  /** Pins the version; answers why it was skipped, or null once it is pinned. Throws to be retried. */
  async pin(m: Pin): Promise<string | null> {
    if (this.unsupportedSince !== null && Date.now() - this.unsupportedSince < UNSUPPORTED_RECHECK_MS) return 'bookmarks_unsupported';
    if ((await recall.versionState(this.db, m.version_id)) !== 'approved') return 'not_approved';
    const card = await resultPostId(this.db, m.card_outbox_id, new Date());
    if (card === 'waiting') throw new Error('the card to bookmark is not posted yet');
    if (card === 'none') return 'card_not_posted';
    let list;
    try {
      list = await this.bot.bookmarks(m.channel_id);
    } catch (err) {
      if (this.unsupported(err)) return 'bookmarks_unsupported';
      throw err;
    }
    if (this.unsupportedSince !== null) this.log.info('Mattermost has channel bookmarks now: approved versions are pinned again');
    this.unsupportedSince = null;
    const self = await this.bot.me();
    const mine = list.filter((b) => b.owner_id === self.id);
    const link = cardLink(this.siteUrl, card.posted);
    // A create whose answer was lost has left its bookmark: it is found by its owner and link, not made twice.
    const pinned =
      mine.find((b) => b.type === 'link' && b.link_url === link) ??
      (await this.bot.addLinkBookmark(m.channel_id, {
        display_name: cut(`${m.asset_name} · v${m.version_number}`, NAME_MAX),
        link_url: link,
        emoji: 'pushpin',
      }));
    const at = new Date().toISOString();
    await recall.saveBookmark(this.db, {
      bookmark_id: pinned.id,
      asset_id: m.asset_id,
      channel_id: m.channel_id,
      version_id: m.version_id,
      created_at: at,
    });
    // The superseded version's bookmarks go: those recorded, and any the bot made to an older card of the asset here.
    const stale = new Set(
      (await recall.bookmarksOf(this.db, m.asset_id, m.channel_id)).filter((b) => b.version_id !== m.version_id).map((b) => b.bookmark_id),
    );
    const oldLinks = new Set(
      (await recall.otherCardPosts(this.db, m.asset_id, m.channel_id, m.version_id)).map((p) => cardLink(this.siteUrl, p)),
    );
    for (const b of mine) if (b.id !== pinned.id && b.link_url && oldLinks.has(b.link_url)) stale.add(b.id);
    for (const id of stale) {
      await this.bot.deleteBookmark(m.channel_id, id);
      await recall.forgetBookmark(this.db, id);
    }
    return null;
  }

  private unsupported(err: unknown): boolean {
    if (!(err instanceof ClientError)) return false;
    const routeMissing = err.status_code === 404 && err.server_error_id === 'api.context.404.app_error';
    if (!routeMissing && err.status_code !== 501) return false;
    if (this.unsupportedSince === null)
      this.log.warn(
        { status: err.status_code },
        'Mattermost has no channel bookmarks here (they need 9.5 or later, and a license): approved versions are not pinned in channels',
      );
    this.unsupportedSince = Date.now();
    return true;
  }
}
