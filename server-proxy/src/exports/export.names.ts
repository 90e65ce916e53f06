import type { RecordChannel, RecordPerson } from '@throughline/contract';
import type { Access } from '../access/access.js';
import type { Caller } from '../http/auth.js';
import type { BotClient } from '../mattermost/bot.js';

/** Fields of the record's items that hold a user id, and those that hold channel ids. */
const USER_FIELDS = new Set([
  'created_by',
  'assignee_id',
  'actor_id',
  'proposed_by',
  'recorded_by',
  'approver_id',
  'decided_by',
  'revoked_by',
  'confirmed_by',
  'added_by',
  'user_id',
  'exported_by',
]);
const CHANNEL_FIELDS = new Set(['channel_id', 'source_channel_id']);
const CHANNEL_LISTS = new Set(['channel_ids']);

function collect(x: unknown, users: Set<string>, channels: Set<string>): void {
  if (Array.isArray(x)) {
    for (const v of x) collect(v, users, channels);
    return;
  }
  if (!x || typeof x !== 'object') return;
  const o = x as Record<string, unknown>;
  // A history entry of an assignee change names the people on both sides.
  if (o.field === 'assignee_id') for (const v of [o.from, o.to]) if (typeof v === 'string') users.add(v);
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string' && USER_FIELDS.has(k)) users.add(v);
    else if (typeof v === 'string' && CHANNEL_FIELDS.has(k)) channels.add(v);
    else if (Array.isArray(v) && CHANNEL_LISTS.has(k)) {
      for (const c of v) if (typeof c === 'string') channels.add(c);
    } else if (v && typeof v === 'object') collect(v, users, channels);
  }
}

const displayName = (u: { username: string; first_name?: string; last_name?: string; nickname?: string }) =>
  [u.first_name, u.last_name].filter(Boolean).join(' ') || u.nickname || u.username;

/**
 * The names of the people and channels an export mentions, learned a page at a time: each page
 * asks Mattermost only about ids no earlier page named (people in one request, through the bot's
 * cache). A channel is named only when the exporter is a member of it; any other stays an id.
 * A question Mattermost cannot answer fails the export rather than leaving names out unnoticed.
 */
export class RecordNames {
  readonly people = new Map<string, RecordPerson>();
  readonly channels = new Map<string, RecordChannel>();
  private readonly askedUsers = new Set<string>();
  private readonly askedChannels = new Set<string>();

  constructor(
    private readonly caller: Caller,
    private readonly access: Access,
    private readonly bot: BotClient | null,
  ) {}

  async learn(items: unknown): Promise<void> {
    const users = new Set<string>();
    const channels = new Set<string>();
    collect(items, users, channels);
    const newUsers = [...users].filter((id) => !this.askedUsers.has(id));
    const newChannels = [...channels].filter((id) => !this.askedChannels.has(id));
    if (!this.bot || (!newUsers.length && !newChannels.length)) return;
    const [found, named] = await Promise.all([
      newUsers.length ? this.bot.usersById(newUsers) : new Map(),
      newChannels.length ? this.channelsOf(newChannels) : new Map<string, RecordChannel>(),
    ]);
    for (const id of newUsers) this.askedUsers.add(id);
    for (const id of newChannels) this.askedChannels.add(id);
    for (const u of found.values()) this.people.set(u.id, { id: u.id, username: u.username, display_name: displayName(u) });
    for (const c of named.values()) this.channels.set(c.id, c);
  }

  private async channelsOf(ids: string[]): Promise<Map<string, RecordChannel>> {
    const mine = await this.access.memberChannels(this.caller, ids);
    const found = await this.bot!.channelsById([...mine]);
    return new Map([...found].map(([id, c]) => [id, { id, name: c.name, display_name: c.display_name || c.name }]));
  }
}
