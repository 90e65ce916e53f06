// The clients of the memory benchmark, in a process of their own so the bench process (which samples
// the service and runs the upload) does not slow them: event streams held open, and writes and list
// reads sent on a fixed schedule (open loop: a slow answer does not delay the next request; its
// latency counts from when it was due). Settings come as JSON in argv[2]; the figures go to stdout
// as one JSON line when the run ends.
import http from 'node:http';

export interface LoadPlan {
  base: string;
  /** One token per person; streams are spread over them. */
  tokens: string[];
  streams: number;
  writesPerSecond: number;
  readsPerSecond: number;
  seconds: number;
  /** Latencies are kept per window of this many seconds (the first and the last are compared). */
  windowSeconds: number;
  writePath: string;
  writeBody: string;
  readPath: string;
  /** A request still unanswered when this many of its kind are in flight is not sent (counted as skipped). */
  maxInFlight: number;
}

interface WindowFigures {
  fromSecond: number;
  reads: number;
  readP50: number;
  readP99: number;
  writes: number;
  writeP99: number;
}

export interface LoadFigures {
  writesSent: number;
  writesOk: number;
  readsSent: number;
  readsOk: number;
  /** Answers other than 2xx, and requests that failed outright. */
  errors: number;
  /** Not sent: too many of their kind were still in flight. */
  skipped: number;
  firstError: string | null;
  streamsOpened: number;
  /** Streams the service ended or cut during the run (each reopened after a second). */
  streamsLost: number;
  events: number;
  windows: WindowFigures[];
}

const plan = JSON.parse(process.argv[2]!) as LoadPlan;
const url = new URL(plan.base);
const requests = new http.Agent({ keepAlive: true, maxSockets: 32 });
const streamsAgent = new http.Agent({ keepAlive: false, maxSockets: plan.streams + 8 });

const figures: LoadFigures = {
  writesSent: 0,
  writesOk: 0,
  readsSent: 0,
  readsOk: 0,
  errors: 0,
  skipped: 0,
  firstError: null,
  streamsOpened: 0,
  streamsLost: 0,
  events: 0,
  windows: [],
};
const windows = Math.max(1, Math.ceil(plan.seconds / plan.windowSeconds));
const readTimes: number[][] = Array.from({ length: windows }, () => []);
const writeTimes: number[][] = Array.from({ length: windows }, () => []);

function fail(what: string): void {
  figures.errors++;
  figures.firstError ??= what;
}

/** One request, its latency counted from `due` (ms on the performance clock) into `times`. */
function send(
  method: string,
  path: string,
  token: string,
  body: string | null,
  due: number,
  times: number[],
  ok: () => void,
): Promise<void> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path,
        method,
        agent: requests,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        res.on('data', () => undefined);
        res.on('end', () => {
          times.push(performance.now() - due);
          if (res.statusCode! >= 200 && res.statusCode! < 300) ok();
          else fail(`${method} ${path.split('?')[0]}: ${res.statusCode}`);
          resolve();
        });
        res.on('error', (err) => {
          fail(`${method}: ${err.message}`);
          resolve();
        });
      },
    );
    req.on('error', (err) => {
      fail(`${method}: ${err.message}`);
      resolve();
    });
    req.end(body ?? undefined);
  });
}

const MARK = Buffer.from('\nevent: task.');
let stopping = false;

/** One event stream, counting the task events it carries; reopened a second after the service ends it. */
function stream(token: string, onReady: () => void): void {
  let ready = false;
  const req = http.get(
    {
      host: url.hostname,
      port: url.port,
      path: '/api/v1/events',
      agent: streamsAgent,
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    },
    (res) => {
      if (res.statusCode !== 200) {
        fail(`GET /api/v1/events: ${res.statusCode}`);
        res.resume();
        if (!ready) onReady();
        return;
      }
      figures.streamsOpened++;
      // A mark may be split between two chunks: the tail of the last one is searched again.
      let tail: Buffer = Buffer.alloc(0);
      res.on('data', (chunk: Buffer) => {
        const buf = tail.length ? Buffer.concat([tail, chunk]) : chunk;
        if (!ready && buf.includes('event: ready')) {
          ready = true;
          onReady();
        }
        let at = 0;
        while ((at = buf.indexOf(MARK, at)) >= 0) {
          figures.events++;
          at += MARK.length;
        }
        tail = buf.subarray(Math.max(0, buf.length - MARK.length + 1));
        if (tail.includes(MARK)) tail = Buffer.alloc(0);
      });
      res.on('close', () => {
        if (stopping) return;
        figures.streamsLost++;
        setTimeout(() => stream(token, () => undefined), 1000);
      });
    },
  );
  req.on('error', (err) => {
    if (stopping) return;
    fail(`GET /api/v1/events: ${err.message}`);
    if (!ready) onReady();
  });
}

async function main(): Promise<void> {
  await Promise.all(
    Array.from({ length: plan.streams }, (_, i) => new Promise<void>((resolve) => stream(plan.tokens[i % plan.tokens.length]!, resolve))),
  );
  process.stdout.write(JSON.stringify({ ready: true }) + '\n');
  const start = performance.now();
  const inFlight = { write: 0, read: 0 };
  const pending = new Set<Promise<void>>();
  /** Every request due by now is sent; the schedule, not the answers, sets the pace. */
  const schedule = (kind: 'write' | 'read', perSecond: number) => {
    let n = 0;
    const total = Math.floor(perSecond * plan.seconds);
    return () => {
      const now = performance.now();
      while (n < total && start + (n * 1000) / perSecond <= now) {
        const due = start + (n * 1000) / perSecond;
        const window = Math.min(windows - 1, Math.floor((due - start) / 1000 / plan.windowSeconds));
        n++;
        if (inFlight[kind] >= plan.maxInFlight) {
          figures.skipped++;
          continue;
        }
        inFlight[kind]++;
        const token = plan.tokens[0]!;
        const p =
          kind === 'write'
            ? (figures.writesSent++,
              send('POST', plan.writePath, token, plan.writeBody, due, writeTimes[window]!, () => figures.writesOk++))
            : (figures.readsSent++, send('GET', plan.readPath, token, null, due, readTimes[window]!, () => figures.readsOk++));
        pending.add(p);
        void p.then(() => {
          inFlight[kind]--;
          pending.delete(p);
        });
      }
      return n >= total;
    };
  };
  const writes = schedule('write', plan.writesPerSecond);
  const reads = schedule('read', plan.readsPerSecond);
  for (;;) {
    // Both kinds every turn (a && would hold the reads back until every write was sent).
    const wrote = writes();
    const read = reads();
    if (wrote && read) break;
    await new Promise((r) => setTimeout(r, 2));
  }
  await Promise.all(pending);
  // The last events of the last writes are on their way: a moment for them to arrive.
  await new Promise((r) => setTimeout(r, 1000));
  stopping = true;
  const pct = (xs: number[], p: number) => {
    if (!xs.length) return NaN;
    const sorted = [...xs].sort((a, b) => a - b);
    return Math.round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]! * 10) / 10;
  };
  figures.windows = readTimes.map((r, i) => ({
    fromSecond: i * plan.windowSeconds,
    reads: r.length,
    readP50: pct(r, 50),
    readP99: pct(r, 99),
    writes: writeTimes[i]!.length,
    writeP99: pct(writeTimes[i]!, 99),
  }));
  process.stdout.write(JSON.stringify(figures) + '\n');
  streamsAgent.destroy();
  requests.destroy();
  process.exit(0);
}

await main();
