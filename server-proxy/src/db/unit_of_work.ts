import type { Transaction } from 'kysely';
import type { Db, Engine } from './database.js';
import type { Database } from './schema.js';
import { appendEvent } from '../events/event.repository.js';
import type { NewEvent } from '../events/event.types.js';
import { enqueue } from '../outbox/outbox.repository.js';
import type { OutboxMessage } from '../outbox/outbox.types.js';
import { reindex, type SearchRef } from '../search/search.indexer.js';

export interface Work {
  trx: Transaction<Database>;
  at: string;
  /** Records an event for live sidebars, in this transaction. */
  emit(e: NewEvent): Promise<void>;
  /** Queues a bot message, in this transaction; answers the outbox id (to find the post it makes later). */
  notify(m: OutboxMessage): Promise<string>;
  /** Rewrites the search index entries of an item whose text changed, in this transaction. */
  index(ref: SearchRef): Promise<void>;
}

export interface AfterCommit {
  eventsCommitted(): void;
  outboxCommitted(): void;
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

  async run<T>(fn: (w: Work) => Promise<T>): Promise<T> {
    let emitted = false;
    let queued = false;
    const at = new Date().toISOString();
    const result = await this.db.transaction().execute((trx) =>
      fn({
        trx,
        at,
        emit: async (e) => {
          await appendEvent(trx, this.engine, e, at);
          emitted = true;
        },
        notify: async (m) => {
          const id = await enqueue(trx, m, at, this.notifyMinIntervalMs);
          queued = true;
          return id;
        },
        index: (ref) => reindex(trx, this.engine, ref),
      }),
    );
    if (emitted) this.after.eventsCommitted();
    if (queued) this.after.outboxCommitted();
    return result;
  }
}
