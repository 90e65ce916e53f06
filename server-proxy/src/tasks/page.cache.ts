const MAX_BYTES = 32 * 1024 * 1024;
const MAX_ENTRY = 1024 * 1024;

interface PageCacheLimits {
  /** All entries together (counted as below). */
  maxBytes?: number;
  /** The longest body kept; a longer one is made again on every request. */
  maxEntry?: number;
}

/**
 * A list page as the route's response schema serialised it, encoded once: a reused page is sent
 * as these bytes (no length to count, no string to encode again on every request).
 */
export interface CachedPage {
  body: Buffer;
}

/** The page's JSON, as it is kept and sent. */
export const cachedPage = (json: string): CachedPage => ({ body: Buffer.from(json) });

/**
 * Serialised list pages, each valid for the version (`seq`) it was made at: for tasks and
 * decisions the event seq (every change to one commits an event, so an unchanged seq means an
 * unchanged answer), for a project's assets its list mark. Bounded by bytes (the bodies' and
 * the keys'), oldest out.
 */
export class PageCache {
  private readonly entries = new Map<string, { seq: number; value: CachedPage }>();
  /** Pages being made, one per key: a request for the same key at the same seq waits for it. */
  private readonly flights = new Map<string, { seq: number; made: Promise<CachedPage> }>();
  private bytes = 0;
  private readonly maxBytes: number;
  private readonly maxEntry: number;

  constructor(limits: PageCacheLimits = {}) {
    this.maxBytes = limits.maxBytes ?? MAX_BYTES;
    this.maxEntry = limits.maxEntry ?? MAX_ENTRY;
  }

  /**
   * The page kept for `key` at `seq`; else the one being made for them by another request (made
   * once however many ask at once, as right after a change); else made now by `make`, and kept
   * when it says so.
   */
  async through(key: string, seq: number, make: () => Promise<{ page: CachedPage; keep: boolean }>): Promise<CachedPage> {
    const hit = this.get(key, seq);
    if (hit) return hit;
    const flying = this.flights.get(key);
    if (flying?.seq === seq) return flying.made;
    const made = make().then(({ page, keep }) => {
      if (keep) this.set(key, seq, page);
      return page;
    });
    this.flights.set(key, { seq, made });
    try {
      return await made;
    } finally {
      if (this.flights.get(key)?.made === made) this.flights.delete(key);
    }
  }

  get(key: string, seq: number): CachedPage | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.seq !== seq) {
      this.drop(key);
      return null;
    }
    // Map order is insertion order: re-insert to keep recently used pages.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  /** Keeps the page made at `seq`, unless one made at a later seq is kept already (a slower request finishing last). */
  set(key: string, seq: number, value: CachedPage): void {
    if (value.body.length > this.maxEntry || (this.entries.get(key)?.seq ?? -1) > seq) return;
    this.drop(key);
    this.entries.set(key, { seq, value });
    this.bytes += cost(key, value);
    for (const k of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(k);
    }
  }

  private drop(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.bytes -= cost(key, e.value);
    this.entries.delete(key);
  }
}

const cost = (key: string, v: CachedPage) => key.length + v.body.length;

/** The content type a kept page is sent with: what Fastify gives the JSON it serialises. */
export const JSON_TYPE = 'application/json; charset=utf-8';

const lists = new WeakMap<ReadonlySet<string>, string[]>();
const keys = new WeakMap<readonly string[], string>();

/**
 * The channels of a set as a list, the same list for the same set (Access.memberChannels answers a
 * kept list of channels with the same set while nothing changed): the page's key is made of it once.
 */
export function listOf(channels: ReadonlySet<string>): string[] {
  let list = lists.get(channels);
  if (!list) lists.set(channels, (list = [...channels]));
  return list;
}

/** The channel part of a page's key, in one order whatever the list's: made once per list. */
export function channelsKey(channelIds: readonly string[]): string {
  let key = keys.get(channelIds);
  if (key === undefined) keys.set(channelIds, (key = JSON.stringify([...channelIds].sort())));
  return key;
}
