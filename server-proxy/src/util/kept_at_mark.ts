/**
 * Values read from the database, each kept for the change mark (EventHub.changeMark) it was read at:
 * for what only changes when an event commits, an unchanged mark means an unchanged value. Read after
 * the mark was taken, a value may be newer than its mark, never older. Bounded by entries, oldest out.
 */
export class KeptAtMark<V> {
  private readonly kept = new Map<string, { mark: number; value: V }>();

  constructor(private readonly maxEntries: number) {}

  /** The value kept for `key` at `mark`, or `load`'s (kept unless `keep` says no). */
  async get(key: string, mark: number, load: () => Promise<V>, keep: (v: V) => boolean = () => true): Promise<V> {
    const hit = this.kept.get(key);
    if (hit?.mark === mark) return hit.value;
    const value = await load();
    this.kept.delete(key);
    if (!keep(value)) return value;
    this.kept.set(key, { mark, value });
    if (this.kept.size > this.maxEntries) this.kept.delete(this.kept.keys().next().value!);
    return value;
  }
}
