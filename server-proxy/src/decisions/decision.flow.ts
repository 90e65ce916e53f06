import { LIMITS, type Decide, type RevokeDecision } from '@throughline/contract';
import type { Access } from '../access/access.js';
import { visibleChannels, within } from '../access/policy.js';
import type { Db } from '../db/database.js';
import type { UnitOfWork, Work } from '../db/unit_of_work.js';
import type { Caller } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import { confirmReceipt, openReceipts } from '../receipts/receipt.repository.js';
import { required } from './decision.input.js';
import * as repo from './decision.repository.js';
import type { Decision, StoredDecision } from './decision.types.js';
import { card, channelsOf, closed, conflict, emitAll, factsOf, present, stale, visibleDecision } from './decision.view.js';

/**
 * A decision's transitions: decided (cards to its channels, the one it supersedes marked so),
 * revoked (its cards say so, the proposal card too), and each channel's receipt.
 */
export class DecisionFlow {
  constructor(
    private readonly db: Db,
    private readonly uow: UnitOfWork,
    private readonly access: Access,
  ) {}

  async get(caller: Caller, id: string): Promise<Decision> {
    const { d, facts } = await visibleDecision(this.db, this.access, caller, id);
    return present(d, facts);
  }

  async decide(caller: Caller, id: string, input: Decide): Promise<Decision> {
    const { d, facts } = await visibleDecision(this.db, this.access, caller, id);
    this.access.require('decision.decide', factsOf(d, facts));
    if (d.status !== 'proposed') throw closed(d);
    if (input.version !== d.version) throw conflict(d, facts);
    const old = d.supersedes_id ? await repo.findDecision(this.db, d.supersedes_id) : null;
    if (old && old.project_id !== d.project_id) throw new AppError('cross_project', 'A decision can supersede only one of its own project');
    if (old && old.status !== 'decided')
      throw new AppError('decision_closed', `The decision this one would supersede is ${old.status}, no longer in force`);

    const ok = await this.uow.run(async (w) => {
      const decided = { status: 'decided' as const, decided_by: caller.id, decided_at: w.at };
      if (!(await repo.updateDecision(w.trx, id, { version: d.version, status: 'proposed' }, decided, w.at))) return false;
      // Both or neither: a decision superseded meanwhile by another one leaves this one proposed.
      if (old && !(await repo.supersede(w.trx, old.id, id, w.at)))
        throw new AppError('decision_closed', 'The decision this one would supersede was superseded or revoked meanwhile');
      await openReceipts(w.trx, 'decision', id, d.channel_ids);
      await repo.insertHistory(w.trx, { decisionId: id, actorId: caller.id, action: 'decided', at: w.at, to: old?.id ?? null });
      await emitAll(w, 'decision.decided', d);
      for (const channelId of d.channel_ids) {
        const outboxId = await w.notify({
          kind: 'decision_card',
          channel_id: channelId,
          actor_id: caller.id,
          card: card(d, channelId, 'decided', null),
          rationale: d.rationale,
          // The earlier statement only where that decision was sent too.
          supersedes_statement: old && old.channel_ids.includes(channelId) ? old.statement : null,
        });
        await repo.recordCard(w.trx, id, channelId, outboxId);
      }
      // The proposal card loses its "Decide" button and names who decided.
      for (const c of await repo.proposalCardsOf(w.trx, id))
        await w.notify({
          kind: 'decision_card_edit',
          channel_id: c.channel_id,
          actor_id: caller.id,
          card_outbox_id: c.outbox_id,
          card: card(d, c.channel_id, 'decided', null),
          superseded_by_statement: null,
          reason: null,
        });
      if (old) {
        await repo.insertHistory(w.trx, { decisionId: old.id, actorId: caller.id, action: 'superseded', at: w.at, to: id });
        await emitAll(w, 'decision.superseded', old);
        await this.editCards(w, caller, old, 'superseded', { supersededBy: d });
      }
      return true;
    });
    if (!ok) throw await stale(this.db, this.access, caller, id);
    return this.get(caller, id);
  }

  async revoke(caller: Caller, id: string, input: RevokeDecision): Promise<Decision> {
    const { d, facts } = await visibleDecision(this.db, this.access, caller, id);
    this.access.require('decision.revoke', factsOf(d, facts));
    if (d.status !== 'proposed' && d.status !== 'decided') throw closed(d);
    if (input.version !== d.version) throw conflict(d, facts);
    const reason = required('reason', input.reason, LIMITS.commentMax);
    const ok = await this.uow.run(async (w) => {
      const revoked = { status: 'revoked' as const, revoked_by: caller.id, revoked_at: w.at, revoke_reason: reason };
      if (!(await repo.updateDecision(w.trx, id, { version: d.version, status: d.status }, revoked, w.at))) return false;
      await repo.insertHistory(w.trx, { decisionId: id, actorId: caller.id, action: 'revoked', at: w.at, from: d.status, to: reason });
      await emitAll(w, 'decision.revoked', d);
      await this.editCards(w, caller, d, 'revoked', { reason });
      return true;
    });
    if (!ok) throw await stale(this.db, this.access, caller, id);
    return this.get(caller, id);
  }

  /** A member of one of the channels it applies to confirms that channel received the decision. */
  async confirmReceipt(caller: Caller, id: string, channelId: string): Promise<Decision> {
    const { d, facts } = await visibleDecision(this.db, this.access, caller, id);
    const own = within(facts, channelsOf(d));
    // A guest learns nothing of channels they are not in, not even that the decision applies there.
    if (!visibleChannels(own, d.channel_ids).includes(channelId))
      throw new AppError('not_found', 'This decision does not apply to that channel');
    this.access.require('receipt.confirm', { ...own, target: channelId });
    if (d.status !== 'decided') throw new AppError('decision_closed', `Only a decision in force can be confirmed; this one is ${d.status}`);
    await this.uow.run(async (w) => {
      if (!(await confirmReceipt(w.trx, 'decision', id, channelId, caller.id, w.at))) return;
      await repo.insertHistory(w.trx, { decisionId: id, actorId: caller.id, action: 'receipt_confirmed', at: w.at, channel_id: channelId });
      await emitAll(w, 'decision.receipt_confirmed', d);
    });
    return this.get(caller, id);
  }

  /**
   * Rewrites the bot's cards of a decision no longer in force, the proposal card included. The new
   * statement is shown only where that decision applies too.
   */
  private async editCards(
    w: Work,
    caller: Caller,
    d: StoredDecision,
    status: 'superseded' | 'revoked',
    why: { supersededBy?: StoredDecision; reason?: string },
  ): Promise<void> {
    const next = why.supersededBy;
    for (const c of [...(await repo.cardsOf(w.trx, d.id)), ...(await repo.proposalCardsOf(w.trx, d.id))]) {
      await w.notify({
        kind: 'decision_card_edit',
        channel_id: c.channel_id,
        actor_id: caller.id,
        card_outbox_id: c.outbox_id,
        card: card(d, c.channel_id, status, next?.id ?? null),
        superseded_by_statement: next && channelsOf(next).includes(c.channel_id) ? next.statement : null,
        reason: why.reason ?? null,
      });
    }
  }
}
