import type { Db, Engine } from './database.js';
import { runsAlone } from './postgres.js';
import type { Database } from './schema.js';
import { sql, type InsertQueryBuilder, type InsertResult, type Transaction } from 'kysely';
import { appendEvents, eventStatements } from '../events/event.repository.js';
import type { NewEvent } from '../events/event.types.js';
import { enqueue } from '../outbox/outbox.repository.js';
import type { OutboxMessage } from '../outbox/outbox.types.js';
import { applyIndexChanges, indexChanges, refsOfEvent, type IndexChanges, type SearchRef } from '../search/search.indexer.js';
import { indexStatements } from '../search/search.repository.js';

export interface Work {
  trx: Transaction<Database>;
  at: string;
  /** Records an event for live sidebars, in this transaction (written when the unit's work is done, in the order emitted). */
  emit(e: NewEvent): Promise<void>;
  /** Queues a bot message, in this transaction; answers the outbox id (to find the post it makes later). */
  notify(m: OutboxMessage): Promise<string>;
  /**
   * Marks an item whose text changed: its search index entries are rewritten before this transaction
   * commits. Events do it by themselves (task.*, decision.recorded/updated, asset.version_added);
   * a change with no event (an asset made) says so here.
   */
  index(ref: SearchRef): void;
  /**
   * An insert of rows nothing in the unit reads, changes or refers to afterwards (a history entry): sent
   * with the events when the work is done — on PostgreSQL as part of one statement, where the inserts of
   * a unit run side by side and none sees another's rows.
   */
  later(insert: LaterInsert): void;
  /** Writes what the unit emitted, marked and left for later so far, now (the rest is written when its work is done). */
  flush(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any table of the schema
export type LaterInsert = InsertQueryBuilder<Database, any, InsertResult>;

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
    /** Which database it writes to: some queries are worded for each engine's planner (db/newest.ts). */
    readonly engine: Engine,
    private readonly after: AfterCommit,
    /** The shortest time between two posts about one object (see outbox/topics.ts). */
    private readonly notifyMinIntervalMs: number,
  ) {}

  /** Changes whenever a unit that emitted an event commits, on any replica: a version for cached pages, with `projectId`'s channels at it. */
  changeMark(projectId: string | null = null): Promise<ChangeMark> {
    return this.after.changeMark(projectId);
  }

  async run<T>(fn: (w: Work) => Promise<T>): Promise<T> {
    let queued = false;
    let emitted = false;
    const at = new Date().toISOString();
    const result = await this.db.transaction().execute(async (trx) => {
      const events: NewEvent[] = [];
      const inserts: LaterInsert[] = [];
      const stale = new Map<string, SearchRef>();
      const mark = (ref: SearchRef) => stale.set(`${ref.kind}:${ref.id}`, ref);
      // The index holds what commits: it is read after every change of the unit (or of its part flushed).
      // `last`: the unit's last statement, which on PostgreSQL runs as the whole transaction when nothing ran before it.
      const flush = async (last: boolean) => {
        const refs = [...stale.values()];
        stale.clear();
        await this.finish(trx, inserts.splice(0), events.splice(0), await indexChanges(trx, refs), at, last);
      };
      const out = await fn({
        trx,
        at,
        emit: async (e) => {
          events.push(e);
          emitted = true;
          refsOfEvent(e).forEach(mark);
        },
        notify: async (m) => {
          const id = await enqueue(trx, m, at, this.notifyMinIntervalMs);
          queued = true;
          return id;
        },
        index: mark,
        later: (insert) => void inserts.push(insert),
        flush: () => flush(false),
      });
      await flush(true);
      return out;
    });
    if (emitted) this.after.eventsCommitted();
    if (queued) this.after.outboxCommitted();
    return result;
  }

  /**
   * The unit's later inserts, events and index changes: on PostgreSQL one statement (one round trip; a
   * unit that ran no statement before its last one is that statement alone, without BEGIN or COMMIT),
   * on SQLite in turn.
   */
  private async finish(
    trx: Transaction<Database>,
    inserts: LaterInsert[],
    events: NewEvent[],
    index: IndexChanges,
    at: string,
    last: boolean,
  ): Promise<void> {
    if (this.engine === 'sqlite') {
      for (const insert of inserts) await insert.execute();
      await appendEvents(trx, events, at);
      await applyIndexChanges(trx, this.engine, index);
      return;
    }
    const ctes = [
      ...inserts.map((insert, i) => sql`later_${sql.raw(String(i))} as (${insert})`),
      ...(events.length ? eventStatements(events, at) : []),
      ...indexStatements(index.remove, index.write),
    ];
    if (!ctes.length) return;
    const statement = sql`with ${sql.join(ctes)} select 1`.compile(trx);
    await trx.executeQuery(last ? runsAlone(statement) : statement);
  }
}
