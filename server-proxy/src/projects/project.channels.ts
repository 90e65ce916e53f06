import type { Db } from '../db/database.js';
import { projectChannelIds } from './project.repository.js';

/** Projects whose channels are kept; past it the oldest go first. */
const MAX_PROJECTS = 10_000;

/**
 * Each project's channel ids as of a change mark (EventHub.changeMark): linking and unlinking a
 * channel commit an event, so an unchanged mark means an unchanged set, and a reused list page
 * needs no query for them. A set read after the mark was taken may be newer than the mark, never
 * older. An unknown project is not kept: its id may be created later, with no event.
 */
export class ProjectChannels {
  private readonly kept = new Map<string, { mark: number; ids: string[] }>();

  constructor(private readonly db: Db) {}

  async at(projectId: string, mark: number): Promise<string[]> {
    const hit = this.kept.get(projectId);
    if (hit?.mark === mark) return hit.ids;
    const ids = await projectChannelIds(this.db, projectId);
    this.kept.delete(projectId);
    if (!ids.length) return ids;
    this.kept.set(projectId, { mark, ids });
    if (this.kept.size > MAX_PROJECTS) this.kept.delete(this.kept.keys().next().value!);
    return ids;
  }
}
