import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { migrateToLatest, openDatabase, type Db, type Engine } from '../src/db/database.js';
import type { Database, TasksTable } from '../src/db/schema.js';
import { freshDatabase as newDatabase, type FreshDatabase } from '../../tests/database/fresh_database.js';
import { startS3, type S3Server } from '../../tests/s3/s3_server.js';
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
/** A tasks-table row for seeding many tasks straight into the database: an open, unassigned task by Olga, in Kazan. */
export function taskRow(fields: Pick<TasksTable, 'id' | 'title' | 'created_at'> & Partial<TasksTable>): TasksTable {
  return {
    description: '',
    search_text: '',
    status: 'todo',
    assignee_id: null,
    due_at: null,
    channel_id: C.kazan,
    project_id: null,
    source_post_id: null,
    permalink: null,
    files: '[]',
    created_by: U.olga.id,
    updated_at: fields.created_at,
    deleted_at: null,
    version: 1,
    reminder_sent_at: null,
    thread_root_id: null,
    parent_id: null,
    rollout_id: null,
    ...fields,
  };
}

export function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export const SLASH_TOKEN = 'slashtoken0000000000000000';
export const ENGINE: Engine = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

/** Where stacks keep versions: TEST_BLOB_STORE=s3 runs a suite against an S3-compatible server started here. */
export type StoreKind = 'local' | 's3';
export const BLOB_STORE: StoreKind = process.env.TEST_BLOB_STORE === 's3' ? 's3' : 'local';

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
  /** The S3-compatible server the stack stores versions in; null on the local store. */
  s3: S3Server | null;
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
  store: StoreKind = BLOB_STORE,
  /** Sees every statement the app runs (a QueryCounter); the stack's own `db` stays unobserved. */
  observe?: KyselyPlugin,
): Promise<Stack> {
  const mm = replicaOf?.mm ?? (await startStandin());
  const database = replicaOf ? { env: replicaOf.databaseEnv, drop: async () => undefined } : await freshDatabase();
  const s3 = replicaOf ? replicaOf.s3 : store === 's3' ? await startS3() : null;
  const config = loadConfig({
    MM_URL: mm.url,
    MM_BOT_TOKEN: U.throughline.token,
    MM_SLASH_TOKEN: SLASH_TOKEN,
    OUTBOX_POLL_MS: '100',
    OUTBOX_RETRY_BASE_MS: '100',
    MM_CACHE_MS: '0',
    MM_TIMEOUT_MS: '1500',
    LOG_LEVEL: 'silent',
    // Digests go out on a real weekday clock; tests run the schedule at instants they choose.
    DIGEST_SCHEDULER: 'off',
    ...database.env,
    ...s3?.env,
    ...env,
  });
  const { db, engine } = openDatabase(config);
  await migrateToLatest({ db, engine });
  const app = await buildApp({ config, db: observe ? db.withPlugin(observe) : db, engine, logger });
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
    s3,
    close: async () => {
      await app.close();
      await db.destroy();
      if (!replicaOf) {
        await mm.close();
        await database.drop();
        await s3?.close();
      }
    },
  };
}

/** What a stack's store holds, whichever store it is: tests assert what was stored, not only what was answered. */
export interface StoreView {
  /** The sha256s stored. */
  files(): string[];
  has(sha256: string): boolean;
  read(sha256: string): string;
  /** Files in the local staging folder (uploads under way, or left behind). */
  staging(): number;
  /** Stores bytes under an address as a crash would have left them (no version points at them). */
  put(sha256: string, bytes: string): void;
  /** Makes a stored file look `hours` old to the sweep. */
  age(sha256: string, hours: number): void;
}

export function storeOf(s: Stack): StoreView {
  const root = path.join(s.databaseEnv.DATA_DIR!, 'blobs');
  const staging = () => (fs.existsSync(path.join(root, 'staging')) ? fs.readdirSync(path.join(root, 'staging')).length : 0);
  const s3 = s.s3;
  if (s3) {
    const prefix = s3.env.BLOB_STORE!.replace(/^s3:\/\/[^/]+\//, '');
    const keyOf = (sha: string) => `${prefix}/${sha.slice(0, 2)}/${sha}`;
    return {
      files: () => s3.keys().map((k) => k.split('/').pop()!),
      has: (sha) => s3.keys().includes(keyOf(sha)),
      read: (sha) => fs.readFileSync(s3.fileOf(keyOf(sha)), 'utf8'),
      staging,
      put: (sha, bytes) => s3.put(keyOf(sha), bytes),
      age: (sha, hours) => s3.age(keyOf(sha), hours),
    };
  }
  const pathOf = (sha: string) => path.join(root, sha.slice(0, 2), sha);
  return {
    files: () =>
      fs.existsSync(root)
        ? fs
            .readdirSync(root)
            .filter((d) => d !== 'staging')
            .flatMap((d) => fs.readdirSync(path.join(root, d)))
        : [],
    has: (sha) => fs.existsSync(pathOf(sha)),
    read: (sha) => fs.readFileSync(pathOf(sha), 'utf8'),
    staging,
    put: (sha, bytes) => {
      fs.mkdirSync(path.dirname(pathOf(sha)), { recursive: true });
      fs.writeFileSync(pathOf(sha), bytes);
    },
    age: (sha, hours) => {
      const t = new Date(Date.now() - hours * 3_600_000);
      fs.utimesSync(pathOf(sha), t, t);
    },
  };
}

/**
 * Counts the SQL statements an app runs (startStack's `observe`) that touch any of `tables`: what a
 * route costs in queries, without the background loops' own (events, outbox) getting in.
 */
export class QueryCounter implements KyselyPlugin {
  count = 0;
  constructor(private readonly tables: ReadonlyArray<keyof Database>) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (tablesOf(args.node).some((t) => (this.tables as readonly string[]).includes(t))) this.count++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

function tablesOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => tablesOf(n, out));
  else if (node && typeof node === 'object') {
    const n = node as { kind?: string; table?: { identifier?: { name?: string } } };
    if (n.kind === 'TableNode' && n.table?.identifier?.name) out.push(n.table.identifier.name);
    for (const v of Object.values(node)) tablesOf(v, out);
  }
  return out;
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
