// The weekly digest of a 10,000-task project: one reader's digest compiled on demand
// (POST /api/v1/projects/:id/digests, membership asked of the stand-in), and the scheduled pass that
// compiles every project channel's digest and every subscriber's and queues them.
import { sql } from 'kysely';
import { buildApp } from '../../server-proxy/src/app.js';
import { loadConfig } from '../../server-proxy/src/config.js';
import { migrateToLatest, openDatabase } from '../../server-proxy/src/db/database.js';
import { newId } from '../../server-proxy/src/util/ids.js';
import { fixtures } from '../standin/index.js';
import { database } from './common.js';

const TASKS = Number(process.env.BENCH_DIGEST_TASKS ?? 10_000);
const RUNS = Number(process.env.BENCH_DIGEST_RUNS ?? 15);
const U = fixtures.users;
const C = fixtures.channels;
const channels = [C.campaignHq.id, C.regionKazan.id, C.regionSamara.id];
const DAY = 86_400_000;
const CHUNK = 500;

export interface DigestFigures {
  engine: 'sqlite' | 'postgres';
  tasks: number;
  lines: number;
  jsonBytes: number;
  markdownChars: number;
  demand: { p50: number; p95: number; max: number };
  schedule: { p50: number; p95: number; max: number; digests: number };
}

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 10) / 10;
  return { p50: at(0.5), p95: at(0.95), max: at(1) };
};

export async function benchDigests(engine: 'sqlite' | 'postgres', mmUrl: string): Promise<DigestFigures> {
  const fresh = await database(engine);
  const config = loadConfig({
    ...fresh.env,
    MM_URL: mmUrl,
    MM_BOT_TOKEN: U.throughline.token,
    LOG_LEVEL: 'warn',
    DIGEST_SCHEDULER: 'off',
    OUTBOX_POLL_MS: '60000',
  });
  const opened = openDatabase(config);
  const { db } = opened;
  await migrateToLatest(opened);
  const now = Date.now();
  // The schedule's slot an hour ago, in UTC: the pass finds it due.
  const slot = new Date(Math.floor((now - 3_600_000) / 60_000) * 60_000);
  const weekday = ((slot.getUTCDay() + 6) % 7) + 1;
  const time = slot.toISOString().slice(11, 16);
  const projectId = newId();
  const iso = (t: number) => new Date(t).toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('projects')
      .values({
        id: projectId,
        name: 'Bench',
        home_channel_id: channels[0]!,
        created_by: U.olga.id,
        created_at: iso(now - 90 * DAY),
        updated_at: iso(now),
        time_zone: 'UTC',
        digest_weekday: weekday,
        digest_time: time,
        stalled_days: 7,
      })
      .execute();
    await trx
      .insertInto('project_channels')
      .values(channels.map((c) => ({ project_id: projectId, channel_id: c, added_by: U.olga.id, added_at: iso(now - 90 * DAY) })))
      .execute();
    await trx
      .insertInto('digest_subscriptions')
      .values([U.olga.id, U.kazan.id].map((u) => ({ project_id: projectId, user_id: u, created_at: iso(now) })))
      .execute();
    const statuses = ['todo', 'in_progress', 'review', 'done', 'cancelled'] as const;
    for (let i = 0; i < TASKS; i += CHUNK) {
      const tasks = [];
      const history = [];
      for (let j = i; j < Math.min(TASKS, i + CHUNK); j++) {
        const status = statuses[j % statuses.length]!;
        // Spread over the last 60 days: about an eighth of everything falls in the week.
        const created = now - ((j * 7919) % (60 * DAY));
        const updated = Math.min(now - 60_000, created + ((j * 104_729) % (20 * DAY)));
        const id = newId();
        tasks.push({
          id,
          title: `Task ${j}: banner for store ${j % 300}`,
          description: '',
          search_text: `task ${j}`,
          status,
          assignee_id: j % 3 ? U.dmitry.id : null,
          due_at: j % 4 === 0 ? iso(created + 10 * DAY) : null,
          channel_id: channels[j % channels.length]!,
          project_id: projectId,
          source_post_id: null,
          permalink: null,
          files: '[]',
          created_by: U.olga.id,
          created_at: iso(created),
          updated_at: iso(updated),
          deleted_at: null,
          version: 2,
          reminder_sent_at: null,
          thread_root_id: null,
          parent_id: null,
          rollout_id: null,
        });
        if (status !== 'todo')
          history.push({
            id: newId(),
            task_id: id,
            actor_id: U.dmitry.id,
            action: 'updated' as const,
            field: 'status',
            from_value: 'todo',
            to_value: status,
            at: iso(updated),
          });
      }
      await trx.insertInto('tasks').values(tasks).execute();
      if (history.length) await trx.insertInto('task_history').values(history).execute();
    }
  });
  await sql`analyze`.execute(db);

  const app = await buildApp({ config, db, engine });
  await app.ready();
  try {
    const demand: number[] = [];
    let body: { id: string; sections: Array<{ lines: unknown[]; more: number }>; markdown: string } | null = null;
    let raw = '';
    for (let i = 0; i < RUNS + 2; i++) {
      await db.deleteFrom('digests').where('trigger', '=', 'demand').execute();
      const t0 = performance.now();
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/projects/${projectId}/digests`,
        headers: { authorization: `Bearer ${U.olga.token}` },
      });
      const ms = performance.now() - t0;
      if (res.statusCode !== 201) throw new Error(`digest answered ${res.statusCode}: ${res.body}`);
      raw = res.body;
      body = JSON.parse(raw);
      if (i >= 2) demand.push(ms);
    }
    const schedule: number[] = [];
    let made = 0;
    for (let i = 0; i < Math.ceil(RUNS / 2) + 1; i++) {
      await db.deleteFrom('digests').where('trigger', '=', 'schedule').execute();
      const t0 = performance.now();
      made = await app.live.digests.runSchedule(now);
      const ms = performance.now() - t0;
      if (i >= 1) schedule.push(ms);
    }
    return {
      engine,
      tasks: TASKS,
      lines: body!.sections.reduce((n, s) => n + s.lines.length + s.more, 0),
      jsonBytes: raw.length,
      markdownChars: body!.markdown.length,
      demand: stats(demand),
      schedule: { ...stats(schedule), digests: made },
    };
  } finally {
    await app.close();
    await db.destroy();
    await fresh.drop();
  }
}
