import type { DecisionCardProps, Permission } from '@throughline/contract';
import type { Access } from '../access/access.js';
import { allows, visibleChannels, within, type Facts } from '../access/policy.js';
import type { Db } from '../db/database.js';
import type { Work } from '../db/unit_of_work.js';
import type { Caller } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import * as repo from './decision.repository.js';
import type { Decision, DecisionHistoryEntry, StoredDecision } from './decision.types.js';

type DecisionEvent =
  'decision.recorded' | 'decision.updated' | 'decision.decided' | 'decision.superseded' | 'decision.revoked' | 'decision.receipt_confirmed';

/** Every channel a decision concerns: where it came from and where it applies. */
export const channelsOf = (d: Pick<StoredDecision, 'source_channel_id' | 'channel_ids'>) => [
  ...new Set([d.source_channel_id, ...d.channel_ids]),
];

/** The decision and the facts about the caller in its channels, or 404 for anyone who may not know it exists. */
export async function visibleDecision(db: Db, access: Access, caller: Caller, id: string): Promise<{ d: StoredDecision; facts: Facts }> {
  const d = await repo.findDecision(db, id);
  if (!d) throw new AppError('not_found', 'Decision not found');
  const facts = await access.facts(caller, channelsOf(d));
  access.require('decision.read', facts);
  return { d, facts };
}

/** The facts the decision.* rules read: the source channel is the target; the recorder and the approver are named. */
export function factsOf(d: StoredDecision, facts: Facts): Facts {
  return { ...within(facts, channelsOf(d)), target: d.source_channel_id, createdBy: d.recorded_by, approver: d.approver_id };
}

/** What the caller may do now: who they are, and what the decision's status still allows. */
function permissionsOf(d: StoredDecision, facts: Facts): Decision['permissions'] {
  const f = factsOf(d, facts);
  const out: Decision['permissions'] = [];
  const may = (p: Permission, when: boolean, on: Facts = f) => when && allows(p, on);
  if (may('decision.edit', d.status === 'proposed')) out.push('decision.edit');
  if (may('decision.decide', d.status === 'proposed')) out.push('decision.decide');
  if (may('decision.revoke', d.status === 'proposed' || d.status === 'decided')) out.push('decision.revoke');
  if (may('decision.supersede', d.status === 'decided')) out.push('decision.supersede');
  if (may('receipt.confirm', d.status === 'decided', within(facts, d.channel_ids))) out.push('receipt.confirm');
  return out;
}

/**
 * Only members of the source channel learn the source post, its text and the quoted replies;
 * guests learn only their own channels among those it applies to, and only their receipts.
 */
export function present(d: StoredDecision, facts: Facts): Decision {
  const own = within(facts, channelsOf(d));
  const sourceVisible = own.standings.has(d.source_channel_id);
  const channels = new Set(visibleChannels(own, d.channel_ids));
  return {
    ...d,
    channel_ids: d.channel_ids.filter((c) => channels.has(c)),
    receipts: d.receipts.filter((r) => channels.has(r.channel_id)),
    source_visible: sourceVisible,
    source_channel_id: sourceVisible ? d.source_channel_id : null,
    source_post_id: sourceVisible ? d.source_post_id : null,
    permalink: sourceVisible ? d.permalink : null,
    source_text: sourceVisible ? d.source_text : null,
    quotes: sourceVisible ? d.quotes : [],
    permissions: permissionsOf(d, own),
  };
}

/** What of the history the caller may see, as the decision itself would show it: receipts of the channels in their sight, quotes to the source channel. */
export function historyScope(d: StoredDecision, facts: Facts): { channels: string[]; quotes: boolean } {
  const own = within(facts, channelsOf(d));
  return { channels: visibleChannels(own, d.channel_ids), quotes: own.standings.has(d.source_channel_id) };
}

/** Entries read within `scope`, with their channel lists narrowed to it too. */
export function historyFor(scope: { channels: readonly string[] }, entries: DecisionHistoryEntry[]): DecisionHistoryEntry[] {
  const channels = new Set(scope.channels);
  const keep = (list: string | null) =>
    list === null
      ? null
      : list
          .split(',')
          .filter((c) => channels.has(c))
          .join(',');
  return entries.map((e) => (e.field === 'channel_ids' ? { ...e, from: keep(e.from), to: keep(e.to) } : e));
}

export function conflict(current: StoredDecision, facts: Facts): AppError {
  return new AppError('version_conflict', 'Someone changed this decision since you loaded it; review the current version and try again', {
    current: present(current, facts),
  });
}

export function closed(d: StoredDecision): AppError {
  const why =
    d.status === 'decided' ? 'it is already decided; record a new decision that supersedes it' : `it is ${d.status}, no longer in force`;
  return new AppError('decision_closed', `This decision cannot be changed: ${why}`);
}

/** After a conditional update found the decision moved on: closed, or changed. */
export async function stale(db: Db, access: Access, caller: Caller, id: string): Promise<AppError> {
  const { d, facts } = await visibleDecision(db, access, caller, id);
  return d.status === 'proposed' ? conflict(d, facts) : closed(d);
}

export async function emitAll(w: Work, type: DecisionEvent, d: StoredDecision, channels = channelsOf(d)): Promise<void> {
  for (const channelId of channels) await w.emit({ type, channel_id: channelId, payload: { decision_id: d.id, project_id: d.project_id } });
}

export function card(
  d: StoredDecision,
  channelId: string,
  status: DecisionCardProps['status'],
  supersededBy: string | null,
): DecisionCardProps {
  return { decision_id: d.id, channel_id: channelId, status, statement: d.statement, superseded_by_id: supersededBy };
}
