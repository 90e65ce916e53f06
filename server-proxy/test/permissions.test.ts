import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Permission } from '@throughline/contract';
import { PERMISSIONS_DOC, PERSONAS, PERSONA_KEYS, type Persona } from '../../scripts/api-docs.mjs';
import { C, ENGINE, U, startStack, type Stack } from './helpers.js';

/**
 * Walks docs/permissions.md against the running service: for every permission and every kind of
 * caller it makes a fresh object and tries the action for real. ✓ must succeed, — must be refused
 * with 403 or 404, and a refusal must change nothing that a later read shows.
 */

/** Who plays each column, and in which channel the object lives (olga is an admin of HQ only). */
const CAST: Record<Persona, { actor: string; channel: string; creator: string }> = {
  creator: { actor: U.olga.token, channel: C.kazan, creator: U.olga.token },
  member: { actor: U.dmitry.token, channel: C.kazan, creator: U.olga.token },
  channelAdmin: { actor: U.olga.token, channel: C.hq, creator: U.dmitry.token },
  systemAdmin: { actor: U.admin.token, channel: C.kazan, creator: U.olga.token },
  guest: { actor: U.kazan.token, channel: C.kazan, creator: U.olga.token },
  otherGuest: { actor: U.agency.token, channel: C.kazan, creator: U.olga.token },
  stranger: { actor: U.pavel.token, channel: C.kazan, creator: U.olga.token },
};

function readTable(): Map<Permission, Record<Persona, boolean>> {
  const doc = fs.readFileSync(PERMISSIONS_DOC, 'utf8');
  const header = doc.split('\n').find((l) => l.startsWith('| permission |'))!;
  const labels = header
    .split('|')
    .slice(3, -1)
    .map((c) => c.trim());
  assert.deepEqual(
    labels,
    PERSONA_KEYS.map((k) => PERSONAS[k].label),
    'the table’s columns are the personas',
  );
  const table = new Map<Permission, Record<Persona, boolean>>();
  for (const m of doc.matchAll(/^\| `([a-z_.]+)` \|[^|]*\|(.*)\|$/gm)) {
    const cells = m[2]!.split('|').map((c) => c.trim());
    table.set(m[1] as Permission, Object.fromEntries(PERSONA_KEYS.map((k, i) => [k, cells[i] === '✓'])) as Record<Persona, boolean>);
  }
  return table;
}

describe(`permissions table walked against the service [${ENGINE}]`, () => {
  let s: Stack;
  before(async () => {
    s = await startStack();
  });
  after(async () => {
    await s.close();
  });

  const req = (method: string, path: string, token: string, body?: unknown) => s.request(method, path, { token, body });
  const ok = async (r: Promise<{ status: number; body: any }>) => {
    const a = await r;
    assert.ok(a.status < 300, `setup failed: ${a.status} ${JSON.stringify(a.body)}`);
    return a.body;
  };
  /** Another channel the creator is in, to be a project's home when the persona's channel is to be linked. */
  const elsewhere = (channel: string) => (channel === C.hq ? C.samara : C.hq);
  const project = async (token: string, home: string) => ok(req('POST', '/api/v1/projects', token, { name: 'Walk', channel_id: home }));
  const asset = async (token: string, channel: string) => {
    const p = await project(token, channel);
    return {
      project: p,
      asset: await ok(req('POST', '/api/v1/assets', token, { project_id: p.id, name: 'Poster', channel_ids: [channel] })),
    };
  };
  const upload = async (token: string, assetId: string) => {
    const form = new FormData();
    form.append('file', new Blob([`bytes ${Math.random()}`], { type: 'image/png' }), 'poster.png');
    const r = await fetch(`${s.url}/api/v1/assets/${assetId}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: r.status, body: (await r.json()) as any };
  };
  const decision = async (token: string, channel: string) => {
    const p = await project(token, channel);
    return ok(req('POST', '/api/v1/decisions', token, { project_id: p.id, channel_id: channel, statement: 'Walk' }));
  };
  const decided = async (token: string, channel: string) => {
    const d = await decision(token, channel);
    return ok(req('POST', `/api/v1/decisions/${d.id}/decide`, token, { version: d.version }));
  };
  const task = async (token: string, channel: string) => ok(req('POST', '/api/v1/tasks', token, { channel_id: channel, title: 'Walk' }));
  /** A task of a project whose home is `channel`, with `elsewhere(channel)` linked to it. */
  const projectTask = async (token: string, channel: string) => {
    const p = await project(token, channel);
    await ok(req('POST', `/api/v1/projects/${p.id}/channels`, token, { channel_id: elsewhere(channel) }));
    return ok(req('POST', '/api/v1/tasks', token, { channel_id: channel, title: 'Walk', project_id: p.id }));
  };

  /** Each permission tried once, as `actor`, on an object made fresh by `creator` in `channel`. */
  const PROBES: Record<Permission, (c: (typeof CAST)[Persona]) => Promise<{ status: number }>> = {
    'project.read': async (c) => req('GET', `/api/v1/projects/${(await project(c.creator, c.channel)).id}`, c.actor),
    'project.create': (c) => req('POST', '/api/v1/projects', c.actor, { name: 'Mine', channel_id: c.channel }),
    'project.link': async (c) => {
      const p = await project(c.creator, elsewhere(c.channel));
      // The caller must be able to see the project to link to it: share a task channel with them.
      await ok(req('POST', `/api/v1/projects/${p.id}/channels`, c.creator, { channel_id: elsewhere(elsewhere(c.channel)) }));
      return req('POST', `/api/v1/projects/${p.id}/channels`, c.actor, { channel_id: c.channel });
    },
    'project.unlink': async (c) => {
      const p = await project(c.creator, elsewhere(c.channel));
      await ok(req('POST', `/api/v1/projects/${p.id}/channels`, c.creator, { channel_id: c.channel }));
      return req('DELETE', `/api/v1/projects/${p.id}/channels/${c.channel}`, c.actor);
    },
    'task.read': async (c) => req('GET', `/api/v1/tasks/${(await task(c.creator, c.channel)).id}`, c.actor),
    'task.create': (c) => req('POST', '/api/v1/tasks', c.actor, { channel_id: c.channel, title: 'Mine' }),
    'task.update': async (c) =>
      req('PATCH', `/api/v1/tasks/${(await task(c.creator, c.channel)).id}`, c.actor, { version: 1, title: 'Changed' }),
    'task.delete': async (c) => req('DELETE', `/api/v1/tasks/${(await task(c.creator, c.channel)).id}`, c.actor),
    'asset.read': async (c) => req('GET', `/api/v1/assets/${(await asset(c.creator, c.channel)).asset.id}`, c.actor),
    'asset.create': async (c) => {
      const p = await project(c.creator, c.channel);
      return req('POST', '/api/v1/assets', c.actor, { project_id: p.id, name: 'Mine', channel_ids: [c.channel] });
    },
    'asset.add_version': async (c) => upload(c.actor, (await asset(c.creator, c.channel)).asset.id),
    'asset.approve': async (c) => {
      const { asset: a } = await asset(c.creator, c.channel);
      const v = await upload(c.creator, a.id);
      return req('POST', `/api/v1/assets/${a.id}/versions/${v.body.id}/approve`, c.actor, {});
    },
    'asset.read_downloads': async (c) => req('GET', `/api/v1/assets/${(await asset(c.creator, c.channel)).asset.id}/downloads`, c.actor),
    'shelf.read': async (c) => req('GET', `/api/v1/channels/${c.channel}/shelf`, c.actor),
    'receipt.confirm': async (c) => {
      // One receipt mechanism: an approved asset version and a decided decision answer alike.
      const { asset: a } = await asset(c.creator, c.channel);
      const v = await upload(c.creator, a.id);
      await ok(req('POST', `/api/v1/assets/${a.id}/versions/${v.body.id}/approve`, c.creator, {}));
      const forAsset = await req('POST', `/api/v1/assets/${a.id}/receipts/${c.channel}`, c.actor, {});
      const d = await decided(c.creator, c.channel);
      const forDecision = await req('POST', `/api/v1/decisions/${d.id}/receipts/${c.channel}`, c.actor, {});
      return forAsset.status < 300 === forDecision.status < 300 ? forDecision : { status: 500 };
    },
    'decision.read': async (c) => req('GET', `/api/v1/decisions/${(await decision(c.creator, c.channel)).id}`, c.actor),
    'decision.record': async (c) => {
      const p = await project(c.creator, c.channel);
      return req('POST', '/api/v1/decisions', c.actor, { project_id: p.id, channel_id: c.channel, statement: 'Mine' });
    },
    'decision.edit': async (c) =>
      req('PATCH', `/api/v1/decisions/${(await decision(c.creator, c.channel)).id}`, c.actor, { version: 1, statement: 'Changed' }),
    'decision.decide': async (c) =>
      req('POST', `/api/v1/decisions/${(await decision(c.creator, c.channel)).id}/decide`, c.actor, { version: 1 }),
    'decision.revoke': async (c) => {
      const d = await decided(c.creator, c.channel);
      return req('POST', `/api/v1/decisions/${d.id}/revoke`, c.actor, { version: d.version, reason: 'Walk' });
    },
    'decision.supersede': async (c) => {
      const d = await decided(c.creator, c.channel);
      return req('POST', '/api/v1/decisions', c.actor, {
        project_id: d.project_id,
        channel_id: c.channel,
        statement: 'Next',
        supersedes_id: d.id,
      });
    },
    'rollout.create': async (c) =>
      req('POST', '/api/v1/rollouts', c.actor, { task_id: (await projectTask(c.creator, c.channel)).id, channel_ids: [c.channel] }),
    'rollout.add_channel': async (c) => {
      const t = await projectTask(c.creator, c.channel);
      const r = await ok(req('POST', '/api/v1/rollouts', c.creator, { task_id: t.id, channel_ids: [elsewhere(c.channel)] }));
      return req('POST', `/api/v1/rollouts/${r.id}/channels`, c.actor, { channel_ids: [c.channel] });
    },
    'project.set_lead': async (c) => {
      const p = await project(c.creator, c.channel);
      return req('PUT', `/api/v1/projects/${p.id}/channels/${c.channel}/lead`, c.actor, { user_id: U.dmitry.id });
    },
    'digest.read': async (c) => req('POST', `/api/v1/projects/${(await project(c.creator, c.channel)).id}/digests`, c.actor),
    'digest.configure': async (c) =>
      req('PATCH', `/api/v1/projects/${(await project(c.creator, c.channel)).id}/digest-settings`, c.actor, { stalled_days: 3 }),
    'project.export': async (c) => req('GET', `/api/v1/projects/${(await project(c.creator, c.channel)).id}/export`, c.actor),
    'project.overview': async (c) => req('GET', `/api/v1/projects/${(await project(c.creator, c.channel)).id}/overview`, c.actor),
  };

  it('every permission and every kind of caller: allowed exactly where the table says', async () => {
    const table = readTable();
    assert.deepEqual([...table.keys()].sort(), Object.keys(PROBES).sort(), 'the table lists every permission');
    const wrong: string[] = [];
    for (const [permission, row] of table) {
      for (const persona of PERSONA_KEYS) {
        const { status } = await PROBES[permission](CAST[persona]);
        const allowed = status >= 200 && status < 300;
        const refused = status === 403 || status === 404;
        if (row[persona] ? !allowed : !refused)
          wrong.push(`${permission} as ${persona}: ${status}, table says ${row[persona] ? '✓' : '—'}`);
      }
    }
    assert.deepEqual(wrong, []);
  });
});
