import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixtureId } from '../../tests/standin/ids.js';
import { Access } from '../src/access/access.js';
import type { Caller } from '../src/http/auth.js';
import { MattermostGateway } from '../src/mattermost/gateway.js';
import { C, ENGINE, U, startStack, type Stack } from './helpers.js';

const CHANNELS = 300;
const PER_PROJECT = 10;

describe(`membership asked once per list, not once per channel [${ENGINE}]`, () => {
  let s: Stack;
  const channels: string[] = [];
  /** project id → its channels */
  const projects = new Map<string, string[]>();
  /** channel → the task in it */
  const tasks = new Map<string, string>();
  // The Kazan guest is also in two of the campaign channels, of two different projects.
  let guestChannels: string[];

  before(async () => {
    s = await startStack();
    for (let i = 0; i < CHANNELS; i++) {
      const id = fixtureId('ch', `store${i}x`);
      s.mm.addChannel({ id, name: `store-${i}` });
      s.mm.addMember(id, U.olga.id);
      channels.push(id);
    }
    guestChannels = [channels[3]!, channels[157]!];
    for (const id of guestChannels) s.mm.addMember(id, U.kazan.id, 'channel_guest');
    const at = new Date().toISOString();
    for (let p = 0; p < CHANNELS / PER_PROJECT; p++) {
      const own = channels.slice(p * PER_PROJECT, (p + 1) * PER_PROJECT);
      const r = await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: `Stores ${p}`, channel_id: own[0] } });
      assert.equal(r.status, 201);
      const rows = own.slice(1).map((channel_id) => ({ project_id: r.body.id, channel_id, added_by: U.olga.id, added_at: at }));
      await s.db.insertInto('project_channels').values(rows).execute();
      projects.set(r.body.id, own);
    }
    for (const channel of channels) {
      const project_id = [...projects].find(([, own]) => own.includes(channel))![0];
      const body = { channel_id: channel, project_id, title: 'Window display' };
      const r = await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body });
      assert.equal(r.status, 201);
      tasks.set(channel, r.body.id);
    }
  });
  after(async () => {
    await s.close();
  });

  /** Mattermost calls made while answering one request. */
  const calls = async (path: string, token: string) => {
    s.mm.resetCounts();
    const r = await s.request('GET', path, { token });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return { body: r.body, calls: s.mm.requestCount() };
  };
  const expectedProjects = (channelIds: string[]) =>
    [...projects].filter(([, own]) => own.some((c) => channelIds.includes(c))).map(([id]) => id);

  it(`GET /projects with ${CHANNELS} linked channels asks Mattermost a constant number of times, and shows only the guest's`, async () => {
    const guest = await calls('/api/v1/projects', U.kazan.token);
    assert.ok(guest.calls <= 3, `${guest.calls} Mattermost calls for one list`);
    assert.deepEqual(guest.body.items.map((p: { id: string }) => p.id).sort(), expectedProjects(guestChannels).sort());
    for (const p of guest.body.items)
      assert.ok(
        p.channel_ids.every((c: string) => guestChannels.includes(c)),
        'only his channels named',
      );
    const staff = await calls('/api/v1/projects', U.olga.token);
    assert.ok(staff.calls <= 3, `${staff.calls} Mattermost calls for one list`);
    assert.equal(staff.body.items.length, CHANNELS / PER_PROJECT);
  });

  it(`GET /tasks with tasks in ${CHANNELS} channels asks Mattermost a constant number of times, and lists only the guest's`, async () => {
    const guest = await calls('/api/v1/tasks', U.kazan.token);
    assert.ok(guest.calls <= 3, `${guest.calls} Mattermost calls for one list`);
    assert.deepEqual(guest.body.items.map((t: { id: string }) => t.id).sort(), guestChannels.map((c) => tasks.get(c)).sort());
    const project = [...projects].find(([, own]) => own.includes(guestChannels[0]!))![0];
    const inProject = await calls(`/api/v1/tasks?project_id=${project}`, U.kazan.token);
    assert.ok(inProject.calls <= 3, `${inProject.calls} Mattermost calls for one project's list`);
    assert.deepEqual(
      inProject.body.items.map((t: { id: string }) => t.id),
      [tasks.get(guestChannels[0]!)],
    );
  });

  it('a member removed from a channel no longer finds it in the next list', async () => {
    s.mm.removeMember(guestChannels[1]!, U.kazan.id);
    try {
      const guest = await calls('/api/v1/tasks', U.kazan.token);
      assert.deepEqual(
        guest.body.items.map((t: { id: string }) => t.id),
        [tasks.get(guestChannels[0]!)],
      );
      const listed = await calls('/api/v1/projects', U.kazan.token);
      assert.deepEqual(
        listed.body.items.map((p: { id: string }) => p.id),
        expectedProjects([guestChannels[0]!]),
      );
      // His own region's channel is still answered one by one, as before.
      assert.equal((await s.request('GET', `/api/v1/tasks?channel_id=${C.kazan}`, { token: U.kazan.token })).status, 200);
    } finally {
      s.mm.addMember(guestChannels[1]!, U.kazan.id, 'channel_guest');
    }
  });

  it('a kept list of channels is answered once while Mattermost’s answer is kept, and afresh with every new answer', async () => {
    const kazan: Caller = { id: U.kazan.id, username: 'kazan', isGuest: true, isSystemAdmin: false, token: U.kazan.token };
    const kept = channels.slice(0, 200);
    const keeping = new Access(new MattermostGateway({ url: s.mm.url, timeoutMs: 1500, cacheMs: 60_000 }), null);
    const first = await keeping.memberChannels(kazan, kept);
    assert.deepEqual([...first].sort(), [...guestChannels].sort());
    s.mm.resetCounts();
    assert.equal(await keeping.memberChannels(kazan, kept), first, 'the same list, the same answer');
    assert.equal(s.mm.requestCount(), 0);
    assert.deepEqual([...(await keeping.memberChannels(kazan, [...kept].reverse()))].sort(), [...guestChannels].sort());
    // Mattermost asked every time: the same kept list follows each answer.
    const asking = new Access(new MattermostGateway({ url: s.mm.url, timeoutMs: 1500, cacheMs: 0 }), null);
    assert.deepEqual([...(await asking.memberChannels(kazan, kept))].sort(), [...guestChannels].sort());
    s.mm.removeMember(guestChannels[1]!, U.kazan.id);
    try {
      assert.deepEqual([...(await asking.memberChannels(kazan, kept))], [guestChannels[0]]);
    } finally {
      s.mm.addMember(guestChannels[1]!, U.kazan.id, 'channel_guest');
    }
  });
});
