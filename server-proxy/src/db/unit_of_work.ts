import type { Transaction } from 'kysely';
import type { Db, Engine } from './database.js';
import type { Database } from './schema.js';
import { appendEvent } from '../events/event.repository.js';
import type { NewEvent } from '../events/event.types.js';
import { enqueue } from '../outbox/outbox.repository.js';
import type { OutboxMessage } from '../outbox/outbox.types.js';
import { refsOfEvent, reindex, type SearchRef } from '../search/search.indexer.js';

export interface Work {
  trx: Transaction<Database>;
  at: string;
  /** Records an event for live sidebars, in this transaction. */
  emit(e: NewEvent): Promise<void>;
  /** Queues a bot message, in this transaction; answers the outbox id (to find the post it makes later). */
  notify(m: OutboxMessage): Promise<string>;
  /**
   * Marks an item whose text changed: its search index entries are rewritten before this transaction
   * commits. Events do it by themselves (task.*, decision.recorded/updated, asset.version_added);
   * a change with no event (an asset made) says so here.
   */
  index(ref: SearchRef): void;
}

/** A version of everything events describe (EventHub.changeMark), and the channels of the project asked with it. */
export interface ChangeMark {
  mark: number;
  /** The project's channel ids at that mark (none without a project, or for an unknown one). */
  channelIds: string[];
}

export interface AfterCommit {
  eventsCommitted(): void;
  outboxCommitted(): void;
  /** Grows with every committed event (EventHub.changeMark): what caches of the changed records are keyed by; with a project's channels. */
  changeMark(projectId: string | null): Promise<ChangeMark>;
}

/** A write transaction whose events and notifications commit with it, and are announced only after. */
export class UnitOfWork {
  constructor(
    private readonly db: Db,
    private readonly engine: Engine,
    private readonly after: AfterCommit,
    /** The shortest time between two posts about one object (see outbox/topics.ts). */
    private readonly notifyMinIntervalMs: number,
  ) {}

  /** Changes whenever a unit that emitted an event commits, on any replica: a version for cached pages, with `projectId`'s channels at it. */
  changeMark(projectId: string | null = null): Promise<ChangeMark> {
    return this.after.changeMark(projectId);
  }

  async run<T>(fn: (w: Work) => Promise<T>): Promise<T> {
    let emitted = false;
    let queued = false;
    const at = new Date().toISOString();
    const result = await this.db.transaction().execute(async (trx) => {
      const stale = new Map<string, SearchRef>();
      const mark = (ref: SearchRef) => stale.set(`${ref.kind}:${ref.id}`, ref);
      const out = await fn({
        trx,
        at,
        emit: async (e) => {
          await appendEvent(trx, this.engine, e, at);
          emitted = true;
          refsOfEvent(e).forEach(mark);
        },
        notify: async (m) => {
          const id = await enqueue(trx, m, at, this.notifyMinIntervalMs);
          queued = true;
          return id;
        },
        index: mark,
      });
      // Once, after every change of the unit: the index holds what commits.
      for (const ref of stale.values()) await reindex(trx, this.engine, ref);
      return out;
    });
    if (emitted) this.after.eventsCommitted();
    if (queued) this.after.outboxCommitted();
    return result;
  }
}
