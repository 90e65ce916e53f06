// A rollout to 300 channels: the time to the answer of POST /api/v1/rollouts, and until the 300 task
// cards have reached Mattermost (the stand-in). The stand-in gets 300 extra channels that Olga and
// the bot are in, for this bench only.
import { fixtures, startStandin } from '../standin/index.js';
import { LIMITS } from '../../contract/src/limits.js';
import { SERVICE, database, freePort, spawnAndWait, stop } from './common.js';

const CHANNELS = Number(process.env.BENCH_ROLLOUT_CHANNELS ?? LIMITS.rolloutChannelsMax);
const U = fixtures.users;
const hq = fixtures.channels.campaignHq.id;

export interface RolloutFigures {
  engine: 'sqlite' | 'postgres';
  channels: number;
  answerMs: number;
  deliveredMs: number;
  cards: number;
}

const storeId = (i: number) => `benchstore${String(i).padStart(16, '0')}`;

export async function benchRollouts(engine: 'sqlite' | 'postgres'): Promise<RolloutFigures> {
  const mm = await startStandin();
  const ids = Array.from({ length: CHANNELS }, (_, i) => storeId(i));
  for (const [i, id] of ids.entries()) {
    mm.addChannel({ id, name: `store-${i}`, display_name: `Store ${i}` });
    mm.addMember(id, U.olga.id);
    mm.addMember(id, U.throughline.id);
  }
  const db = await database(engine);
  const port = await freePort();
  const env = { ...db.env, PORT: String(port), MM_URL: mm.url, MM_BOT_TOKEN: U.throughline.token, LOG_LEVEL: 'warn', OUTBOX_POLL_MS: '50' };
  const base = `http://127.0.0.1:${port}`;
  const headers = { authorization: `Bearer ${U.olga.token}`, 'content-type': 'application/json' };
  const post = async (path: string, body: unknown) => {
    const r = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as { id: string };
  };
  const svc = await spawnAndWait(SERVICE, env, `${base}/healthz`);
  try {
    const project = await post('/api/v1/projects', { name: 'Rollout bench', channel_id: hq });
    for (const id of ids) await post(`/api/v1/projects/${project.id}/channels`, { channel_id: id });
    const parent = await post('/api/v1/tasks', { channel_id: hq, title: 'Check the placement', project_id: project.id });
    const channelSet = new Set(ids);
    const cards = () =>
      [...mm.state.posts.values()].filter((p) => p.user_id === U.throughline.id && channelSet.has(p.channel_id) && (p.props as any)?.task)
        .length;
    const started = performance.now();
    await post('/api/v1/rollouts', { task_id: parent.id, channel_ids: ids });
    const answerMs = performance.now() - started;
    while (cards() < CHANNELS) {
      if (performance.now() - started > 300_000) throw new Error(`only ${cards()} of ${CHANNELS} cards after 5 minutes`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const deliveredMs = performance.now() - started;
    return { engine, channels: CHANNELS, answerMs: Math.round(answerMs), deliveredMs: Math.round(deliveredMs), cards: cards() };
  } finally {
    await stop(svc);
    await db.drop();
    await mm.close();
  }
}
