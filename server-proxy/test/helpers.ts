import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { migrateToLatest, openDatabase, type Db, type Engine } from '../src/db/database.js';
import type { Database } from '../src/db/schema.js';
import { freshDatabase as newDatabase, type FreshDatabase } from '../../tests/database/fresh_database.js';
import { fixtures, startStandin, type Standin } from '../../tests/standin/index.js';

export { fixtures };
export const U = fixtures.users;
const ch = fixtures.channels;
export const C = {
  hq: ch.campaignHq.id,
  kazan: ch.regionKazan.id,
  samara: ch.regionSamara.id,
  novosibirsk: ch.regionNovosibirsk.id,
  agency: ch.agencyBrief.id,
  offTopic: ch.offTopic.id,
  townSquare: ch.townSquare.id,
};
export const P = {
  /** A campaign-hq post with two files. */
  hqWithFiles: fixtures.posts.layoutsV2,
  /** The multi-line "slogan B is final" post. */
  multiLine: fixtures.posts.outdoorFinal,
  system: fixtures.posts.pavelJoined,
  kazan: fixtures.posts.kazanFinal,
  samara: fixtures.posts.samaraQuote,
  kazanPhoto: fixtures.posts.kazanPhoto,
};

/** A post as Mattermost returns it, read from the stand-in over HTTP. */
export async function mmPost(mm: Standin, id: string): Promise<{ id: string; channel_id: string; message: string; file_ids: string[] }> {
  const res = await fetch(`${mm.url}/api/v4/posts/${id}`, { headers: { authorization: `Bearer ${U.admin.token}` } });
  if (!res.ok) throw new Error(`stand-in: post ${id} answered ${res.status}`);
  const post = (await res.json()) as { id: string; channel_id: string; message: string; file_ids?: string[] };
  return { ...post, file_ids: post.file_ids ?? [] };
}

/** A calendar day relative to today (UTC), as YYYY-MM-DD: tests never name a fixed date that time will pass. */
export function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export const SLASH_TOKEN = 'slashtoken0000000000000000';
export const ENGINE: Engine = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

export type TestDatabase = FreshDatabase;

/** A brand-new, empty database of the engine under test. */
export const freshDatabase = (): Promise<TestDatabase> => newDatabase(ENGINE, 'test');

export interface Stack {
  url: string;
  app: FastifyInstance;
  db: Db;
  mm: Standin;
  request: (method: string, urlPath: string, opts?: RequestOptions) => Promise<Answer>;
  databaseEnv: Record<string, string>;
  close(): Promise<void>;
}

export interface RequestOptions {
  /** A Mattermost token (Bearer). */
  token?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

export async function call(base: string, method: string, urlPath: string, opts: RequestOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
    headers['content-type'] = 'application/json';
  const res = await fetch(base + urlPath, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* keep text */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** The real app, listening on loopback, on a fresh database of the engine under test, against a fresh stand-in. */
export async function startStack(
  env: Record<string, string> = {},
  logger: FastifyServerOptions['logger'] = false,
  /** Another replica: the same stand-in and database as this stack, which it does not close. */
  replicaOf?: Stack,
): Promise<Stack> {
  const mm = replicaOf?.mm ?? (await startStandin());
  const database = replicaOf ? { env: replicaOf.databaseEnv, drop: async () => undefined } : await freshDatabase();
  const config = loadConfig({
    MM_URL: mm.url,
    MM_BOT_TOKEN: U.throughline.token,
    MM_SLASH_TOKEN: SLASH_TOKEN,
    OUTBOX_POLL_MS: '100',
    OUTBOX_RETRY_BASE_MS: '100',
    MM_CACHE_MS: '0',
    MM_TIMEOUT_MS: '1500',
    LOG_LEVEL: 'silent',
    ...database.env,
    ...env,
  });
  const { db, engine } = openDatabase(config);
  await migrateToLatest({ db, engine });
  const app = await buildApp({ config, db, engine, logger });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return {
    url,
    app,
    db,
    mm,
    request: (method, urlPath, opts) => call(url, method, urlPath, opts),
    databaseEnv: database.env,
    close: async () => {
      await app.close();
      await db.destroy();
      if (!replicaOf) {
        await mm.close();
        await database.drop();
      }
    },
  };
}

/** Rows in a table: tests assert what was stored, not only what was answered. */
export async function count(db: Db, table: keyof Database): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** `/task …` as Mattermost relays it to the service (form-encoded, the slash command's token). */
export const slashCommand = (
  s: Stack,
  user: { id: string; username: string },
  channelId: string,
  text: string,
  fields: Record<string, string> = {},
  token = SLASH_TOKEN,
) =>
  s.request('POST', '/api/v1/mattermost/command', {
    rawBody: new URLSearchParams({ token, channel_id: channelId, user_id: user.id, user_name: user.username, text, ...fields }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Token ${token}` },
  });
