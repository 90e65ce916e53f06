import {
  SEARCH_DEPTH_MAX,
  SEARCH_KINDS,
  type Permission,
  type SearchHit,
  type SearchKind,
  type SearchPage,
  type SearchQuery,
} from '@throughline/contract';
import type { Access } from '../access/access.js';
import { allows, within, type Facts } from '../access/policy.js';
import type { Db, Engine } from '../db/database.js';
import type { Caller } from '../http/auth.js';
import { channelsWithItems, hitFacts, hitKey, searchDocuments, type HitFacts } from './search.repository.js';
import { marked, queryStems, snippet } from './search.text.js';

const DEFAULT_LIMIT = 20;

/** Who may see an item of each kind: its read permission, decided by the policy. */
const READ: Record<SearchKind, Permission> = {
  task: 'task.read',
  decision: 'decision.read',
  asset: 'asset.read',
  version: 'asset.read',
};

export class SearchService {
  constructor(
    private readonly db: Db,
    private readonly engine: Engine,
    private readonly access: Access,
  ) {}

  /**
   * Items the caller may see whose text has every word of `q`, best first. Mattermost is asked once
   * which of the channels holding items the caller is in; the database then looks only at items in
   * those channels, so nothing of another channel is counted, ranked or quoted.
   */
  async search(caller: Caller, query: SearchQuery): Promise<SearchPage> {
    const wanted = queryStems(query.q);
    const limit = query.limit ?? DEFAULT_LIMIT;
    const offset = Number(query.cursor ?? 0);
    if (!wanted.length || offset >= SEARCH_DEPTH_MAX) return { items: [], next_cursor: null };

    const facts = await this.access.facts(caller, await channelsWithItems(this.db));
    const channels = Object.fromEntries(
      SEARCH_KINDS.map((k) => [k, [...facts.standings.keys()].filter((c) => allows(READ[k], within(facts, [c])))]),
    ) as Record<SearchKind, string[]>;
    const rows = await searchDocuments(this.db, this.engine, {
      stems: wanted,
      channels,
      kind: query.kind,
      projectId: query.project_id,
      status: query.status,
      offset,
      limit: Math.min(limit, SEARCH_DEPTH_MAX - offset) + 1,
    });
    const more = rows.length > limit && offset + limit < SEARCH_DEPTH_MAX;
    const shown = rows.slice(0, limit);
    const about = await hitFacts(this.db, shown);
    const items: SearchHit[] = [];
    for (const r of shown) {
      const f = about.get(hitKey(r));
      // Changed or removed between the two reads, or (never expected) not the caller's to see: left out.
      if (!f || !allows(READ[r.kind], within(facts, f.channelIds))) continue;
      items.push(hit(r.kind, r.object_id, r.title, r.body, f, facts, wanted));
    }
    return { items, next_cursor: more ? String(offset + limit) : null };
  }
}

function hit(kind: SearchKind, id: string, title: string, body: string, f: HitFacts, facts: Facts, wanted: string[]): SearchHit {
  // The source post is the source channel's: shown only to its members (a decision's applied channels do not see it).
  const seesSource = f.sourceChannelId !== null && facts.standings.has(f.sourceChannelId);
  return {
    kind,
    id,
    project_id: f.projectId,
    channel_id: f.channelIds.find((c) => facts.standings.has(c))!,
    asset_id: f.assetId,
    status: f.status,
    title: marked(title, wanted),
    snippet: snippet(body, wanted),
    permalink: seesSource ? f.permalink : null,
    source_post_id: seesSource ? f.sourcePostId : null,
  };
}
