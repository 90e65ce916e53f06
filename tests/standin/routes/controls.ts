// The test controls, for a test in another process; not part of Mattermost's API, never counted or delayed.
import type { FastifyInstance } from 'fastify';

import { countRequests, type Controls, type Fault, type InstalledPlugin } from '../app.js';
import { StandinError } from '../errors.js';
import { fixtures } from '../fixtures.js';
import { addFile, addMember, insertPost, postsIn, removeMember, type NewPost } from '../state.js';

type Ids = { channel_id: string; user_id: string };

export async function controlRoutes(app: FastifyInstance, ctl: Controls): Promise<void> {
  const s = ctl.state;
  app.setErrorHandler((e, _req, reply) => {
    reply.code(e instanceof StandinError ? e.status : 400).send({ error: e instanceof Error ? e.message : String(e) });
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: `no control ${req.method} ${req.url.split('?')[0]}` }));

  app.post('/reset', async () => {
    ctl.reset();
    return { status: 'OK' };
  });
  app.post('/delay', async (req) => {
    ctl.delayMs = Math.max(0, Number((req.body as { ms?: number }).ms) || 0);
    return { ms: ctl.delayMs };
  });
  app.post('/down', async (req) => {
    ctl.down = Boolean((req.body as { down?: boolean }).down);
    return { down: ctl.down };
  });
  app.post('/faults', async (req, reply) => {
    const f = req.body as Fault;
    if (typeof f !== 'object' || f === null || (typeof f.path !== 'string' && typeof f.prefix !== 'string')) {
      throw new StandinError(400, 'a fault needs a path or a prefix');
    }
    ctl.faults.push(f);
    return reply.code(201).send({ faults: ctl.faults.length });
  });
  app.delete('/faults', async () => {
    ctl.faults.length = 0;
    return { status: 'OK' };
  });
  app.post('/version', async (req) => {
    const v = (req.body as { version?: string }).version;
    if (typeof v !== 'string' || !/^\d+\.\d+\.\d+$/.test(v)) {
      throw new StandinError(400, 'a version is major.minor.patch');
    }
    ctl.version = v;
    return { version: v };
  });
  app.post('/license', async (req) => {
    ctl.licensed = (req.body as { licensed?: unknown }).licensed !== false;
    return { licensed: ctl.licensed };
  });
  app.get('/channels/:channel_id/bookmarks', async (req) =>
    [...s.bookmarks.values()].filter((b) => b.channel_id === (req.params as Ids).channel_id).sort((a, b) => a.sort_order - b.sort_order),
  );
  app.post('/plugins', async (req, reply) => {
    const p = req.body as InstalledPlugin;
    if (typeof p?.id !== 'string' || typeof p.version !== 'string' || typeof p.enabled !== 'boolean') {
      throw new StandinError(400, 'a plugin needs id, version and enabled');
    }
    ctl.plugins.set(p.id, { id: p.id, version: p.version, enabled: p.enabled, webapp: p.webapp !== false });
    return reply.code(201).send({ plugins: ctl.plugins.size });
  });
  app.delete('/plugins/:id', async (req) => {
    ctl.plugins.delete((req.params as { id: string }).id);
    return { status: 'OK' };
  });
  app.get('/counts', async (req) => {
    const prefix = (req.query as { prefix?: string }).prefix;
    return { total: countRequests(ctl.counts), count: countRequests(ctl.counts, prefix), paths: Object.fromEntries(ctl.counts) };
  });
  app.delete('/counts', async () => {
    ctl.counts.clear();
    return { status: 'OK' };
  });
  app.get('/fixtures', async () => fixtures);
  app.post('/channels/:channel_id/members', async (req, reply) => {
    const body = req.body as { user_id?: string; roles?: string };
    return reply.code(201).send(addMember(s, (req.params as Ids).channel_id, body.user_id ?? '', body.roles));
  });
  app.delete('/channels/:channel_id/members/:user_id', async (req) => {
    removeMember(s, (req.params as Ids).channel_id, (req.params as Ids).user_id);
    return { status: 'OK' };
  });
  app.post('/posts', async (req, reply) => reply.code(201).send(insertPost(s, req.body as NewPost)));
  app.get('/posts', async (req) => postsIn(s, (req.query as { channel_id?: string }).channel_id ?? ''));
  app.post('/files', async (req, reply) => {
    const body = req.body as { user_id: string; channel_id: string; name: string; mime_type?: string; base64?: string };
    return reply.code(201).send(addFile(s, { ...body, bytes: Buffer.from(body.base64 ?? '', 'base64') }));
  });
}
