import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { C, ENGINE, P, U, startStack, type Stack } from './helpers.js';
import { SseClient, eventually, sleep } from './sse.js';

// Several replicas share one database only on PostgreSQL; a SQLite file belongs to one process.
if (ENGINE === 'postgres') {
  describe('two replicas on one PostgreSQL', () => {
    let a: Stack;
    let b: Stack;
    before(async () => {
      a = await startStack();
      // B polls once an hour: whatever reaches its streams in a test's time came by NOTIFY.
      b = await startStack({ EVENTS_POLL_MS: '3600000' }, false, a);
    });
    after(async () => {
      await b.close();
      await a.close();
    });

    it('carries an event from a change on replica A to a stream on replica B', async () => {
      const onB = await SseClient.open(b.url, U.dmitry.token);
      const t = (await a.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { channel_id: C.hq, title: 'Across replicas' } }))
        .body;
      const e = await onB.next((x) => x.data?.task?.id === t.id, 10_000);
      assert.equal(e.event, 'task.created');
      await b.request('PATCH', `/api/v1/tasks/${t.id}`, { token: U.dmitry.token, body: { version: 1, status: 'in_progress' } });
      const onA = await SseClient.open(a.url, U.olga.token, Number(e.id));
      await onA.next((x) => x.event === 'task.updated' && x.data.task.id === t.id);
      onA.close();
      onB.close();
    });

    it('delivers each outbox message exactly once with both workers running', async () => {
      const made = [];
      for (let i = 0; i < 12; i++) {
        const via = i % 2 ? a : b;
        made.push(
          (
            await via.request('POST', '/api/v1/tasks', {
              token: U.olga.token,
              body: { post_id: P.multiLine.id, title: `Replica card ${i}` },
            })
          ).body,
        );
      }
      await eventually(
        async () => (await a.db.selectFrom('outbox').select('id').where('delivered_at', 'is', null).execute()).length === 0,
        10_000,
        'the queue to drain',
      );
      await sleep(300);
      const cards = a.mm.postsIn(C.hq).filter((p) => p.user_id === U.throughline.id && (p.type as string) === 'custom_throughline_task');
      for (const t of made) assert.equal(cards.filter((p) => (p.props as any).task.id === t.id).length, 1, `one card for ${t.title}`);
      const rows = await a.db.selectFrom('outbox').select(['locked_by', 'result_post_id']).where('kind', '=', 'task_card').execute();
      assert.equal(new Set(rows.map((r) => r.result_post_id)).size, rows.length);
    });
  });
}
