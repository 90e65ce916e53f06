import type { Db } from '../db/database.js';
import { KeptAtMark } from '../util/kept_at_mark.js';
import { projectChannelIds } from './project.repository.js';

/** Projects whose channels are kept; past it the oldest go first. */
const MAX_PROJECTS = 10_000;

/**
 * Each project's channel ids as of a change mark: linking and unlinking a channel commit an event,
 * so a reused list page needs no query for them. An unknown project is not kept: its id may be
 * created later, with no event.
 */
export class ProjectChannels {
  private readonly kept = new KeptAtMark<string[]>(MAX_PROJECTS);

  constructor(private readonly db: Db) {}

  at(projectId: string, mark: number): Promise<string[]> {
    return this.kept.get(
      projectId,
      mark,
      () => projectChannelIds(this.db, projectId),
      (ids) => ids.length > 0,
    );
  }
}
