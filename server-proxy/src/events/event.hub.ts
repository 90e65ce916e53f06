import pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Engine } from '../db/database.js';
import { EVENTS_CHANNEL, eventsAfter, latestSeq, pruneEvents } from './event.repository.js';
import type { StoredEvent } from './event.types.js';

export type EventListener = (e: StoredEvent) => void;

const POLL_MS = 2000;
const RETENTION_MS = 7 * 24 * 3600 * 1000;

/**
 * Fans committed events out to this process's listeners. The events table is the source: a commit
 * here, a NOTIFY from another replica, or a slow poll (in case a notification was lost) all lead to
 * the same read of "everything after the last seq I delivered".
 */
export class EventHub {
  private readonly listeners = new Map<EventListener, (() => void) | undefined>();
  private lastSeq = 0;
  private reading: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private listenClient: pg.Client | null = null;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly engine: Engine,
    private readonly databaseUrl: string | null,
    private readonly log: FastifyBaseLogger,
  ) {}

  async start(): Promise<void> {
    this.lastSeq = await latestSeq(this.db);
    this.timer = setInterval(() => this.poke(), POLL_MS);
    this.timer.unref();
    if (this.engine === 'postgres' && this.databaseUrl) await this.listen();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    for (const end of this.listeners.values()) end?.();
    this.listeners.clear();
    await this.reading;
    await this.listenClient?.end().catch(() => undefined);
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

  /** After a local commit that wrote events: read now (other replicas hear of it by NOTIFY at commit). */
  committed(): void {
    this.poke();
  }

  poke(): void {
    if (this.stopped) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = this.drain()
      .catch((err) => this.log.warn({ err }, 'reading events failed'))
      .finally(() => {
        this.reading = null;
        if (this.again) {
          this.again = false;
          this.poke();
        }
      });
  }

  async prune(now = Date.now()): Promise<void> {
    await pruneEvents(this.db, new Date(now - RETENTION_MS).toISOString());
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

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl! });
    client.on('notification', () => this.poke());
    client.on('error', (err) => {
      this.log.warn({ err }, 'event listener connection lost; reconnecting');
      this.listenClient = null;
      if (!this.stopped) setTimeout(() => void this.listen().catch(() => undefined), 1000).unref();
    });
    await client.connect();
    await client.query(`listen ${EVENTS_CHANNEL}`);
    this.listenClient = client;
    this.poke();
  }
}
