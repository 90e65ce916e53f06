const MAX_BYTES = 32 * 1024 * 1024;
const MAX_ENTRY = 1024 * 1024;

/**
 * Serialised list pages, each valid for the event seq it was made at. Every change to a task
 * commits an event, so an unchanged seq means an unchanged answer. Bounded by bytes, oldest out.
 */
export class PageCache {
  private readonly entries = new Map<string, { seq: number; body: string }>();
  private bytes = 0;

  get(key: string, seq: number): string | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.seq !== seq) {
      this.drop(key);
      return null;
    }
    // Map order is insertion order: re-insert to keep recently used pages.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.body;
  }

  set(key: string, seq: number, body: string): void {
    if (body.length > MAX_ENTRY) return;
    this.drop(key);
    this.entries.set(key, { seq, body });
    this.bytes += body.length + key.length;
    for (const k of this.entries.keys()) {
      if (this.bytes <= MAX_BYTES) break;
      this.drop(k);
    }
  }

  private drop(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.bytes -= e.body.length + key.length;
    this.entries.delete(key);
  }
}
