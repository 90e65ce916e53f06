import type { FastifyBaseLogger } from 'fastify';

export interface LoopOptions {
  /** Names the loop in every log line. */
  name: string;
  log: FastifyBaseLogger;
  /** Pause after a pass that succeeded; a poke ends it early. 0: the next pass starts at once (a long-lived session). */
  intervalMs: number;
  /** Pause after the first failure, doubled after each further one up to retryMaxMs. */
  retryBaseMs?: number;
  retryMaxMs?: number;
}

export interface Pass {
  /** Aborted when the loop stops: a long pass ends early and cleanly. */
  signal: AbortSignal;
  /** Resets the backoff: a session that came up and later drops starts again from the shortest pause. */
  healthy(): void;
}

/**
 * The one way the service runs work in the background (reading events, holding the LISTEN
 * connection, delivering the outbox, queueing reminders): one pass at a time, every failure logged,
 * retried with backoff for as long as the service runs, and stop() waits for the pass in flight.
 */
export class Loop {
  private readonly abort = new AbortController();
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private running: Promise<void> | null = null;
  private poked = false;
  private wake: (() => void) | null = null;
  /** Callers of runNow() waiting for a pass that starts after they asked. */
  private asked: Array<() => void> = [];
  private failures = 0;

  constructor(
    private readonly opts: LoopOptions,
    private readonly pass: (p: Pass) => Promise<void>,
  ) {
    this.retryBaseMs = opts.retryBaseMs ?? 500;
    this.retryMaxMs = opts.retryMaxMs ?? 30_000;
  }

  get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  /** Failed passes since the last success (or healthy()). */
  get failing(): number {
    return this.failures;
  }

  /** Starts the first pass at once. */
  start(): void {
    if (this.running || this.stopped) return;
    this.running = this.run();
  }

  /** Asks for a pass soon: at once if idle, right after the current one otherwise (many pokes, one pass). */
  poke(): void {
    this.poked = true;
    this.wake?.();
  }

  /** Resolves once a pass that began after this call has ended, whether it succeeded or failed (and was logged). */
  runNow(): Promise<void> {
    if (!this.running || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      this.asked.push(resolve);
      this.poke();
    });
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.wake?.();
    await this.running;
  }

  private async run(): Promise<void> {
    const { signal } = this.abort;
    const healthy = () => {
      if (this.failures) this.opts.log.info({ loop: this.opts.name, failures: this.failures }, `${this.opts.name} recovered`);
      this.failures = 0;
    };
    let backoff = 0;
    for (let first = true; !signal.aborted; first = false) {
      if (backoff) await this.sleep(backoff, false);
      else if (!first && this.opts.intervalMs > 0 && !this.poked) await this.sleep(this.opts.intervalMs, true);
      if (signal.aborted) break;
      this.poked = false;
      const served = this.asked;
      this.asked = [];
      try {
        await this.pass({ signal, healthy });
        healthy();
        backoff = 0;
      } catch (err) {
        if (!signal.aborted) {
          this.failures += 1;
          backoff = Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** Math.min(this.failures - 1, 20));
          this.opts.log.warn(
            { err, loop: this.opts.name, failures: this.failures, retry_in_ms: backoff },
            `${this.opts.name} failed; retrying in ${backoff} ms`,
          );
        }
      }
      served.forEach((resolve) => resolve());
    }
    this.asked.splice(0).forEach((resolve) => resolve());
  }

  /** Waits `ms`, or less if the loop stops, or (when `pokeable`) if it is poked. */
  private sleep(ms: number, pokeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.abort.signal.removeEventListener('abort', done);
        if (this.wake === done) this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, Math.min(ms, 2 ** 31 - 1));
      timer.unref();
      this.abort.signal.addEventListener('abort', done);
      if (pokeable) this.wake = done;
    });
  }
}
