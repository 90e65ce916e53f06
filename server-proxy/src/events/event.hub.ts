import type pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import { loadPg, type Db, type Engine } from '../db/database.js';
import { Loop, type Pass } from '../util/loop.js';
import { openFeed, type EventFeed } from './event.feed.js';
import { EVENTS_CHANNEL, countAfter, pruneEvents } from './event.repository.js';
import type { StoredEvent } from './event.types.js';
import { NextRead } from '../util/next_read.js';

export type EventListener = (e: StoredEvent) => void;

export interface EventHubOptions {
  /** The slow poll that finds events whose notification was lost. */
  pollMs: number;
  /** Events older than this are deleted, every pruneMs (on every replica; deleting twice is harmless). */
  retentionMs: number;
  pruneMs: number;
}

/** While a lower seq is held by a running transaction, the reader looks again after these pauses (doubling). */
const WAIT_FIRST_MS = 2;
const WAIT_MAX_MS = 200;

/**
 * Fans committed events out to this process's listeners, in seq order. The events table is the
 * source: a commit here, a NOTIFY from another replica, or a slow poll (in case a notification was
 * lost) all lead to the same read of "everything after the last seq I delivered" (see event.feed.ts:
 * on PostgreSQL, a seq whose writer may still commit holds back the ones after it; the reader looks
 * again shortly, since a rollback or a transaction without events sends no notification).
 */
export class EventHub {
  private readonly listeners = new Map<EventListener, (() => void) | undefined>();
  private feed: EventFeed | null = null;
  private waitMs = 0;
  private waitTimer: NodeJS.Timeout | null = null;
  private readonly stopping = new AbortController();
  private readonly reader: Loop;
  private readonly listener: Loop | null;
  private readonly pruner: Loop;
  private listenClient: pg.Client | null = null;
  /** A NOTIFY in flight, and whether a commit came after it was sent (see announce). */
  private announcing = false;
  private announceAgain = false;
  private firstListen: (() => void) | null = null;
  /** One read of the change mark: the callers that ask while it is in flight share the next (util/next_read.ts). */
  private readonly marks = new NextRead(async () => {
    const at = this.seq;
    return at + (await countAfter(this.db, at));
  });

  constructor(
    private readonly db: Db,
    private readonly engine: Engine,
    private readonly databaseUrl: string | null,
    private readonly log: FastifyBaseLogger,
    private readonly opts: EventHubOptions,
  ) {
    this.reader = new Loop({ name: 'event reader', log, intervalMs: opts.pollMs, retryBaseMs: 250, retryMaxMs: opts.pollMs }, () =>
      this.drain(),
    );
    this.pruner = new Loop({ name: 'event pruner', log, intervalMs: opts.pruneMs, retryBaseMs: 1000, retryMaxMs: opts.pruneMs }, () =>
      this.prune(),
    );
    this.listener =
      engine === 'postgres' && databaseUrl
        ? new Loop({ name: 'event listener', log, intervalMs: 0, retryBaseMs: 250, retryMaxMs: 10_000 }, (p) => this.listen(p))
        : null;
  }

  async start(): Promise<void> {
    this.feed = await openFeed(this.db, this.engine, this.stopping.signal);
    this.reader.start();
    this.pruner.start();
    if (!this.listener) return;
    // Other replicas' events should arrive by NOTIFY from the first request on; a first attempt that
    // fails is logged and retried like any later one, and the poll covers the meantime.
    const attempted = new Promise<void>((resolve) => (this.firstListen = resolve));
    this.listener.start();
    await attempted;
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    if (this.waitTimer) clearTimeout(this.waitTimer);
    for (const end of this.listeners.values()) end?.();
    this.listeners.clear();
    await Promise.all([this.reader.stop(), this.pruner.stop(), this.listener?.stop()]);
  }

  /** `onEnd` is called when the hub stops (shutdown), so open streams can finish. */
  subscribe(fn: EventListener, onEnd?: () => void): () => void {
    this.listeners.set(fn, onEnd);
    return () => this.listeners.delete(fn);
  }

  get size(): number {
    return this.listeners.size;
  }

  /** The seq up to which this replica has delivered every event: none at or below it can come later. */
  get seq(): number {
    return this.feed?.position ?? 0;
  }

  /**
   * A number that grows with every committed event, on every replica's database reads: the seq
   * delivered plus the events committed after it. A version for caches of what events describe
   * (the latest seq alone is not: on PostgreSQL a lower one may commit after it).
   */
  changeMark(): Promise<number> {
    return this.marks.get();
  }

  /** Resolves once a read that began after the call has ended: what was committed before is delivered, unless a lower seq is still held. */
  sync(): Promise<void> {
    return this.reader.runNow();
  }

  /** Whether this replica hears other replicas' commits by NOTIFY right now (always false on SQLite). */
  get listening(): boolean {
    return this.listenClient !== null;
  }

  /** After a local commit that wrote events: read now, and tell the other replicas. */
  committed(): void {
    this.reader.poke();
    this.announce();
  }

  poke(): void {
    this.reader.poke();
  }

  /**
   * PostgreSQL: a NOTIFY of its own after commits that wrote events, not one inside each of them. A
   * NOTIFY in a transaction takes a database-wide lock at commit and holds it through the commit's
   * flush to disk, so every writer would wait for every other one's flush; a transaction that only
   * notifies wrote nothing its commit must wait for on the disk. One is in flight at a time: the
   * commits made meanwhile share the next, which is sent after all of them committed. A notice lost
   * to a crash right after a commit is made up for by the slow poll, as for a dropped connection.
   */
  private announce(): void {
    if (this.engine !== 'postgres' || this.stopping.signal.aborted) return;
    if (this.announcing) {
      this.announceAgain = true;
      return;
    }
    this.announcing = true;
    void (async () => {
      try {
        do {
          this.announceAgain = false;
          const client = this.listenClient;
          if (client) await client.query(`select pg_notify('${EVENTS_CHANNEL}', '')`);
          else await sql`select pg_notify(${EVENTS_CHANNEL}, '')`.execute(this.db);
        } while (this.announceAgain && !this.stopping.signal.aborted);
      } catch (err) {
        if (!this.stopping.signal.aborted)
          this.log.warn({ err }, 'could not tell the other replicas of new events; they find them on their next poll');
      } finally {
        this.announcing = false;
      }
    })();
  }

  private async prune(): Promise<void> {
    await pruneEvents(this.db, new Date(Date.now() - this.opts.retentionMs).toISOString(), this.seq);
  }

  private async drain(): Promise<void> {
    const feed = this.feed;
    if (!feed) return;
    for (;;) {
      const { events, more, waiting } = await feed.read(500);
      for (const e of events) for (const fn of this.listeners.keys()) fn(e);
      if (waiting) this.lookAgain();
      else this.waitMs = 0;
      if (!more) return;
    }
  }

  private lookAgain(): void {
    if (this.waitTimer || this.stopping.signal.aborted) return;
    this.waitMs = this.waitMs ? Math.min(this.waitMs * 2, WAIT_MAX_MS) : WAIT_FIRST_MS;
    this.waitTimer = setTimeout(() => {
      this.waitTimer = null;
      this.reader.poke();
    }, this.waitMs);
    this.waitTimer.unref();
  }

  /** One LISTEN session: it ends (and the loop reconnects, with backoff) when the connection does. */
  private async listen({ signal, healthy }: Pass): Promise<void> {
    const client = new (loadPg().Client)({ connectionString: this.databaseUrl!, application_name: 'throughline-listen' });
    const lost = new Promise<never>((_, reject) => {
      client.on('error', reject);
      client.on('end', () => reject(new Error('event listener connection closed')));
    });
    lost.catch(() => undefined);
    const close = () => void client.end().catch(() => undefined);
    signal.addEventListener('abort', close);
    try {
      // Not for this replica's own notices (announce sends them on this connection): its reader was poked at commit.
      const self = client as unknown as { processID: number | null };
      client.on('notification', (n) => void (n.processId !== self.processID && this.reader.poke()));
      await Promise.race([client.connect().then(() => client.query(`listen ${EVENTS_CHANNEL}`)), lost]);
      this.listenClient = client;
      healthy();
      // Anything committed while no connection was listening is read now.
      this.reader.poke();
      this.firstListen?.();
      this.firstListen = null;
      await lost;
    } catch (err) {
      if (signal.aborted) return;
      throw err;
    } finally {
      this.listenClient = null;
      this.firstListen?.();
      this.firstListen = null;
      signal.removeEventListener('abort', close);
      close();
    }
  }
}
