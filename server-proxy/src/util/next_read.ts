/**
 * A read that callers share without ever getting an answer older than their call: a call made
 * while no read is in flight starts one; the calls made while one is in flight (sent before they
 * came) share the next, which starts when that one ends. Under load, one query answers a batch of
 * callers; each answer is still read after its caller asked.
 */
export class NextRead<T> {
  private inFlight: Promise<T> | null = null;
  private next: Promise<T> | null = null;

  constructor(private readonly read: () => Promise<T>) {}

  get(): Promise<T> {
    if (this.next) return this.next;
    if (!this.inFlight) return this.start();
    const after = this.inFlight.then(
      () => undefined,
      () => undefined,
    );
    this.next = after.then(() => {
      this.next = null;
      return this.start();
    });
    return this.next;
  }

  private start(): Promise<T> {
    const read = this.read();
    this.inFlight = read;
    const ended = () => {
      if (this.inFlight === read) this.inFlight = null;
    };
    read.then(ended, ended);
    return read;
  }
}
