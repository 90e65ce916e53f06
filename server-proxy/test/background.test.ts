import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import pino from 'pino';
import { Loop } from '../src/util/loop.js';
import { C, ENGINE, U, startStack, type Stack } from './helpers.js';
import { SseClient, eventually } from './sse.js';

interface LogLine {
  level: number;
  msg: string;
  loop?: string;
  failures?: number;
  retry_in_ms?: number;
  err?: { message: string };
}
const WARN = 40;

/** A logger whose lines the test can read back. */
function capture(): { lines: LogLine[]; stream: { write(line: string): void } } {
  const lines: LogLine[] = [];
  return { lines, stream: { write: (line: string) => void lines.push(JSON.parse(line)) } };
}

/** A gate a pass waits at until the test opens it. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const wait = new Promise<void>((r) => (open = r));
  return { wait, open };
}

describe(`background loops [${ENGINE}]`, () => {
  it('logs every failed pass and retries with a doubling pause until one succeeds', async () => {
    const { lines, stream } = capture();
    let calls = 0;
    const loop = new Loop(
      { name: 'flaky job', log: pino({ level: 'info' }, stream), intervalMs: 3_600_000, retryBaseMs: 10, retryMaxMs: 40 },
      async () => {
        calls += 1;
        if (calls <= 4) throw new Error(`down ${calls}`);
      },
    );
    loop.start();
    await eventually(() => lines.some((l) => l.msg === 'flaky job recovered'), 5000, 'the job to recover');
    await loop.stop();
    const failures = lines.filter((l) => l.level === WARN);
    assert.deepEqual(
      failures.map((l) => [l.loop, l.err?.message, l.retry_in_ms]),
      [
        ['flaky job', 'down 1', 10],
        ['flaky job', 'down 2', 20],
        ['flaky job', 'down 3', 40],
        ['flaky job', 'down 4', 40],
      ],
    );
    assert.equal(calls, 5, 'no pass after the one that succeeded: the next waits for the interval');
    assert.equal(loop.failing, 0);
  });

  it('runs a fresh pass on request, folds pokes into one pass, and stops only after the pass in flight', async () => {
    const { stream } = capture();
    const gates: Array<ReturnType<typeof gate>> = [];
    const aborted: boolean[] = [];
    const order: string[] = [];
    const loop = new Loop({ name: 'slow job', log: pino({ level: 'info' }, stream), intervalMs: 3_600_000 }, async ({ signal }) => {
      const g = gate();
      gates.push(g);
      await g.wait;
      aborted.push(signal.aborted);
      order.push(`pass ${gates.length} ended`);
    });
    loop.start();
    await eventually(() => gates.length === 1, 5000, 'the first pass');
    const asked = loop.runNow().then(() => order.push('runNow resolved'));
    loop.poke();
    loop.poke();
    gates[0]!.open();
    await eventually(() => gates.length === 2, 5000, 'the requested pass');
    assert.deepEqual(order, ['pass 1 ended'], 'runNow waits for a pass that began after it was asked');
    gates[1]!.open();
    await asked;
    assert.deepEqual(order, ['pass 1 ended', 'pass 2 ended', 'runNow resolved']);

    loop.poke();
    await eventually(() => gates.length === 3, 5000, 'the poked pass');
    const stopped = loop.stop().then(() => order.push('stopped'));
    gates[2]!.open();
    await stopped;
    assert.deepEqual(order.slice(3), ['pass 3 ended', 'stopped']);
    assert.deepEqual(aborted, [false, false, true], 'the pass in flight was told the loop is stopping');
    loop.poke();
    await loop.runNow();
    assert.equal(gates.length, 3, 'no pass after stop');
  });
});

// LISTEN/NOTIFY exists on PostgreSQL only; on SQLite one process holds the file and hears its own commits.
if (ENGINE === 'postgres') {
  describe('the event listener on PostgreSQL', () => {
    const PG_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const { lines, stream } = capture();
    let a: Stack;
    let b: Stack;
    before(async () => {
      a = await startStack();
      // B polls once an hour: an event from A can reach B's streams in this test only by NOTIFY.
      b = await startStack({ EVENTS_POLL_MS: '3600000' }, { level: 'info', stream }, a);
    });
    after(async () => {
      await b.close();
      await a.close();
    });

    it('reconnects after its connection is killed and a first reconnect fails, logging each failure', async () => {
      const onB = await SseClient.open(b.url, U.dmitry.token);
      assert.equal(b.app.live.hub.listening, true);
      const database = new URL(b.databaseEnv.DATABASE_URL!).pathname.slice(1);
      const listenerFailures = () => lines.filter((l) => l.level === WARN && l.loop === 'event listener');
      const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      try {
        // While the database refuses new connections, every reconnect attempt fails.
        await admin.query(`alter database ${database} with allow_connections false`);
        await admin.query(
          `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and application_name = 'throughline-listen'`,
          [database],
        );
        await eventually(() => listenerFailures().length >= 2, 15_000, 'the drop and a failed reconnect to be logged');
        assert.equal(b.app.live.hub.listening, false);
      } finally {
        await admin.query(`alter database ${database} with allow_connections true`);
        await admin.end();
      }
      await eventually(() => b.app.live.hub.listening, 30_000, 'the listener to reconnect');
      assert.ok(lines.some((l) => l.msg === 'event listener recovered'));
      const failures = listenerFailures();
      assert.match(failures[1]!.err!.message, /not currently accepting connections/);
      assert.ok(
        failures.every((l, i) => l.failures === i + 1),
        'each consecutive failure is counted',
      );

      const t = (
        await a.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { channel_id: C.hq, title: 'After the reconnect' } })
      ).body;
      const e = await onB.next((x) => x.data?.task?.id === t.id, 10_000);
      assert.equal(e.event, 'task.created');
      onB.close();
    });
  });
}
