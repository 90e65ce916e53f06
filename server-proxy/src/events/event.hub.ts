import pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Engine } from '../db/database.js';
import { Loop, type Pass } from '../util/loop.js';
import { EVENTS_CHANNEL, eventsAfter, latestSeq, pruneEvents } from './event.repository.js';
import type { StoredEvent } from './event.types.js';

export type EventListener = (e: StoredEvent) => void;

export interface EventHubOptions {
  /** The slow poll that finds events whose notification was lost. */
  pollMs: number;
  /** Events older than this are deleted, every pruneMs (on every replica; deleting twice is harmless). */
  retentionMs: number;
  pruneMs: number;
}

/**
 * Fans committed events out to this process's listeners. The events table is the source: a commit
 * here, a NOTIFY from another replica, or a slow poll (in case a notification was lost) all lead to
 * the same read of "everything after the last seq I delivered".
 */
export class EventHub {
  private readonly listeners = new Map<EventListener, (() => void) | undefined>();
  private lastSeq = 0;
  private readonly reader: Loop;
  private readonly listener: Loop | null;
  private readonly pruner: Loop;
  private listenClient: pg.Client | null = null;
  private firstListen: (() => void) | null = null;

  constructor(
    private readonly db: Db,
    engine: Engine,
    private readonly databaseUrl: string | null,
    log: FastifyBaseLogger,
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
    this.lastSeq = await latestSeq(this.db);
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

  get seq(): number {
    return this.lastSeq;
  }

  /** Whether this replica hears other replicas' commits by NOTIFY right now (always false on SQLite). */
  get listening(): boolean {
    return this.listenClient !== null;
  }

  /** After a local commit that wrote events: read now (other replicas hear of it by NOTIFY at commit). */
  committed(): void {
    this.reader.poke();
  }

  poke(): void {
    this.reader.poke();
  }

  private async prune(): Promise<void> {
    await pruneEvents(this.db, new Date(Date.now() - this.opts.retentionMs).toISOString());
  }

  private async drain(): Promise<void> {
    for (;;) {
      const batch = await eventsAfter(this.db, this.lastSeq, 500);
      for (const e of batch) {
        this.lastSeq = e.seq;
        for (const fn of this.listeners.keys()) fn(e);
      }
      if (batch.length < 500) return;
    }
  }

  /** One LISTEN session: it ends (and the loop reconnects, with backoff) when the connection does. */
  private async listen({ signal, healthy }: Pass): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl!, application_name: 'throughline-listen' });
    const lost = new Promise<never>((_, reject) => {
      client.on('error', reject);
      client.on('end', () => reject(new Error('event listener connection closed')));
    });
    lost.catch(() => undefined);
    const close = () => void client.end().catch(() => undefined);
    signal.addEventListener('abort', close);
    try {
      client.on('notification', () => this.reader.poke());
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
