import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventFrame } from '../src/events/event.stream.js';
import type { StoredEvent } from '../src/events/event.types.js';

const deleted = (seq: number): StoredEvent => ({
  seq,
  type: 'task.deleted',
  channel_id: 'kazanchannel00000000000000',
  created_at: '2020-03-02T10:00:00.000Z',
  payload: { task_id: '01a23371-d66d-7a64-ac84-68f5b4722434', project_id: null },
});

describe('event frames', () => {
  it('serialises an event once, however many streams send it', () => {
    const e = deleted(7);
    const frame = eventFrame(e);
    // The very same bytes for the next stream: the hub hands every stream the same event object.
    assert.ok(eventFrame(e) === frame);
    assert.equal(
      frame.toString('utf8'),
      'id: 7\nevent: task.deleted\ndata: {"seq":7,"type":"task.deleted","channel_id":"kazanchannel00000000000000","at":"2020-03-02T10:00:00.000Z","task_id":"01a23371-d66d-7a64-ac84-68f5b4722434","project_id":null}\n\n',
    );
    // Another copy of an event (a replay reads its own) gets a frame of its own, with its own content.
    const other = deleted(8);
    assert.ok(eventFrame(other) !== frame);
    assert.match(eventFrame(other).toString('utf8'), /^id: 8\n/);
  });

  it('keeps text a person wrote inside one data line, whatever line breaks it holds', () => {
    const e: StoredEvent = {
      ...deleted(9),
      type: 'task.created',
      payload: { task: { title: 'Banner\n\nevent: reset\ndata: {}' } },
    } as unknown as StoredEvent;
    const text = eventFrame(e).toString('utf8');
    assert.equal(text.indexOf('\n\n'), text.length - 2);
    assert.equal(text.split('\n').filter((l) => l.startsWith('event:')).length, 1);
  });
});
