import type { Db, Engine } from '../db/database.js';
import { eventsAfter, latestSeq, runningWriters, seqHandedOut } from './event.repository.js';
import type { StoredEvent } from './event.types.js';

export interface FeedRead {
  /** Next in seq order after the position; no event committed later can come before any of them. */
  events: StoredEvent[];
  /** Read again at once: the batch was full. */
  more: boolean;
  /** A lower seq than some committed one is held by a transaction still running: read again soon. */
  waiting: boolean;
}

/** Where a replica's reader stands in the events table: everything up to `position` has been read. */
export interface EventFeed {
  readonly position: number;
  read(limit: number): Promise<FeedRead>;
}

export async function openFeed(db: Db, engine: Engine, signal?: AbortSignal): Promise<EventFeed> {
  return engine === 'postgres' ? PostgresFeed.open(db, signal) : SqliteFeed.open(db);
}

/** One writer at a time: seq grows in commit order, so whatever is committed can be read. */
class SqliteFeed implements EventFeed {
  private constructor(
    private readonly db: Db,
    public position: number,
  ) {}

  static async open(db: Db): Promise<SqliteFeed> {
    return new SqliteFeed(db, await latestSeq(db));
  }

  async read(limit: number): Promise<FeedRead> {
    const events = await eventsAfter(this.db, this.position, limit);
    if (events.length) this.position = events[events.length - 1]!.seq;
    return { events, more: events.length === limit, waiting: false };
  }
}

/**
 * Writers take seqs from a sequence and commit in any order. A seq is read once it is final: its row
 * is committed and every lower seq is delivered or final too, so the feed never moves past a seq
 * whose transaction may still commit.
 *
 * A committed row right after the position is final at once (the common case). A missing one is
 * decided by who is still writing: a writer has its transaction id before it takes a seq, so the
 * writers running just after seq S was handed out ("the horizon") include every one that may still
 * commit a seq up to S; once they have all ended, each seq up to S is committed or never will be — a
 * rollback leaves a hole that the feed then steps over.
 */
class PostgresFeed implements EventFeed {
  private horizon: { seq: number; writers: Set<string> } | null = null;

  private constructor(
    private readonly db: Db,
    public position: number,
  ) {}

  /** Starts where everything handed out so far is final: waits for the writers running now. */
  static async open(db: Db, signal?: AbortSignal): Promise<PostgresFeed> {
    const top = await seqHandedOut(db);
    const writers = await runningWriters(db);
    for (let pause = 1; !signal?.aborted && (await stillRunning(db, writers)); pause = Math.min(pause * 2, 100)) {
      await new Promise((r) => setTimeout(r, pause));
    }
    return new PostgresFeed(db, top);
  }

  async read(limit: number): Promise<FeedRead> {
    const top = await seqHandedOut(this.db);
    if (top <= this.position) {
      this.horizon = null;
      return { events: [], more: false, waiting: false };
    }
    const events = await eventsAfter(this.db, this.position, limit, top);
    const out: StoredEvent[] = [];
    for (const e of events) {
      if (e.seq !== this.position + 1) break;
      out.push(e);
      this.position = e.seq;
    }
    if (this.horizon && this.position >= this.horizon.seq) this.horizon = null;
    if (out.length === limit) return { events: out, more: true, waiting: false };
    if (this.position >= top) return { events: out, more: false, waiting: false };
    // A hole. Read after the sequence, these are the writers that may still fill it.
    this.horizon ??= { seq: top, writers: await runningWriters(this.db) };
    if (await stillRunning(this.db, this.horizon.writers)) return { events: out, more: false, waiting: true };
    // Every seq up to the horizon is final: what is read now is all there will be.
    const through = this.horizon.seq;
    const rest = await eventsAfter(this.db, this.position, limit, through);
    out.push(...rest);
    const full = rest.length === limit;
    this.position = full ? rest[rest.length - 1]!.seq : through;
    if (!full) this.horizon = null;
    return { events: out, more: true, waiting: false };
  }
}

/** Whether any of `writers` is still running (each keeps its transaction id until it ends). */
async function stillRunning(db: Db, writers: Set<string>): Promise<boolean> {
  if (!writers.size) return false;
  for (const xid of await runningWriters(db)) if (writers.has(xid)) return true;
  return false;
}
