import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NextRead } from '../src/util/next_read.js';

/** A read the test answers: each call is recorded with the number of calls to `get` made before it started. */
function heldRead() {
  const started: Array<{ askedBefore: number; answer: (v: number) => void; fail: (e: Error) => void }> = [];
  let asked = 0;
  const shared = new NextRead<number>(() => new Promise<number>((answer, fail) => started.push({ askedBefore: asked, answer, fail })));
  const get = () => {
    asked++;
    return shared.get();
  };
  return { get, started };
}

const ticks = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('a read shared by the callers that ask while one is in flight', () => {
  it('a caller with nothing in flight starts a read; those asking meanwhile share the next, started after it ends', async () => {
    const r = heldRead();
    const first = r.get();
    await ticks();
    assert.equal(r.started.length, 1);
    const meanwhile = [r.get(), r.get(), r.get()];
    await ticks();
    assert.equal(r.started.length, 1, 'no second read while the first is in flight');
    r.started[0]!.answer(10);
    assert.equal(await first, 10);
    await ticks();
    assert.equal(r.started.length, 2, 'one read for the three that asked meanwhile');
    assert.equal(r.started[1]!.askedBefore, 4, 'started after every one of them asked');
    r.started[1]!.answer(11);
    assert.deepEqual(await Promise.all(meanwhile), [11, 11, 11]);
    const later = r.get();
    await ticks();
    assert.equal(r.started.length, 3, 'a caller after that starts its own');
    r.started[2]!.answer(12);
    assert.equal(await later, 12);
  });

  it('a caller never gets the answer of a read started before it asked, even when the reads fail', async () => {
    const r = heldRead();
    const first = r.get();
    await ticks();
    const second = r.get();
    r.started[0]!.fail(new Error('connection lost'));
    await assert.rejects(first, /connection lost/);
    await ticks();
    assert.equal(r.started.length, 2, 'the waiting caller gets a read of its own, not the failure');
    const third = r.get();
    r.started[1]!.answer(5);
    assert.equal(await second, 5);
    await ticks();
    assert.equal(r.started.length, 3);
    assert.equal(r.started[2]!.askedBefore, 3);
    r.started[2]!.answer(6);
    assert.equal(await third, 6);
  });
});
