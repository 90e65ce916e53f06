import { LIMITS, PROJECT_PERMISSIONS } from '@throughline/contract';
import type { Access } from '../access/access.js';
import { visibleChannels, within, type Facts } from '../access/policy.js';
import type { Db } from '../db/database.js';
import type { UnitOfWork } from '../db/unit_of_work.js';
import type { Caller } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import { newId, nowIso } from '../util/ids.js';
import { singleLine } from '../util/text.js';
import * as assets from '../assets/asset.repository.js';
import * as repo from './project.repository.js';
import type { Project, StoredProject, UnlinkedProject } from './project.types.js';

const ON_HOME = new Set<string>(['rollout.create', 'project.set_lead', 'project.export']);

export class ProjectService {
  constructor(
    private readonly db: Db,
    private readonly uow: UnitOfWork,
    private readonly access: Access,
  ) {}

  /** Projects with at least one channel the caller is a member of; optionally only those of one channel. */
  async list(caller: Caller, channelId?: string): Promise<Project[]> {
    if (channelId) {
      await this.access.requireMember(caller, channelId);
      const found = await repo.findProjectsByChannels(this.db, [channelId]);
      return Promise.all(found.map(async (p) => this.present(p, await this.access.facts(caller, p.channel_ids))));
    }
    const all = await this.access.facts(caller, await repo.allLinkedChannelIds(this.db));
    const projects = await repo.findProjectsByChannels(this.db, [...all.standings.keys()]);
    return projects.map((p) => this.present(p, all));
  }

  async create(caller: Caller, input: { name: string; channel_id: string }): Promise<Project> {
    const name = singleLine('name', input.name, LIMITS.projectNameMax);
    this.access.require('project.create', await this.access.requireMember(caller, input.channel_id));
    const id = newId();
    await repo.insertProject(this.db, { id, name, channelId: input.channel_id, userId: caller.id, at: nowIso() });
    return this.get(caller, id);
  }

  async get(caller: Caller, id: string): Promise<Project> {
    const { project, facts } = await this.visible(caller, id);
    return this.present(project, facts);
  }

  async linkChannel(caller: Caller, id: string, channelId: string): Promise<Project> {
    const { project, facts } = await this.visible(caller, id);
    this.access.require('project.link', { ...facts, target: undefined });
    const target = await this.access.requireMember(caller, channelId);
    this.access.require('project.link', { ...facts, standings: new Map([...facts.standings, ...target.standings]), target: channelId });
    await this.uow.run(async (w) => {
      if (!(await repo.linkChannel(w.trx, project.id, channelId, caller.id, w.at))) return;
      // Every channel of the project hears of it (its overview and lists change); the one that joined first.
      for (const c of [channelId, ...project.channel_ids]) {
        await w.emit({ type: 'project.channel_linked', channel_id: c, payload: { project_id: id, added: c === channelId } });
      }
    });
    return this.get(caller, id);
  }

  /**
   * Unlinking also stops sharing the project's assets with that channel: its guests stop reading them,
   * approvals stop posting there. The channel and every one left in the project hear of it live (its
   * banner of approved versions, the project's overview); each event names only the assets whose
   * sharing with its own channel changed.
   */
  async unlinkChannel(caller: Caller, id: string, channelId: string): Promise<UnlinkedProject> {
    const { project, facts } = await this.visible(caller, id);
    this.access.require('project.unlink', { ...facts, target: undefined });
    if (!project.channel_ids.includes(channelId)) throw new AppError('not_found', 'That channel is not part of this project');
    if (channelId === project.channel_id) throw new AppError('home_channel', "A project's home channel cannot be removed from it");
    if (!facts.standings.has(channelId)) throw new AppError('forbidden', 'Only a member of a channel can remove it from a project');
    const unshared = await this.uow.run(async (w) => {
      await repo.unlinkChannel(w.trx, id, channelId, w.at);
      const moved = await assets.unshareFromChannel(w.trx, { projectId: id, channelId, homeChannelId: project.channel_id, at: w.at });
      for (const c of project.channel_ids) {
        const changed = c === channelId ? moved : c === project.channel_id ? moved.filter((a) => a.moved_to_home) : [];
        const payload = { project_id: id, removed: c === channelId, asset_ids: changed.map((a) => a.id) };
        await w.emit({ type: 'project.channel_unlinked', channel_id: c, payload });
      }
      return moved;
    });
    return { ...(await this.get(caller, id)), unshared_assets: unshared };
  }

  /**
   * Names the person a rollout's child task in that channel is assigned to; null clears it. The
   * lead must be a member of that channel (asked as the caller, who must be able to see it).
   */
  async setLead(caller: Caller, id: string, channelId: string, userId: string | null): Promise<Project> {
    const { project, facts } = await this.visible(caller, id);
    this.access.require('project.set_lead', { ...facts, target: project.channel_id });
    if (!project.channel_ids.includes(channelId) || !visibleChannels(facts, project.channel_ids).includes(channelId))
      throw new AppError('not_found', 'That channel is not part of this project');
    if (userId && !(await this.access.isChannelMember(caller, channelId, userId)))
      throw new AppError('not_channel_member', 'The lead must be a member of that channel');
    await repo.setLead(this.db, id, channelId, userId, nowIso());
    return this.get(caller, id);
  }

  /** The project and the facts about it, if the caller may know it exists (a member of one of its channels), else 404. */
  async visible(caller: Caller, id: string): Promise<{ project: StoredProject; facts: Facts }> {
    const project = await repo.findProject(this.db, id);
    if (!project) throw new AppError('not_found', 'Project not found');
    const facts = await this.access.facts(caller, project.channel_ids);
    this.access.require('project.read', facts);
    return { project, facts };
  }

  private present(p: StoredProject, facts: Facts): Project {
    const own = within(facts, p.channel_ids);
    const channels = visibleChannels(own, p.channel_ids);
    // The home channel is trimmed like the others: a guest of a linked channel never learns its id.
    const home = channels.includes(p.channel_id) ? p.channel_id : null;
    const shown = new Set(channels);
    return {
      ...p,
      channel_id: home,
      channel_ids: channels,
      leads: p.leads.filter((l) => shown.has(l.channel_id)),
      permissions: PROJECT_PERMISSIONS.filter(
        (perm) =>
          // Starting a rollout and naming leads are decided on the home channel.
          this.access.granted([perm], ON_HOME.has(perm) ? { ...own, target: p.channel_id } : own).length > 0,
      ),
    };
  }
}
