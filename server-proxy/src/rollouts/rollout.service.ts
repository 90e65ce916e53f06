import {
  ROLLOUT_PERMISSIONS,
  type CreateRollout,
  type Receipt,
  type Rollout,
  type RolloutCounts,
  type RolloutRow,
} from '@throughline/contract';
import type { Access } from '../access/access.js';
import { within, type Facts } from '../access/policy.js';
import { isUniqueViolation, type Db } from '../db/database.js';
import type { UnitOfWork, Work } from '../db/unit_of_work.js';
import type { Caller } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import { assetChannels, findAssetRow } from '../assets/asset.repository.js';
import * as projects from '../projects/project.repository.js';
import type { StoredProject } from '../projects/project.types.js';
import { receiptsOf } from '../receipts/receipt.repository.js';
import * as tasks from '../tasks/task.repository.js';
import { snapshot } from '../tasks/task.input.js';
import type { Task } from '../tasks/task.types.js';
import { newId, nowIso } from '../util/ids.js';
import * as repo from './rollout.repository.js';

const PARALLEL_CHECKS = 16;
const CLOSED = new Set(['done', 'cancelled']);

interface BoundAsset {
  id: string;
  name: string;
}

/**
 * Rollouts: a task of a project sent to chosen channels of that project as one child task per
 * channel, written in one transaction with one card per channel queued in the outbox (Mattermost
 * is asked only about membership, in the batched way the access module asks).
 */
export class RolloutService {
  constructor(
    private readonly db: Db,
    private readonly uow: UnitOfWork,
    private readonly access: Access,
  ) {}

  async create(caller: Caller, input: CreateRollout): Promise<Rollout> {
    const parent = await tasks.findTask(this.db, input.task_id);
    if (!parent) throw new AppError('not_found', 'Task not found');
    this.access.require('task.read', await this.access.facts(caller, [parent.channel_id]));
    if (!parent.project_id || parent.parent_id)
      throw new AppError('not_rollable', 'Only a task of a project that is not itself part of a rollout can be rolled out');
    if (parent.rollout_id) throw new AppError('already_rolled_out', 'This task is already rolled out; add channels to its rollout instead');
    const project = await projects.findProject(this.db, parent.project_id);
    if (!project) throw new AppError('not_rollable', 'The task’s project no longer exists');

    const facts = await this.access.facts(caller, [project.channel_id, ...input.channel_ids]);
    this.access.require('rollout.create', { ...facts, target: project.channel_id });
    this.checkTargets(project, facts, input.channel_ids, new Set());
    const asset = input.asset_id ? await this.checkAsset(caller, project, input.asset_id) : null;
    const leads = await this.leadsFor(caller, facts, project.id, input.channel_ids);

    const id = newId();
    try {
      await this.uow.run(async (w) => {
        await repo.insertRollout(w.trx, {
          id,
          task_id: parent.id,
          project_id: project.id,
          asset_id: asset?.id ?? null,
          created_by: caller.id,
          created_at: w.at,
          updated_at: w.at,
        });
        await tasks.setRolloutOf(w.trx, parent.id, id, w.at);
        const linked: Task = { ...parent, rollout_id: id, updated_at: w.at, version: parent.version + 1 };
        await w.emit({ type: 'task.updated', channel_id: parent.channel_id, payload: { task: linked, fields: [] } });
        await this.addChildren(w, caller, { id, parent, asset, leads, channelIds: input.channel_ids, from: 0 });
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw new AppError('already_rolled_out', 'This task was rolled out meanwhile; add channels to its rollout instead');
      throw err;
    }
    return this.get(caller, id);
  }

  async get(caller: Caller, id: string): Promise<Rollout> {
    const { rollout, parent, project, channels, facts } = await this.visible(caller, id);
    return this.present(rollout, parent, project, channels, facts);
  }

  async addChannels(caller: Caller, id: string, channelIds: readonly string[]): Promise<Rollout> {
    const { rollout, parent, project, channels, facts: seen } = await this.visible(caller, id, channelIds);
    this.access.require('rollout.add_channel', { ...seen, target: project.channel_id });
    this.checkTargets(project, seen, channelIds, new Set(channels.map((c) => c.channel_id)));
    const asset = rollout.asset_id ? await this.boundAsset(rollout.asset_id) : null;
    const leads = await this.leadsFor(caller, seen, project.id, channelIds);
    try {
      await this.uow.run(async (w) => {
        await repo.touchRollout(w.trx, id, w.at);
        const from = channels.reduce((max, c) => Math.max(max, c.position + 1), 0);
        await this.addChildren(w, caller, { id, parent, asset, leads, channelIds, from });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('already_rolled_out', 'One of these channels was added to the rollout meanwhile');
      throw err;
    }
    return this.get(caller, id);
  }

  /**
   * The children, their cards (and their leads' DMs) and, for a rollout bound to an asset, the
   * asset shared with channels that did not have it yet: its approval card and receipt then reach
   * them too, so the done gate asks for something the channel can actually confirm.
   */
  private async addChildren(
    w: Work,
    caller: Caller,
    r: { id: string; parent: Task; asset: BoundAsset | null; leads: Map<string, string>; channelIds: readonly string[]; from: number },
  ): Promise<void> {
    const children: Task[] = r.channelIds.map((channelId) => ({
      id: newId(),
      title: r.parent.title,
      description: r.parent.description,
      status: 'todo',
      assignee_id: r.leads.get(channelId) ?? null,
      due_at: r.parent.due_at,
      channel_id: channelId,
      project_id: r.parent.project_id,
      source_post_id: null,
      permalink: null,
      files: r.parent.files,
      parent_id: r.parent.id,
      rollout_id: r.id,
      created_by: caller.id,
      created_at: w.at,
      updated_at: w.at,
      version: 1,
    }));
    await tasks.insertTasks(w.trx, children, caller.id);
    await repo.insertRolloutChannels(
      w.trx,
      r.id,
      children.map((t, i) => ({ channel_id: t.channel_id, task_id: t.id, position: r.from + i })),
    );
    for (const task of children) {
      await w.emit({ type: 'task.created', channel_id: task.channel_id, payload: { task } });
      await w.notify({ kind: 'task_card', channel_id: task.channel_id, root_id: null, actor_id: caller.id, task: snapshot(task) });
      if (task.assignee_id && task.assignee_id !== caller.id)
        await w.notify({ kind: 'assignment_dm', user_id: task.assignee_id, actor_id: caller.id, task: snapshot(task) });
    }
    if (!r.asset) return;
    const approved = await repo.approvedVersion(w.trx, r.asset.id);
    const shared = await repo.shareAsset(w.trx, r.asset.id, r.channelIds, approved?.id ?? null);
    if (!approved) return;
    for (const channelId of shared)
      await w.notify({
        kind: 'approval_card',
        channel_id: channelId,
        actor_id: approved.decided_by ?? caller.id,
        asset_id: r.asset.id,
        asset_name: r.asset.name,
        version_id: approved.id,
        version_number: approved.number,
        file_name: approved.file_name,
        comment: null,
      });
  }

  /** Every target must be a channel of the project that the caller is in, and not in the rollout yet. */
  private checkTargets(project: StoredProject, facts: Facts, channelIds: readonly string[], taken: Set<string>): void {
    for (const c of channelIds) {
      if (!project.channel_ids.includes(c))
        throw new AppError('channel_not_in_project', 'A task can be rolled out only to channels of its project');
    }
    for (const c of channelIds) {
      if (!facts.standings.has(c)) throw new AppError('not_channel_member', 'You can roll a task out only to channels you are a member of');
    }
    for (const c of channelIds) {
      if (taken.has(c)) throw new AppError('already_rolled_out', 'That channel already has its task in this rollout');
    }
  }

  /** An asset of the project that the caller can see; anything else is "unavailable", saying no more. */
  private async checkAsset(caller: Caller, project: StoredProject, assetId: string): Promise<BoundAsset> {
    const row = await findAssetRow(this.db, assetId);
    const unavailable = new AppError('asset_unavailable', 'That asset does not exist in this project');
    if (!row || row.project_id !== project.id) throw unavailable;
    if (!(await this.access.memberChannels(caller, await assetChannels(this.db, assetId))).size) throw unavailable;
    return { id: row.id, name: row.name };
  }

  private async boundAsset(assetId: string): Promise<BoundAsset | null> {
    const row = await findAssetRow(this.db, assetId);
    return row ? { id: row.id, name: row.name } : null;
  }

  /**
   * Each channel's lead, if they are still a member of it (asked as the caller; the caller's own
   * membership is already known).
   */
  private async leadsFor(caller: Caller, facts: Facts, projectId: string, channelIds: readonly string[]): Promise<Map<string, string>> {
    const named = [...(await projects.leadsOf(this.db, projectId, channelIds))];
    const kept = new Map<string, string>();
    for (let i = 0; i < named.length; i += PARALLEL_CHECKS) {
      const slice = named.slice(i, i + PARALLEL_CHECKS);
      const member = await Promise.all(
        slice.map(([channelId, userId]) =>
          userId === caller.id ? facts.standings.has(channelId) : this.access.isChannelMember(caller, channelId, userId),
        ),
      );
      slice.forEach(([channelId, userId], j) => member[j] && kept.set(channelId, userId));
    }
    return kept;
  }

  /**
   * The rollout, if the caller may know it: a member of the parent's channel or of one of the
   * rollout's channels; anyone else gets a 404. `also`: more channels to ask about in the same go.
   */
  private async visible(caller: Caller, id: string, also: readonly string[] = []) {
    const rollout = await repo.findRollout(this.db, id);
    const parent = rollout && (await tasks.findTask(this.db, rollout.task_id));
    const project = rollout && (await projects.findProject(this.db, rollout.project_id));
    if (!rollout || !parent || !project) throw new AppError('not_found', 'Rollout not found');
    const channels = await repo.rolloutChannels(this.db, id);
    const own = [parent.channel_id, ...channels.map((c) => c.channel_id)];
    const facts = await this.access.facts(caller, [...own, project.channel_id, ...also]);
    if (!within(facts, own).standings.size) throw new AppError('not_found', 'Rollout not found');
    return { rollout, parent, project, channels, facts };
  }

  /** The matrix over the rows of the channels the caller is a member of. */
  private async present(
    rollout: repo.StoredRollout,
    parent: Task,
    project: StoredProject,
    channels: repo.RolloutChannel[],
    facts: Facts,
  ): Promise<Rollout> {
    const mine = channels.filter((c) => facts.standings.has(c.channel_id));
    const byId = new Map(
      (
        await tasks.findTasks(
          this.db,
          mine.map((c) => c.task_id),
        )
      ).map((t) => [t.id, t]),
    );
    const asset = rollout.asset_id ? await findAssetRow(this.db, rollout.asset_id) : undefined;
    const approved = rollout.asset_id ? await repo.approvedVersion(this.db, rollout.asset_id) : null;
    const receipts = new Map<string, Receipt>();
    if (approved)
      for (const r of (await receiptsOf(this.db, 'asset_version', [approved.id])).get(approved.id) ?? []) receipts.set(r.channel_id, r);
    const now = nowIso();
    const rows: RolloutRow[] = mine.flatMap((c) => {
      const task = byId.get(c.task_id);
      if (!task) return [];
      const overdue = !CLOSED.has(task.status) && task.due_at !== null && task.due_at < now;
      return [{ channel_id: c.channel_id, task, overdue, receipt: receipts.get(c.channel_id) ?? null }];
    });
    const counts: RolloutCounts = {
      total: rows.length,
      todo: 0,
      in_progress: 0,
      review: 0,
      done: 0,
      cancelled: 0,
      overdue: 0,
      confirmed: 0,
    };
    for (const r of rows) {
      counts[r.task.status] += 1;
      if (r.overdue) counts.overdue += 1;
      if (r.receipt?.confirmed_at) counts.confirmed += 1;
    }
    return {
      id: rollout.id,
      task_id: parent.id,
      project_id: project.id,
      asset_id: rollout.asset_id,
      asset_name: asset?.name ?? null,
      approved_version: approved ? { id: approved.id, number: approved.number, file_name: approved.file_name } : null,
      created_by: rollout.created_by,
      created_at: rollout.created_at,
      updated_at: rollout.updated_at,
      counts,
      rows,
      permissions: this.access.granted(ROLLOUT_PERMISSIONS, { ...facts, target: project.channel_id }),
    };
  }
}
