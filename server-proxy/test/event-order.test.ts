import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Task } from '@throughline/contract';
import { UnitOfWork } from '../src/db/unit_of_work.js';
import { insertTask } from '../src/tasks/task.repository.js';
import { newId } from '../src/util/ids.js';
import { C, ENGINE, U, count, startStack, type Stack } from './helpers.js';
import { countAfter, latestSeq } from '../src/events/event.repository.js';
import { sql } from 'kysely';
import { SseClient, type SseEvent } from './sse.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A task in campaign-hq by Olga, as a unit writes it. */
function newTask(title: string, description = ''): Task {
  const at = new Date().toISOString();
  return {
    ...{ id: newId(), title, description, status: 'todo', assignee_id: null, due_at: null, channel_id: C.hq },
    ...{ project_id: null, source_post_id: null, permalink: null, files: [], parent_id: null, rollout_id: null },
    ...{ created_by: U.olga.id, created_at: at, updated_at: at, version: 1 },
  };
}

/**
 * A unit of work on replica `s` that creates a task in campaign-hq, emits its event and then stays
 * open, uncommitted, until told to commit or roll back: a writer slow to commit.
 */
function heldWrite(s: Stack, title: string) {
  const hub = s.app.live.hub;
  const uow = new UnitOfWork(
    s.db,
    ENGINE,
    {
      eventsCommitted: () => hub.committed(),
      outboxCommitted: () => undefined,
      changeMark: async () => ({ mark: await hub.changeMark(), channelIds: [] }),
    },
    0,
  );
  const task = newTask(title);
  const seq = deferred<number>();
  const gate = deferred<'commit' | 'rollback'>();
  const done = uow
    .run(async (w) => {
      await insertTask(w.trx, task);
      await w.emit({ type: 'task.created', channel_id: C.hq, payload: { task } });
      await w.flush();
      const mine = await w.trx.selectFrom('events').select('seq').where('payload', 'like', `%${task.id}%`).executeTakeFirstOrThrow();
      seq.resolve(Number(mine.seq));
      if ((await gate.promise) === 'rollback') throw new Error('rolled back on purpose');
    })
    .then(
      () => 'committed',
      (err: Error) => err.message,
    );
  return {
    task,
    seq: seq.promise,
    commit: async () => (gate.resolve('commit'), assert.equal(await done, 'committed')),
    rollback: async () => (gate.resolve('rollback'), assert.equal(await done, 'rolled back on purpose')),
  };
}

/**
 * A client that reads the stream, and on `switchTo` drops the connection and resumes on another
 * replica from the last event id it saw (or the `ready` seq, as the webapp does).
 */
class Resumer {
  private past: SseEvent[] = [];
  private client: SseClient | null = null;
  constructor(private readonly token: string) {}

  get events(): SseEvent[] {
    return [...this.past, ...(this.client?.events ?? [])];
  }

  private cursor(): number | undefined {
    let at: number | undefined;
    for (const e of this.events) {
      const seq = e.id ? Number(e.id) : e.event === 'ready' ? Number(e.data.seq) : undefined;
      if (seq !== undefined) at = Math.max(at ?? 0, seq);
    }
    return at;
  }

  async switchTo(s: Stack): Promise<SseClient> {
    if (this.client) {
      this.client.close();
      this.past.push(...this.client.events);
    }
    this.client = await SseClient.open(s.url, this.token, this.cursor());
    assert.equal(this.client.status, 200);
    assert.ok(!this.client.events.some((e) => e.event === 'reset'), 'a resume within the bounds is a replay');
    return this.client;
  }

  /** Waits for the task's event on the current connection. */
  async saw(taskId: string): Promise<void> {
    await this.client!.next((e) => e.data?.task?.id === taskId, 30_000);
  }

  /** What was delivered, in arrival order, across every connection: [seq, task id]. */
  delivered(): Array<[number, string]> {
    return this.events.filter((e) => e.id).map((e) => [Number(e.id), e.data.task.id as string]);
  }

  close(): void {
    this.client?.close();
  }
}

describe(`event order with concurrent writers [${ENGINE}]`, () => {
  // Several replicas share one database only on PostgreSQL; on SQLite the same contract with one.
  const stacks: Stack[] = [];
  const readers: Resumer[] = [];
  before(async () => {
    // Many writers at once: Mattermost's answers are cached and waited for as long as a loaded machine needs.
    const env = { MM_CACHE_MS: '60000', MM_TIMEOUT_MS: '20000' };
    stacks.push(await startStack(env));
    if (ENGINE === 'postgres') stacks.push(await startStack({ ...env, EVENTS_POLL_MS: '3600000' }, false, stacks[0]));
  });
  after(async () => {
    readers.forEach((r) => r.close());
    for (const s of [...stacks].reverse()) await s.close();
  });
  const replica = (i: number) => stacks[i % stacks.length]!;
  let made = 0;
  const create = async (via: Stack) => {
    const r = await via.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { channel_id: C.hq, title: `Task ${made++}` } });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body as Task;
  };
  /** `n` creations at once, spread over the replicas. */
  const burst = (n: number) => Promise.all(Array.from({ length: n }, (_, i) => create(replica(i))));
  const committed = async () =>
    (await stacks[0]!.db.selectFrom('events').select(['seq', 'payload']).orderBy('seq').execute()).map(
      (r) => [Number(r.seq), JSON.parse(r.payload).task.id as string] as [number, string],
    );

  if (ENGINE === 'postgres') {
    it('shows a task committed after a later one in a list page cached in between', async () => {
      const [a] = stacks as [Stack];
      const list = async () =>
        ((await a.request('GET', `/api/v1/tasks?channel_id=${C.hq}`, { token: U.olga.token })).body.items as Task[]).map((t) => t.id);
      const late = heldWrite(a, 'Committed late');
      await late.seq;
      const early = await create(a);
      const before = await list();
      assert.ok(before.includes(early.id) && !before.includes(late.task.id));
      assert.deepEqual(await list(), before);
      await late.commit();
      assert.ok((await list()).includes(late.task.id), 'the page made before the late commit is not served after it');
    });
  }

  it('delivers every committed event once, in seq order, to live and resuming readers on every replica', async () => {
    const live = stacks.map(() => new Resumer(U.dmitry.token));
    const resumer = new Resumer(U.olga.token);
    readers.push(...live, resumer);
    // Every replica has delivered what came before, so readers opened now start after it.
    for (const s of stacks) await s.app.live.hub.sync();
    const start = (await committed()).at(-1)?.[0] ?? 0;
    const first = made;
    for (const [i, r] of live.entries()) await r.switchTo(replica(i));
    await resumer.switchTo(replica(0));
    let switches = 1;
    let rolledBack = '';

    await burst(20);
    await resumer.switchTo(replica(switches++));
    if (ENGINE === 'postgres') {
      // Writers slow to commit, on both replicas: the later ones commit while they are open.
      const slow = [heldWrite(replica(0), 'Slow A'), heldWrite(replica(1), 'Slow B')];
      rolledBack = slow[1]!.task.id;
      const [low] = await Promise.all(slow.map((w) => w.seq));
      await burst(40);
      // Nothing after the lowest open seq is delivered while it may still commit, and a resume does not replay it.
      for (const s of stacks) {
        await s.app.live.hub.sync();
        assert.ok(s.app.live.hub.seq < low!, `replica delivered up to ${s.app.live.hub.seq} while seq ${low} was open`);
      }
      const during = await resumer.switchTo(replica(switches++));
      assert.ok(during.events.every((e) => !e.id || Number(e.id) < low!));
      // One rolls back (a hole in the seqs), the other commits, while more writers commit around them.
      const slowC = heldWrite(replica(1), 'Slow C');
      await slowC.seq;
      await Promise.all([burst(20), slow[1]!.rollback(), burst(20), slow[0]!.commit()]);
      await resumer.switchTo(replica(switches++));
      await Promise.all([burst(30), slowC.commit()]);
    } else {
      await burst(40);
    }
    await resumer.switchTo(replica(switches++));
    await burst(30);
    await resumer.switchTo(replica(switches++));
    const last = await create(replica(0));
    for (const r of [...live, resumer]) await r.saw(last.id);

    const expected = (await committed()).filter(([seq]) => seq > start);
    // Each task made over HTTP, and on PostgreSQL the two slow ones that committed (not the one rolled back).
    assert.equal(expected.length, made - first + (ENGINE === 'postgres' ? 2 : 0));
    assert.ok(!expected.some(([, id]) => id === rolledBack));
    for (const r of [...live, resumer]) assert.deepEqual(r.delivered(), expected);
  });

  it('numbers the events of one unit in the order it emitted them, and indexes its tasks from their events', async () => {
    const s = stacks[0]!;
    const uow = new UnitOfWork(
      s.db,
      ENGINE,
      { eventsCommitted: () => undefined, outboxCommitted: () => undefined, changeMark: async () => ({ mark: 0, channelIds: [] }) },
      0,
    );
    const tasks = ['Постер', 'Баннер', 'Флаер', 'Стикер'].map((title) => newTask(`${title} ${made++}`, 'тираж'));
    const before = await latestSeq(s.db);
    await uow.run(async (w) => {
      for (const task of tasks) {
        await insertTask(w.trx, task);
        await w.emit({ type: 'task.created', channel_id: C.hq, payload: { task } });
      }
    });
    const mine = (await committed()).filter(([seq]) => seq > before);
    assert.deepEqual(
      mine.map(([, id]) => id),
      tasks.map((t) => t.id),
    );
    assert.ok(mine.every(([seq], i) => i === 0 || seq > mine[i - 1]![0]));
    const indexed = await s.db
      .selectFrom('search_documents')
      .select(['object_id', 'title'])
      .where(
        'object_id',
        'in',
        tasks.map((t) => t.id),
      )
      .execute();
    assert.deepEqual(new Map(indexed.map((r) => [r.object_id, r.title])), new Map(tasks.map((t) => [t.id, t.title])));
  });

  it('counts what committed after a position with a statement each PostgreSQL connection prepares once', async () => {
    const s = stacks[0]!;
    await s.db.connection().execute(async (c) => {
      const all = await count(c, 'events');
      assert.ok(all > 0);
      assert.equal(await countAfter(c, 0), all);
      assert.equal(await countAfter(c, await latestSeq(c)), 0);
      if (ENGINE !== 'postgres') return;
      const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(c);
      assert.ok(
        rows.some((r) => r.statement.includes('count(*)') && r.statement.includes('"events"')),
        'prepared on this connection',
      );
    });
  });
});
