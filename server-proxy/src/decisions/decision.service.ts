import {
  LIMITS,
  type CreateDecision,
  type DecisionHistoryPage,
  type DecisionPage,
  type FollowUpTask,
  type HistoryQuery,
  type ListDecisionsQuery,
  type PatchDecision,
} from '@throughline/contract';
import type { Access } from '../access/access.js';
import { allows, visibleChannels, within, type Facts, type Standing } from '../access/policy.js';
import type { Db } from '../db/database.js';
import type { UnitOfWork, Work } from '../db/unit_of_work.js';
import type { Caller } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import * as projects from '../projects/project.repository.js';
import type { TaskService } from '../tasks/task.service.js';
import type { Task } from '../tasks/task.types.js';
import { PageCache, cachedPage, type CachedPage } from '../tasks/page.cache.js';
import { KeptAtMark } from '../util/kept_at_mark.js';
import { newId } from '../util/ids.js';
import { pageOf } from '../util/page.js';
import { CONTROL_ALL, cut, multiLine } from '../util/text.js';
import { required, type DecisionInputs } from './decision.input.js';
import * as repo from './decision.repository.js';
import type { Decision, DecisionQuote, StoredDecision } from './decision.types.js';
import {
  card,
  channelsOf,
  closed,
  conflict,
  emitAll,
  factsOf,
  historyFor,
  historyScope,
  present,
  stale,
  visibleDecision,
} from './decision.view.js';

/** Recording, reading and editing proposals, the log, history and follow-up tasks (the transitions are in decision.flow.ts). */
export class DecisionService {
  private readonly pages = new PageCache();
  /** The channels that have decisions, per change mark (every decision written commits an event). */
  private readonly decisionChannels = new KeptAtMark<string[]>(1);

  constructor(
    private readonly db: Db,
    private readonly uow: UnitOfWork,
    private readonly access: Access,
    private readonly inputs: DecisionInputs,
    private readonly taskService: TaskService,
    private readonly siteUrl: string,
  ) {}

  async create(caller: Caller, input: CreateDecision): Promise<Decision> {
    const projectChannels = await projects.projectChannelIds(this.db, input.project_id);
    const source = input.post_id ? await this.inputs.readSource(caller, input.post_id, input.channel_id) : null;
    const sourceChannel = source?.channelId ?? input.channel_id;
    if (!sourceChannel) throw new AppError('validation_failed', 'body.channel_id or body.post_id is required');
    if (!source && input.statement === undefined) throw new AppError('validation_failed', 'body.statement is required without a post_id');
    if (!source && input.quote_post_ids?.length) throw new AppError('validation_failed', 'Quotes need a source message (post_id)');

    const facts = await this.access.facts(caller, projectChannels, { target: sourceChannel });
    this.access.require('project.read', within(facts, projectChannels));
    // A readable post in a public channel is no licence to record decisions in a channel one has not joined.
    if (source && !allows('decision.record', facts))
      throw new AppError('forbidden', 'Join the channel of this message before recording a decision from it');
    this.access.require('decision.record', facts);
    if (!projectChannels.includes(sourceChannel))
      throw new AppError('channel_not_in_project', 'A decision can be recorded only in a channel of its project');

    const statement = required('statement', input.statement ?? source?.text ?? '', LIMITS.statementMax);
    const rationale = multiLine('rationale', input.rationale ?? '', LIMITS.rationaleMax).trim();
    const channelIds = this.inputs.checkChannels(caller, facts, projectChannels, input.channel_ids ?? [sourceChannel]);
    const approverId = input.approver_id ?? null;
    await this.inputs.checkApprover(caller, sourceChannel, approverId);
    const quotes = source ? await this.inputs.readQuotes(caller, source, input.quote_post_ids ?? []) : [];
    const taskIds = await this.inputs.checkTasks(caller, input.project_id, input.task_ids ?? []);
    const versionIds = await this.inputs.checkVersions(caller, input.project_id, input.asset_version_ids ?? []);
    if (input.supersedes_id) await this.inputs.checkSupersedes(caller, input.project_id, input.supersedes_id);

    const at = new Date().toISOString();
    const d: StoredDecision = {
      id: newId(),
      project_id: input.project_id,
      statement,
      rationale,
      status: 'proposed',
      proposed_by: source?.authorId ?? caller.id,
      recorded_by: caller.id,
      approver_id: approverId,
      decided_by: null,
      decided_at: null,
      revoked_by: null,
      revoked_at: null,
      revoke_reason: null,
      supersedes_id: input.supersedes_id ?? null,
      superseded_by_id: null,
      channel_ids: channelIds,
      source_channel_id: sourceChannel,
      source_post_id: source?.postId ?? null,
      permalink: source ? `${this.siteUrl}/_redirect/pl/${source.postId}` : null,
      source_text: source ? cut(source.text, LIMITS.statementMax * 2) : null,
      quotes,
      task_ids: taskIds,
      asset_version_ids: versionIds,
      receipts: [],
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await this.uow.run(async (w) => {
      await repo.insertDecision(w.trx, d);
      await repo.insertHistory(w.trx, { decisionId: d.id, actorId: caller.id, action: 'recorded', at, to: statement });
      await emitAll(w, 'decision.recorded', d);
      // The proposal card in the source channel: mobile users decide from its button.
      const outboxId = await w.notify({
        kind: 'decision_proposal',
        channel_id: sourceChannel,
        actor_id: caller.id,
        card: card(d, sourceChannel, 'proposed', null),
        approver_id: approverId,
      });
      await repo.recordProposalCard(w.trx, d.id, sourceChannel, outboxId);
    });
    return present(d, facts);
  }

  async get(caller: Caller, id: string): Promise<Decision> {
    const { d, facts } = await visibleDecision(this.db, this.access, caller, id);
    return present(d, facts);
  }

  /**
   * The log page and its JSON, reused while no event has been committed since it was made (every
   * change to a decision commits one). Access is asked on every request: the caller and their
   * standings are part of the key; only the queries and the serialisation are skipped.
   */
  async list(caller: Caller, input: ListDecisionsQuery, serialize: (page: DecisionPage) => string): Promise<CachedPage> {
    // The mark is read before the page is made (a change committed meanwhile makes the entry stale,
    // never wrong), with the project's channels as kept for it (ProjectChannels).
    const { mark: seq, channelIds } = await this.uow.changeMark(input.project_id ?? null);
    const standings = await this.scope(caller, input, channelIds, seq);
    const key = JSON.stringify({
      caller: [caller.id, caller.isGuest, caller.isSystemAdmin],
      standings: [...standings].sort(([a], [b]) => a.localeCompare(b)),
      input,
    });
    // A page that depends on channels outside the key (see page) is shared only by requests made meanwhile.
    return this.pages.through(key, seq, async () => {
      const { page, complete } = await this.page(caller, input, standings);
      return { page: cachedPage(serialize(page)), keep: complete };
    });
  }

  /** The caller's standing in the channels the log is drawn from. */
  private async scope(caller: Caller, input: ListDecisionsQuery, projectChannels: string[], mark: number): Promise<Map<string, Standing>> {
    if (input.project_id) {
      const standings = await this.access.standings(caller, projectChannels);
      if (!standings.size) throw new AppError('not_found', 'Project not found');
      if (input.channel_id && !standings.has(input.channel_id)) throw new AppError('not_found', 'Channel not found in this project');
      return standings;
    }
    if (input.channel_id) return new Map((await this.access.requireMember(caller, input.channel_id)).standings);
    return this.access.standings(caller, await this.decisionChannels.get('', mark, () => repo.channelsWithDecisions(this.db)));
  }

  /** `complete`: every channel of the page was among those asked about, so the page depends on nothing outside the key. */
  private async page(caller: Caller, input: ListDecisionsQuery, standings: Map<string, Standing>) {
    const limit = input.limit ?? LIMITS.pageDefault;
    const q = input.q?.trim();
    const rows = await repo.listDecisions(this.db, this.uow.engine, {
      channelIds: [...standings.keys()],
      projectId: input.project_id,
      status: input.status,
      channelId: input.channel_id,
      personId: input.person_id,
      q: q || undefined,
      before: input.cursor,
      limit: limit + 1,
    });
    const more = rows.length > limit;
    const items = more ? rows.slice(0, limit) : rows;
    // Channels of the page the caller was not asked about yet (a source outside the channel filtered on).
    const unasked = [...new Set(items.flatMap(channelsOf))].filter((c) => !standings.has(c));
    const extra = unasked.length ? await this.access.standings(caller, unasked) : new Map<string, Standing>();
    const facts: Facts = { caller, standings: new Map([...standings, ...extra]) };
    const page: DecisionPage = { items: items.map((d) => present(d, facts)), next_cursor: more ? items[items.length - 1]!.id : null };
    return { page, complete: unasked.length === 0 };
  }

  async update(caller: Caller, id: string, input: PatchDecision): Promise<Decision> {
    const { d, facts } = await visibleDecision(this.db, this.access, caller, id);
    this.access.require('decision.edit', factsOf(d, facts));
    if (d.status !== 'proposed') throw closed(d);
    if (input.version !== d.version) throw conflict(d, facts);

    const projectChannels = await projects.projectChannelIds(this.db, d.project_id);
    const inProject = await this.access.facts(caller, projectChannels);
    const next: Partial<Pick<StoredDecision, 'statement' | 'rationale' | 'approver_id'>> = {};
    if (input.statement !== undefined) next.statement = required('statement', input.statement, LIMITS.statementMax);
    if (input.rationale !== undefined) next.rationale = multiLine('rationale', input.rationale, LIMITS.rationaleMax).trim();
    if (input.approver_id !== undefined) {
      if (input.approver_id !== d.approver_id) await this.inputs.checkApprover(caller, d.source_channel_id, input.approver_id);
      next.approver_id = input.approver_id;
    }
    const lists: Partial<Pick<StoredDecision, 'channel_ids' | 'task_ids' | 'asset_version_ids'>> & { quotes?: DecisionQuote[] } = {};
    if (input.channel_ids !== undefined)
      lists.channel_ids = this.inputs.checkChannels(caller, inProject, projectChannels, input.channel_ids);
    if (input.quote_post_ids !== undefined) {
      if (!d.source_post_id && input.quote_post_ids.length)
        throw new AppError('validation_failed', 'Quotes need a source message (post_id)');
      const source = d.source_post_id ? await this.inputs.readSource(caller, d.source_post_id) : null;
      lists.quotes = source ? await this.inputs.readQuotes(caller, source, input.quote_post_ids) : [];
    }
    if (input.task_ids !== undefined) lists.task_ids = await this.inputs.checkTasks(caller, d.project_id, input.task_ids);
    if (input.asset_version_ids !== undefined)
      lists.asset_version_ids = await this.inputs.checkVersions(caller, d.project_id, input.asset_version_ids);

    const scalar = (Object.keys(next) as Array<keyof typeof next>).filter((k) => next[k] !== d[k]);
    const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
    const sorted = (a: readonly string[]) => [...a].sort();
    const changedLists = {
      channel_ids: lists.channel_ids && !same(sorted(lists.channel_ids), sorted(d.channel_ids)),
      quote_post_ids:
        lists.quotes &&
        !same(
          lists.quotes.map((q) => q.post_id),
          d.quotes.map((q) => q.post_id),
        ),
      task_ids: lists.task_ids && !same(sorted(lists.task_ids), sorted(d.task_ids)),
      asset_version_ids: lists.asset_version_ids && !same(sorted(lists.asset_version_ids), sorted(d.asset_version_ids)),
    };
    if (!scalar.length && !Object.values(changedLists).some(Boolean)) return present(d, facts);

    const ok = await this.uow.run(async (w) => {
      const changes = Object.fromEntries(scalar.map((k) => [k, next[k]]));
      if (!(await repo.updateDecision(w.trx, id, { version: d.version, status: 'proposed' }, changes, w.at))) return false;
      const history = (field: string, from: string | null, to: string | null) =>
        repo.insertHistory(w.trx, { decisionId: id, actorId: caller.id, action: 'updated', at: w.at, field, from, to });
      for (const k of scalar) await history(k, d[k] ?? null, next[k] ?? null);
      if (changedLists.channel_ids) {
        await repo.replaceChannels(w.trx, id, lists.channel_ids!);
        await history('channel_ids', d.channel_ids.join(','), lists.channel_ids!.join(','));
      }
      if (changedLists.quote_post_ids) {
        await repo.replaceQuotes(w.trx, id, lists.quotes!);
        await history('quote_post_ids', d.quotes.map((q) => q.post_id).join(','), lists.quotes!.map((q) => q.post_id).join(','));
      }
      for (const [field, kind] of [
        ['task_ids', 'task'],
        ['asset_version_ids', 'asset_version'],
      ] as const) {
        if (!changedLists[field]) continue;
        const before = new Set(d[field]);
        const after = new Set(lists[field]!);
        await repo.replaceLinks(w.trx, id, kind, lists[field]!);
        for (const t of after)
          if (!before.has(t)) await repo.insertHistory(w.trx, { ...link(id, caller, w), action: 'linked', field, to: t });
        for (const t of before)
          if (!after.has(t)) await repo.insertHistory(w.trx, { ...link(id, caller, w), action: 'unlinked', field, from: t });
      }
      const changed = { ...d, channel_ids: lists.channel_ids ?? d.channel_ids };
      await emitAll(w, 'decision.updated', d, [...new Set([...channelsOf(d), ...channelsOf(changed)])]);
      return true;
    });
    if (!ok) throw await stale(this.db, this.access, caller, id);
    return this.get(caller, id);
  }

  /** A page of the decision's history, newest first; `next_cursor` leads to older entries. */
  async history(caller: Caller, id: string, query: HistoryQuery = {}): Promise<DecisionHistoryPage> {
    const { d, facts } = await visibleDecision(this.db, this.access, caller, id);
    const scope = historyScope(d, facts);
    const limit = query.limit ?? LIMITS.pageDefault;
    const page = pageOf(await repo.listHistory(this.db, id, { ...scope, before: query.cursor, limit: limit + 1 }), limit);
    return { ...page, items: historyFor(scope, page.items) };
  }

  /** A follow-up task in one of the decision's channels, linked to it in the same transaction. */
  async followUp(caller: Caller, id: string, input: FollowUpTask): Promise<Task> {
    const { d, facts } = await visibleDecision(this.db, this.access, caller, id);
    const own = within(facts, channelsOf(d));
    const known = new Set([
      ...visibleChannels(own, d.channel_ids),
      ...(own.standings.has(d.source_channel_id) ? [d.source_channel_id] : []),
    ]);
    if (!known.has(input.channel_id)) throw new AppError('not_found', 'This decision does not concern that channel');
    const title = input.title ?? cut((d.statement.split('\n')[0] ?? '').replace(CONTROL_ALL, ' ').trim(), LIMITS.titleMax);
    const { task } = await this.taskService.create(
      caller,
      {
        channel_id: input.channel_id,
        title,
        description: d.statement,
        assignee_id: input.assignee_id,
        due_at: input.due_at,
        project_id: d.project_id,
      },
      undefined,
      async (w, t) => {
        await repo.addLink(w.trx, id, 'task', t.id);
        await repo.insertHistory(w.trx, { ...link(id, caller, w), action: 'linked', field: 'task_ids', to: t.id });
        await emitAll(w, 'decision.updated', d);
      },
    );
    return task;
  }
}

const link = (decisionId: string, caller: Caller, w: Work) => ({ decisionId, actorId: caller.id, at: w.at });
