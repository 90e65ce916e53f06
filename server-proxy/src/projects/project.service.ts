import type { Access } from '../access/access.js';
import type { Db } from '../db/database.js';
import type { Caller } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import { LIMITS } from '../limits.js';
import { newId, nowIso } from '../util/ids.js';
import { singleLine } from '../util/text.js';
import * as repo from './project.repository.js';
import type { Project } from './project.types.js';

export class ProjectService {
  constructor(
    private readonly db: Db,
    private readonly access: Access,
  ) {}

  /** Projects with at least one channel the caller is a member of; optionally only those of one channel. */
  async list(caller: Caller, channelId?: string): Promise<Project[]> {
    if (channelId) {
      await this.access.requireMember(caller, channelId);
      return Promise.all((await repo.findProjectsByChannels(this.db, [channelId])).map((p) => this.present(caller, p)));
    }
    const mine = await this.access.memberChannels(caller, await repo.allLinkedChannelIds(this.db));
    const projects = await repo.findProjectsByChannels(this.db, [...mine]);
    return Promise.all(projects.map((p) => this.present(caller, p, mine)));
  }

  async create(caller: Caller, input: { name: string; channel_id: string }): Promise<Project> {
    const name = singleLine('name', input.name, LIMITS.projectNameMax);
    const m = await this.access.requireMember(caller, input.channel_id);
    if (this.access.isGuestIn(caller, m)) throw new AppError('forbidden', 'Guests cannot create projects');
    const id = newId();
    await repo.insertProject(this.db, { id, name, channelId: input.channel_id, userId: caller.id, at: nowIso() });
    return (await repo.findProject(this.db, id))!;
  }

  async get(caller: Caller, id: string): Promise<Project> {
    const { project, mine } = await this.visible(caller, id);
    return this.present(caller, project, mine);
  }

  async linkChannel(caller: Caller, id: string, channelId: string): Promise<Project> {
    await this.visible(caller, id);
    if (caller.isGuest) throw new AppError('forbidden', 'Guests cannot change which channels belong to a project');
    const m = await this.access.requireMember(caller, channelId);
    if (this.access.isGuestIn(caller, m)) throw new AppError('forbidden', 'Guests cannot change which channels belong to a project');
    await repo.linkChannel(this.db, id, channelId, caller.id, nowIso());
    return this.get(caller, id);
  }

  async unlinkChannel(caller: Caller, id: string, channelId: string): Promise<Project> {
    const { project } = await this.visible(caller, id);
    if (caller.isGuest) throw new AppError('forbidden', 'Guests cannot change which channels belong to a project');
    if (!project.channel_ids.includes(channelId)) throw new AppError('not_found', 'That channel is not part of this project');
    if (channelId === project.channel_id) throw new AppError('home_channel', "A project's home channel cannot be removed from it");
    if (!(await this.access.membership(caller, channelId))) {
      throw new AppError('forbidden', 'Only a member of a channel can remove it from a project');
    }
    await repo.unlinkChannel(this.db, id, channelId, nowIso());
    return this.get(caller, id);
  }

  /** The project if the caller may know it exists (a member of one of its channels), else 404. */
  async visible(caller: Caller, id: string): Promise<{ project: Project; mine: Set<string> }> {
    const project = await repo.findProject(this.db, id);
    if (!project) throw new AppError('not_found', 'Project not found');
    const mine = await this.access.memberChannels(caller, project.channel_ids);
    if (!mine.size) throw new AppError('not_found', 'Project not found');
    return { project, mine };
  }

  /** Guests learn only the ids of channels they are in; staff see the whole campaign. */
  private async present(caller: Caller, p: Project, mine?: Set<string>): Promise<Project> {
    if (!caller.isGuest) return p;
    const own = mine ?? (await this.access.memberChannels(caller, p.channel_ids));
    return { ...p, channel_ids: p.channel_ids.filter((c) => own.has(c)) };
  }
}
