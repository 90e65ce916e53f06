const MAX_BYTES = 32 * 1024 * 1024;
const MAX_ENTRY = 1024 * 1024;

interface PageCacheLimits {
  /** All entries together (counted as below). */
  maxBytes?: number;
  /** The longest JSON kept; a longer one is made again on every request. */
  maxEntry?: number;
}

/** A list page and its JSON as the route's response schema serialised it. */
export interface CachedPage<T> {
  page: T;
  json: string;
}

/**
 * Serialised list pages, each valid for the version (`seq`) it was made at: for tasks and
 * decisions the event seq (every change to one commits an event, so an unchanged seq means an
 * unchanged answer), for a project's assets its list mark. Bounded by bytes (the JSON's
 * length, counted twice for the page object kept beside it), oldest out.
 */
export class PageCache<T> {
  private readonly entries = new Map<string, { seq: number; value: CachedPage<T> }>();
  private bytes = 0;
  private readonly maxBytes: number;
  private readonly maxEntry: number;

  constructor(limits: PageCacheLimits = {}) {
    this.maxBytes = limits.maxBytes ?? MAX_BYTES;
    this.maxEntry = limits.maxEntry ?? MAX_ENTRY;
  }

  get(key: string, seq: number): CachedPage<T> | null {
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

  set(key: string, seq: number, value: CachedPage<T>): void {
    if (value.json.length > this.maxEntry) return;
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

const cost = (key: string, v: CachedPage<unknown>) => key.length + 2 * v.json.length;
