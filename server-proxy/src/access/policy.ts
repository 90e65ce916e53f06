import type { Permission } from '@throughline/contract';
import type { ErrorCode } from '../http/errors.js';

/** What Mattermost says a caller is in one channel. */
export type Standing = 'admin' | 'member' | 'guest';

export interface Facts {
  caller: { id: string; isGuest: boolean; isSystemAdmin: boolean };
  /** The caller's standing in each channel of the object (and the target) that they are a member of. */
  standings: ReadonlyMap<string, Standing>;
  /** The channel the action is about (the one to link, unlink, confirm, create in), if any. */
  target?: string;
  /** Who made the object, where that matters. */
  createdBy?: string;
  /** The one person named to decide (a decision's approver); absent or null: nobody in particular. */
  approver?: string | null;
}

interface Rule {
  /** Who holds it, for docs/permissions.md. */
  holders: string;
  /** 404 for what the caller may not know exists, 403 for what they see but may not change. */
  deny: Extract<ErrorCode, 'not_found' | 'forbidden'>;
  message: string;
  allows(f: Facts): boolean;
}

/** A guest of the system, or a guest in this channel, is a guest: one definition for every rule. */
const isGuestIn = (f: Facts, st: Standing | undefined): boolean => f.caller.isGuest || st === 'guest';
const anyChannel = (f: Facts) => f.standings.size > 0;
const inTarget = (f: Facts) => f.target !== undefined && f.standings.has(f.target);
const staffIn = (f: Facts, channel: string | undefined) => {
  const st = channel === undefined ? undefined : f.standings.get(channel);
  return st !== undefined && !isGuestIn(f, st);
};
const staffSomewhere = (f: Facts) => [...f.standings.keys()].some((c) => staffIn(f, c));
const GUEST_PROJECT = 'Guests cannot change which channels belong to a project';
/** For a decision, `target` is its source channel (where it was proposed and is decided); for a rollout or a lead, the project's home channel. */
const staffInTarget = (f: Facts) => staffIn(f, f.target);

export const RULES: Record<Permission, Rule> = {
  'project.read': { holders: 'members of any of its channels', deny: 'not_found', message: 'Project not found', allows: anyChannel },
  'project.create': {
    holders: 'non-guest members of the home channel',
    deny: 'forbidden',
    message: 'Guests cannot create projects',
    allows: (f) => staffIn(f, f.target),
  },
  'project.link': {
    holders: 'non-guests who are members of the channel to link',
    deny: 'forbidden',
    message: GUEST_PROJECT,
    allows: (f) => (f.target === undefined ? staffSomewhere(f) : staffIn(f, f.target)),
  },
  'project.unlink': {
    holders: 'non-guests who are members of the channel to unlink',
    deny: 'forbidden',
    message: GUEST_PROJECT,
    allows: (f) => !f.caller.isGuest && (f.target === undefined || f.standings.has(f.target)),
  },
  'task.read': { holders: "members of the task's channel", deny: 'not_found', message: 'Task not found', allows: anyChannel },
  'task.create': {
    holders: 'members of the channel',
    deny: 'not_found',
    message: 'Channel not found',
    allows: (f) => (f.target === undefined ? anyChannel(f) : inTarget(f)),
  },
  'task.update': { holders: "members of the task's channel", deny: 'not_found', message: 'Task not found', allows: anyChannel },
  'task.delete': {
    holders: "its creator, admins of the task's channel, system admins",
    deny: 'forbidden',
    message: 'Only the task’s creator or a channel admin can delete it',
    allows: (f) => anyChannel(f) && (f.createdBy === f.caller.id || f.caller.isSystemAdmin || [...f.standings.values()].includes('admin')),
  },
  'asset.read': { holders: 'members of a channel it is shared with', deny: 'not_found', message: 'Asset not found', allows: anyChannel },
  'asset.create': {
    holders: 'non-guest members of a project channel',
    deny: 'forbidden',
    message: 'Guests cannot create assets; they can add versions to existing ones',
    allows: staffSomewhere,
  },
  'asset.add_version': {
    holders: 'members (guests too) of a channel it is shared with',
    deny: 'not_found',
    message: 'Asset not found',
    allows: anyChannel,
  },
  'asset.approve': {
    holders: 'non-guest members of a channel it is shared with',
    deny: 'forbidden',
    message: 'Guests cannot approve or reject versions',
    allows: staffSomewhere,
  },
  'asset.read_downloads': {
    holders: 'non-guest members of a channel it is shared with',
    deny: 'forbidden',
    message: 'Guests cannot see who downloaded the versions of an asset',
    allows: staffSomewhere,
  },
  'receipt.confirm': {
    holders: 'members (guests too) of that channel',
    deny: 'forbidden',
    message: 'Only a member of that channel can confirm its receipt',
    allows: (f) => (f.target === undefined ? anyChannel(f) : inTarget(f)),
  },
  'shelf.read': {
    holders: 'members (guests too) of the channel',
    deny: 'not_found',
    message: 'Channel not found',
    allows: inTarget,
  },
  'decision.read': {
    holders: 'members of a channel it applies to or of its source channel (the source post and quotes: source channel only)',
    deny: 'not_found',
    message: 'Decision not found',
    allows: anyChannel,
  },
  'decision.record': {
    holders: 'members (guests too) of the source channel',
    deny: 'not_found',
    message: 'Channel not found',
    allows: (f) => (f.target === undefined ? anyChannel(f) : inTarget(f)),
  },
  'decision.edit': {
    holders: 'while proposed: its recorder, and non-guest members of the source channel',
    deny: 'forbidden',
    message: 'Only the recorder or a non-guest member of the source channel can change this proposal',
    allows: (f) => inTarget(f) && (f.createdBy === f.caller.id || staffInTarget(f)),
  },
  'decision.decide': {
    holders: 'the named approver; if none, non-guest members of the source channel',
    deny: 'forbidden',
    message: 'Only the named approver (or, if none is named, a non-guest member of the source channel) can decide this',
    allows: (f) => staffInTarget(f) && (f.approver == null || f.approver === f.caller.id),
  },
  'decision.revoke': {
    holders: 'non-guest members of the source channel',
    deny: 'forbidden',
    message: 'Only a non-guest member of the source channel can revoke a decision',
    allows: staffInTarget,
  },
  'decision.supersede': {
    holders: 'non-guest members of a channel it applies to or of its source channel',
    deny: 'forbidden',
    message: 'Guests cannot supersede a decision',
    allows: staffSomewhere,
  },
  'rollout.create': {
    holders: "non-guest members of the project's home channel (and of every channel it goes to)",
    deny: 'forbidden',
    message: "Only a non-guest member of the project's home channel can roll a task out",
    allows: staffInTarget,
  },
  'rollout.add_channel': {
    holders: "non-guest members of the project's home channel (and of every channel added)",
    deny: 'forbidden',
    message: "Only a non-guest member of the project's home channel can add channels to a rollout",
    allows: staffInTarget,
  },
  'project.set_lead': {
    holders: 'non-guest members of the home channel',
    deny: 'forbidden',
    message: "Only a non-guest member of the project's home channel can name a channel's lead",
    allows: staffInTarget,
  },
  'digest.read': {
    holders:
      "members of any of the project's channels (a digest covers only the channels its reader is in; a channel's digest: its members)",
    deny: 'not_found',
    message: 'Project not found',
    allows: anyChannel,
  },
  'digest.configure': {
    holders: "non-guest members of the project's home channel",
    deny: 'forbidden',
    message: "Only a member of the project's home channel who is not a guest can change its digest schedule",
    allows: staffInTarget,
  },
  'project.export': {
    holders: 'non-guest members of the home channel',
    deny: 'forbidden',
    message: "Only a non-guest member of the project's home channel can export its record",
    allows: staffInTarget,
  },
  'project.overview': {
    holders: "members of any of the project's channels (a guest sees only their own channels' rows and figures)",
    deny: 'not_found',
    message: 'Project not found',
    allows: anyChannel,
  },
};

export const allows = (permission: Permission, facts: Facts): boolean => RULES[permission].allows(facts);

/**
 * What of an object's channels the caller may learn: staff see the whole campaign, guests only
 * the channels they are in (the Kazan franchisee never learns of Samara).
 */
export function visibleChannels(f: Facts, channelIds: readonly string[]): string[] {
  return f.caller.isGuest ? channelIds.filter((c) => f.standings.has(c)) : [...channelIds];
}

/** The same facts, narrowed to one object's channels (a list answer asks about many at once). */
export function within(f: Facts, channelIds: readonly string[]): Facts {
  return { ...f, standings: new Map(channelIds.flatMap((c) => (f.standings.has(c) ? [[c, f.standings.get(c)!] as const] : []))) };
}

/** What a caller may do as an ordinary member of a channel: `GET /me`'s answer, for controls not tied to one object. */
export function asMember(caller: Facts['caller']): Facts {
  const channel = 'any';
  return { caller, standings: new Map([[channel, caller.isGuest ? 'guest' : 'member']]), target: channel };
}
