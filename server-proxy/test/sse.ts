/** A minimal SSE reader over fetch, for tests: collects events and waits for the ones it expects. */
export interface SseEvent {
  id: string | null;
  event: string;
  data: any;
}

export class SseClient {
  readonly events: SseEvent[] = [];
  private readonly abort = new AbortController();
  private waiters: Array<() => void> = [];
  status = 0;
  closed = false;

  static async open(url: string, token: string, lastEventId?: number): Promise<SseClient> {
    const c = new SseClient();
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'text/event-stream' };
    if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId);
    const res = await fetch(`${url}/api/v1/events`, { headers, signal: c.abort.signal });
    c.status = res.status;
    if (!res.ok || !res.body) {
      c.closed = true;
      return c;
    }
    void c.read(res.body);
    await c.next((e) => e.event === 'ready');
    return c;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buf += decoder.decode(chunk, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const e: SseEvent = { id: null, event: 'message', data: null };
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) e.id = line.slice(4);
            else if (line.startsWith('event: ')) e.event = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (!data && e.event === 'message') continue;
          e.data = data ? JSON.parse(data) : null;
          this.events.push(e);
          this.wake();
        }
      }
    } catch {
      /* aborted */
    }
    this.closed = true;
    this.wake();
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }

  /** Resolves with the first collected event matching, waiting up to `ms`. */
  async next(match: (e: SseEvent) => boolean, ms = 5000): Promise<SseEvent> {
    const deadline = Date.now() + ms;
    for (;;) {
      const hit = this.events.find(match);
      if (hit) return hit;
      if (this.closed) throw new Error(`stream closed; got: ${this.events.map((e) => e.event).join(', ')}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching event in ${ms} ms; got: ${this.events.map((e) => e.event).join(', ')}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  taskEvents(taskId: string): SseEvent[] {
    return this.events.filter((e) => e.data?.task?.id === taskId || e.data?.task_id === taskId);
  }

  close(): void {
    this.abort.abort();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` returns a truthy value or the time runs out. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  ms = 5000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
