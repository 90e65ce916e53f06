// The administrator's command line: `node dist/cli.js doctor [--json]` checks a deployment's settings
// and the systems they point at, one line per check, with the fix when one fails.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import mmClient from '@mattermost/client';
import { AppError } from './http/errors.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { migrationStatus, openDatabase, pingDatabase, type Db } from './db/database.js';
import { INSTANCE_HEADER, instanceTag } from './health/health.routes.js';
import { BotClient } from './mattermost/bot.js';
import { MattermostGateway } from './mattermost/gateway.js';
import { allProjectChannels } from './projects/project.repository.js';

const { ClientError } = mmClient;

/** The plugin's id (plugin.json) and the path the plugin calls the service at (its apiBasePath). */
const PLUGIN_ID = 'throughline';
const API_BASE_PATH = '/throughline-api';
const MIN_FREE_BYTES = 64 * 1024 ** 2;

type Status = 'ok' | 'warn' | 'fail' | 'skip';

interface Check {
  name: string;
  status: Status;
  detail: string;
  fix?: string;
  data?: Record<string, unknown>;
}

const USAGE = `Usage: node server-proxy/dist/cli.js doctor [--json]

  doctor   check the configuration (the same environment the service reads), the database,
           the blob store, Mattermost, the bot, the reverse-proxy mount and the plugin.
           Exit status 0 when every check passes (warnings allowed), 1 when one fails.
  --json   one JSON document instead of lines, for scripts.
`;

class Doctor {
  readonly checks: Check[] = [];
  constructor(private readonly env: Record<string, string | undefined>) {}

  private add(c: Check): Check {
    this.checks.push(c);
    return c;
  }
  private skip(name: string, because: string): void {
    this.add({ name, status: 'skip', detail: `not checked: ${because}` });
  }

  async run(): Promise<void> {
    let config: Config;
    try {
      config = loadConfig(this.env);
      this.add({ name: 'config', status: 'ok', detail: 'every setting is valid' });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      this.add({
        name: 'config',
        status: 'fail',
        detail: err.problems.join('; '),
        fix: 'correct these settings in the environment the service starts with (see docs/api.md, Settings)',
      });
      for (const n of [
        'database',
        'migrations',
        'blobs',
        'mattermost',
        'bot',
        'bot_channels',
        'slash_command',
        'service',
        'site_mount',
        'plugin',
      ])
        this.skip(n, 'the configuration is invalid');
      return;
    }

    const db = await this.database(config);
    try {
      if (db) await this.migrations(db);
      else this.skip('migrations', 'the database is not reachable');
      await this.blobs(config);
      const mm = new MattermostGateway({ url: config.mmUrl, timeoutMs: config.mmTimeoutMs, cacheMs: 0 });
      const reachable = await this.mattermost(config, mm);
      const bot = reachable ? await this.bot(config) : (this.skip('bot', 'Mattermost is not reachable'), null);
      if (bot && db) await this.botChannels(db, bot.client, bot.id);
      else
        this.skip(
          'bot_channels',
          !db ? 'the database is not reachable' : !reachable ? 'Mattermost is not reachable' : 'the bot is not usable',
        );
      this.add(
        config.slashToken
          ? { name: 'slash_command', status: 'ok', detail: 'MM_SLASH_TOKEN is set' }
          : {
              name: 'slash_command',
              status: 'fail',
              detail: 'MM_SLASH_TOKEN is not set: /task is refused',
              fix: `create the slash command /task (Integrations → Slash Commands, POST to ${config.serviceUrl}/api/v1/mattermost/command) and set MM_SLASH_TOKEN to its token`,
            },
      );
      const expected = instanceTag(config.actionSecret);
      await this.service(config, expected);
      await this.siteMount(config, expected);
      if (reachable) await this.plugin(mm, bot?.client ?? null);
      else this.skip('plugin', 'Mattermost is not reachable');
    } finally {
      await db?.destroy();
    }
  }

  private async database(config: Config): Promise<Db | null> {
    if (!config.databaseUrl) {
      const file = path.join(config.dataDir, 'throughline.db');
      if (!fs.existsSync(file)) {
        this.add({
          name: 'database',
          status: 'fail',
          detail: `no SQLite database at ${file}`,
          fix: 'set DATA_DIR to the folder the service keeps its data in, or start the service once (it creates and migrates the database)',
        });
        return null;
      }
    }
    const { db, engine, location } = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      await withDeadline(pingDatabase(db), config.mmTimeoutMs, 'no answer in time');
      this.add({ name: 'database', status: 'ok', detail: `${engine === 'postgres' ? 'PostgreSQL' : 'SQLite'} at ${location} answers` });
      return db;
    } catch (err) {
      await db.destroy().catch(() => undefined);
      this.add({
        name: 'database',
        status: 'fail',
        detail: `${engine === 'postgres' ? 'PostgreSQL' : 'SQLite'} at ${location} does not answer: ${message(err)}`,
        fix:
          engine === 'postgres'
            ? 'check DATABASE_URL (host, port, database, user, password) and that PostgreSQL runs'
            : 'check DATA_DIR and the file permissions',
      });
      return null;
    }
  }

  private async migrations(db: Db): Promise<void> {
    const { pending, unknown } = await migrationStatus(db);
    if (unknown.length) {
      this.add({
        name: 'migrations',
        status: 'fail',
        detail: `the database was migrated by a newer version (${unknown.join(', ')})`,
        fix: 'run the version that migrated it, or restore a backup made with this version',
        data: { unknown },
      });
    } else if (pending.length) {
      this.add({
        name: 'migrations',
        status: 'fail',
        detail: `${pending.length} not applied: ${pending.join(', ')}`,
        fix: 'start the service (it applies migrations at start)',
        data: { pending },
      });
    } else this.add({ name: 'migrations', status: 'ok', detail: 'every migration is applied' });
  }

  private async blobs(config: Config): Promise<void> {
    const dir = path.join(config.dataDir, 'blobs');
    const target = fs.existsSync(dir) ? dir : config.dataDir;
    const probe = path.join(target, `.doctor-${randomUUID()}`);
    try {
      await fs.promises.writeFile(probe, 'probe', { flag: 'wx' });
      await fs.promises.rm(probe, { force: true });
    } catch (err) {
      const missing = (err as { code?: string }).code === 'ENOENT';
      this.add({
        name: 'blobs',
        status: 'fail',
        detail: missing ? `DATA_DIR ${target} does not exist` : `${target} is not writable: ${message(err)}`,
        fix: `make ${dir} a folder the service's user may write (or set DATA_DIR)`,
      });
      return;
    }
    const st = await fs.promises.statfs(target);
    const free = st.bavail * st.bsize;
    const data = { path: dir, free_bytes: free };
    const detail = `${dir} is writable, ${bytes(free)} free`;
    if (free < MIN_FREE_BYTES) {
      this.add({ name: 'blobs', status: 'fail', detail, fix: 'free space on that disk or move DATA_DIR', data });
    } else if (free < config.uploadLimitBytes) {
      this.add({
        name: 'blobs',
        status: 'warn',
        detail: `${detail}, less than one upload may take (UPLOAD_LIMIT_BYTES ${bytes(config.uploadLimitBytes)})`,
        data,
      });
    } else this.add({ name: 'blobs', status: 'ok', detail, data });
  }

  private async mattermost(config: Config, mm: MattermostGateway): Promise<boolean> {
    let version: string | null;
    try {
      version = await mm.serverVersion();
    } catch (err) {
      this.add({
        name: 'mattermost',
        status: 'fail',
        detail: `no Mattermost at ${config.mmUrl}: ${message(err)}`,
        fix: 'set MM_URL to the address this host reaches Mattermost at (e.g. http://127.0.0.1:8065), without /api/v4',
      });
      return false;
    }
    if (!version) {
      this.add({
        name: 'mattermost',
        status: 'warn',
        detail: `${config.mmUrl} answers but tells no version (X-Version-Id)`,
        data: { version },
      });
      return true;
    }
    const [major, minor] = version.split('.').map(Number) as [number, number];
    const features = { channel_bookmarks: major > 9 || (major === 9 && minor >= 5), react19_webapp: major >= 12 };
    const told = `bookmarks ${features.channel_bookmarks ? 'yes' : 'no (9.5+)'}, React 19 webapp ${features.react19_webapp ? 'yes' : 'no (12+)'}`;
    if (major < 7) {
      this.add({
        name: 'mattermost',
        status: 'fail',
        detail: `Mattermost ${version} at ${config.mmUrl} is older than 7.0, which the plugin needs`,
        fix: 'upgrade Mattermost to 7.0 or newer',
        data: { version, features },
      });
    } else
      this.add({
        name: 'mattermost',
        status: 'ok',
        detail: `Mattermost ${version} at ${config.mmUrl}; ${told}`,
        data: { version, features },
      });
    return true;
  }

  private async bot(config: Config): Promise<{ client: BotClient; id: string } | null> {
    const create = 'create a bot account (Integrations → Bot Accounts), give it an access token and set MM_BOT_TOKEN to it';
    if (!config.mmBotToken) {
      this.add({ name: 'bot', status: 'fail', detail: 'MM_BOT_TOKEN is not set: no cards, reminders or DMs are posted', fix: create });
      return null;
    }
    const client = new BotClient(config.mmUrl, config.mmBotToken, config.mmTimeoutMs, 0);
    try {
      const me = await client.me();
      if (!me.is_bot) {
        this.add({
          name: 'bot',
          status: 'fail',
          detail: `MM_BOT_TOKEN belongs to @${me.username}, a person, not a bot`,
          fix: `${create}; a person's token posts in their name`,
        });
        return null;
      }
      this.add({ name: 'bot', status: 'ok', detail: `MM_BOT_TOKEN is the bot @${me.username}`, data: { username: me.username } });
      return { client, id: me.id };
    } catch (err) {
      const rejected = err instanceof ClientError && err.status_code === 401;
      this.add({
        name: 'bot',
        status: 'fail',
        detail: rejected ? 'Mattermost rejects MM_BOT_TOKEN' : `the bot could not be asked for: ${message(err)}`,
        fix: rejected
          ? 'the token was revoked or mistyped: make a new one for the bot and set MM_BOT_TOKEN'
          : 'check that Mattermost answers',
      });
      return null;
    }
  }

  private async botChannels(db: Db, bot: BotClient, botId: string): Promise<void> {
    const links = await allProjectChannels(db);
    const missing: { project: string; project_id: string; channel_id: string }[] = [];
    try {
      for (const l of links) {
        if (!(await bot.membership(l.channel_id, botId)))
          missing.push({ project: l.project_name, project_id: l.project_id, channel_id: l.channel_id });
      }
    } catch (err) {
      this.add({
        name: 'bot_channels',
        status: 'fail',
        detail: `the bot's channels could not be asked for: ${message(err)}`,
        fix: 'check that Mattermost answers',
      });
      return;
    }
    const channels = new Set(links.map((l) => l.channel_id)).size;
    if (!missing.length) {
      this.add({
        name: 'bot_channels',
        status: 'ok',
        detail: `the bot is in all ${channels} channel(s) of the projects`,
        data: { channels },
      });
      return;
    }
    const list = missing.map((m) => `${m.channel_id} (project "${m.project}")`).join(', ');
    this.add({
      name: 'bot_channels',
      status: 'fail',
      detail: `the bot is not in ${missing.length} channel(s): ${list}`,
      fix: 'add the bot to each (in the channel: /invite @<bot>); its cards and reminders are not posted there until then',
      data: { missing },
    });
  }

  private async service(config: Config, expected: string): Promise<void> {
    const url = `${config.serviceUrl}/healthz`;
    const got = await probe(url, config.mmTimeoutMs);
    if (got.instance === expected) {
      this.add({ name: 'service', status: 'ok', detail: `the service answers at ${config.serviceUrl}` });
      return;
    }
    this.add({
      name: 'service',
      status: 'fail',
      detail: got.instance ? `another Throughline deployment answers at ${url}` : `no Throughline service at ${url}: ${got.what}`,
      fix: got.instance
        ? 'that service runs with another ACTION_SECRET (or bot token): point SERVICE_URL at this one, or give both the same settings'
        : 'start the service (make serve, or its systemd unit) and set SERVICE_URL to the address Mattermost reaches it at',
    });
  }

  private async siteMount(config: Config, expected: string): Promise<void> {
    const url = `${config.mmSiteUrl}${API_BASE_PATH}/healthz`;
    const got = await probe(url, config.mmTimeoutMs);
    if (got.instance === expected) {
      this.add({ name: 'site_mount', status: 'ok', detail: `${url} reaches this service` });
      return;
    }
    const location = `add to Mattermost's nginx server block: location ${API_BASE_PATH}/ { proxy_pass http://<service host:port>/; } (README, Production)`;
    let detail: string;
    let fix = location;
    if (got.instance) {
      detail = `${url} reaches another Throughline deployment`;
      fix = `the location ${API_BASE_PATH}/ points at another service: point it at this one`;
    } else if (got.ourError) {
      detail = `${url} reaches a Throughline service, but with the path ${API_BASE_PATH} still on it (${got.status})`;
      fix = `end proxy_pass with a slash (proxy_pass http://<service host:port>/;) so the ${API_BASE_PATH} prefix is taken off`;
    } else detail = `${url} does not reach the service: ${got.what}`;
    this.add({ name: 'site_mount', status: 'fail', detail, fix });
  }

  private async plugin(mm: MattermostGateway, bot: BotClient | null): Promise<void> {
    const adminToken = this.env.MM_ADMIN_TOKEN || null;
    const install = `upload the plugin (make dist → System Console → Plugins → Upload) and enable it`;
    try {
      if (adminToken) {
        const list = await mm.plugins(adminToken);
        if (list) {
          const active = list.active.find((p) => p.id === PLUGIN_ID);
          const inactive = list.inactive.find((p) => p.id === PLUGIN_ID);
          if (active)
            this.add({
              name: 'plugin',
              status: 'ok',
              detail: `the plugin ${active.version} is installed and enabled`,
              data: { version: active.version },
            });
          else if (inactive)
            this.add({
              name: 'plugin',
              status: 'fail',
              detail: `the plugin ${inactive.version} is installed but disabled`,
              fix: 'enable it: System Console → Plugins → Throughline → Enable',
            });
          else this.add({ name: 'plugin', status: 'fail', detail: 'the plugin is not installed', fix: install });
          return;
        }
        this.add({ name: 'plugin', status: 'warn', detail: 'MM_ADMIN_TOKEN may not list plugins (not a system admin); asking as the bot' });
      }
      if (!bot) {
        this.skip('plugin', 'neither the bot nor MM_ADMIN_TOKEN can ask');
        return;
      }
      const active = (await bot.webappPlugins()).find((p) => p.id === PLUGIN_ID);
      if (active)
        this.add({ name: 'plugin', status: 'ok', detail: `the plugin ${active.version} is enabled`, data: { version: active.version } });
      else
        this.add({
          name: 'plugin',
          status: 'fail',
          detail: 'the plugin is not enabled (not installed, or disabled; MM_ADMIN_TOKEN tells which)',
          fix: `${install}, or enable it if it is installed`,
        });
    } catch (err) {
      this.add({
        name: 'plugin',
        status: 'fail',
        detail: `the plugins could not be listed: ${message(err)}`,
        fix: 'check that Mattermost answers',
      });
    }
  }
}

/** What answers at a /healthz address: the instance tag it tells, or what came instead. */
async function probe(
  url: string,
  timeoutMs: number,
): Promise<{ instance: string | null; status?: number; ourError?: boolean; what: string }> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
  } catch (err) {
    return { instance: null, what: `cannot be reached (${message(err)})` };
  }
  const body = await res.text().catch(() => '');
  const instance = res.headers.get(INSTANCE_HEADER);
  if (res.ok && instance) return { instance, status: res.status, what: 'ok' };
  let ourError = false;
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown } };
    ourError = typeof parsed?.error?.code === 'string';
  } catch {
    /* not JSON */
  }
  const type = (res.headers.get('content-type') ?? 'no content type').split(';')[0];
  return { instance: null, status: res.status, ourError, what: `${res.status} ${type}, not the service's health answer` };
}

function withDeadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(what)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function message(err: unknown): string {
  // The gateway words an outage for a user who tried to change something; an administrator needs only what happened.
  if (err instanceof AppError) return err.message.replace(/; nothing was (changed|stored).*$/, '');
  const e = err as { message?: string; code?: string; cause?: { code?: string; message?: string } };
  return e?.cause?.code ?? e?.code ?? e?.message ?? String(err);
}

function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) ((n /= 1024), i++);
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}

const MARK: Record<Status, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL', skip: 'skip' };

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command !== 'doctor') {
    process.stderr.write(`${command ? `Unknown command "${command}".` : 'No command given.'}\n${USAGE}`);
    return 2;
  }
  const unknown = rest.filter((a) => a !== '--json');
  if (unknown.length) {
    process.stderr.write(`Unknown option ${unknown.map((a) => `"${a}"`).join(', ')} for doctor.\n${USAGE}`);
    return 2;
  }
  const doctor = new Doctor(process.env);
  await doctor.run();
  const ok = doctor.checks.every((c) => c.status !== 'fail');
  if (rest.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ ok, checks: doctor.checks }, null, 2)}\n`);
  } else {
    const width = Math.max(...doctor.checks.map((c) => c.name.length));
    for (const c of doctor.checks) {
      process.stdout.write(`${MARK[c.status]}  ${c.name.padEnd(width)}  ${c.detail}${c.fix ? ` — fix: ${c.fix}` : ''}\n`);
    }
    process.stdout.write(
      ok ? 'doctor: every check passed\n' : `doctor: ${doctor.checks.filter((c) => c.status === 'fail').length} check(s) failed\n`,
    );
  }
  return ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err) => {
    process.stderr.write(`doctor failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
