// The checks of what the settings point at: Mattermost, the bot, the service's addresses, the plugin.
import { S3BlobStore, s3Reason } from '../assets/blob.s3.js';
import type { Config, S3StoreConfig } from '../config.js';
import type { Db } from '../db/database.js';
import { BotClient } from '../mattermost/bot.js';
import type { MattermostGateway } from '../mattermost/gateway.js';
import { PLUGIN_ID } from '../mattermost/plugin.js';
import { allProjectChannels } from '../projects/project.repository.js';
import { ClientError, message, probe, withDeadline, type Add } from './common.js';

/** The path the plugin calls the service at (its apiBasePath). */
const API_BASE_PATH = '/throughline-api';

export async function mattermost(add: Add, config: Config, mm: MattermostGateway): Promise<boolean> {
  let version: string | null;
  try {
    version = await mm.serverVersion();
  } catch (err) {
    add({
      name: 'mattermost',
      status: 'fail',
      detail: `no Mattermost at ${config.mmUrl}: ${message(err)}`,
      fix: 'set MM_URL to the address this host reaches Mattermost at (e.g. http://127.0.0.1:8065), without /api/v4',
    });
    return false;
  }
  if (!version) {
    add({
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
    add({
      name: 'mattermost',
      status: 'fail',
      detail: `Mattermost ${version} at ${config.mmUrl} is older than 7.0, which the plugin needs`,
      fix: 'upgrade Mattermost to 7.0 or newer',
      data: { version, features },
    });
  } else
    add({
      name: 'mattermost',
      status: 'ok',
      detail: `Mattermost ${version} at ${config.mmUrl}; ${told}`,
      data: { version, features },
    });
  return true;
}

export async function bot(add: Add, config: Config): Promise<{ client: BotClient; id: string } | null> {
  const create = 'create a bot account (Integrations → Bot Accounts), give it an access token and set MM_BOT_TOKEN to it';
  if (!config.mmBotToken) {
    add({ name: 'bot', status: 'fail', detail: 'MM_BOT_TOKEN is not set: no cards, reminders or DMs are posted', fix: create });
    return null;
  }
  const client = new BotClient(config.mmUrl, config.mmBotToken, config.mmTimeoutMs, 0);
  try {
    const me = await client.me();
    if (!me.is_bot) {
      add({
        name: 'bot',
        status: 'fail',
        detail: `MM_BOT_TOKEN belongs to @${me.username}, a person, not a bot`,
        fix: `${create}; a person's token posts in their name`,
      });
      return null;
    }
    add({ name: 'bot', status: 'ok', detail: `MM_BOT_TOKEN is the bot @${me.username}`, data: { username: me.username } });
    return { client, id: me.id };
  } catch (err) {
    const rejected = err instanceof ClientError && err.status_code === 401;
    add({
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

export async function botChannels(add: Add, db: Db, bot: BotClient, botId: string): Promise<void> {
  const links = await allProjectChannels(db);
  const missing: { project: string; project_id: string; channel_id: string }[] = [];
  try {
    for (const l of links) {
      if (!(await bot.membership(l.channel_id, botId)))
        missing.push({ project: l.project_name, project_id: l.project_id, channel_id: l.channel_id });
    }
  } catch (err) {
    add({
      name: 'bot_channels',
      status: 'fail',
      detail: `the bot's channels could not be asked for: ${message(err)}`,
      fix: 'check that Mattermost answers',
    });
    return;
  }
  const channels = new Set(links.map((l) => l.channel_id)).size;
  if (!missing.length) {
    add({
      name: 'bot_channels',
      status: 'ok',
      detail: `the bot is in all ${channels} channel(s) of the projects`,
      data: { channels },
    });
    return;
  }
  const list = missing.map((m) => `${m.channel_id} (project "${m.project}")`).join(', ');
  add({
    name: 'bot_channels',
    status: 'fail',
    detail: `the bot is not in ${missing.length} channel(s): ${list}`,
    fix: 'add the bot to each (in the channel: /invite @<bot>); its cards and reminders are not posted there until then',
    data: { missing },
  });
}

export async function service(add: Add, config: Config, expected: string): Promise<void> {
  const url = `${config.serviceUrl}/healthz`;
  const got = await probe(url, config.mmTimeoutMs);
  if (got.instance === expected) {
    add({ name: 'service', status: 'ok', detail: `the service answers at ${config.serviceUrl}` });
    return;
  }
  add({
    name: 'service',
    status: 'fail',
    detail: got.instance ? `another Throughline deployment answers at ${url}` : `no Throughline service at ${url}: ${got.what}`,
    fix: got.instance
      ? 'that service runs with another ACTION_SECRET (or bot token): point SERVICE_URL at this one, or give both the same settings'
      : 'start the service (make serve, or its systemd unit) and set SERVICE_URL to the address Mattermost reaches it at',
  });
}

export async function siteMount(add: Add, config: Config, expected: string): Promise<void> {
  const url = `${config.mmSiteUrl}${API_BASE_PATH}/healthz`;
  const got = await probe(url, config.mmTimeoutMs);
  if (got.instance === expected) {
    add({ name: 'site_mount', status: 'ok', detail: `${url} reaches this service` });
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
  add({ name: 'site_mount', status: 'fail', detail, fix });
}

export async function plugin(add: Add, mm: MattermostGateway, bot: BotClient | null, adminToken: string | null): Promise<void> {
  const install = `upload the plugin (make dist → System Console → Plugins → Upload) and enable it`;
  try {
    if (adminToken) {
      const list = await mm.plugins(adminToken);
      if (list) {
        const active = list.active.find((p) => p.id === PLUGIN_ID);
        const inactive = list.inactive.find((p) => p.id === PLUGIN_ID);
        if (active)
          add({
            name: 'plugin',
            status: 'ok',
            detail: `the plugin ${active.version} is installed and enabled`,
            data: { version: active.version },
          });
        else if (inactive)
          add({
            name: 'plugin',
            status: 'fail',
            detail: `the plugin ${inactive.version} is installed but disabled`,
            fix: 'enable it: System Console → Plugins → Throughline → Enable',
          });
        else add({ name: 'plugin', status: 'fail', detail: 'the plugin is not installed', fix: install });
        return;
      }
      add({ name: 'plugin', status: 'warn', detail: 'MM_ADMIN_TOKEN may not list plugins (not a system admin); asking as the bot' });
    }
    if (!bot) {
      add({ name: 'plugin', status: 'skip', detail: 'not checked: neither the bot nor MM_ADMIN_TOKEN can ask' });
      return;
    }
    const active = (await bot.webappPlugins()).find((p) => p.id === PLUGIN_ID);
    if (active) add({ name: 'plugin', status: 'ok', detail: `the plugin ${active.version} is enabled`, data: { version: active.version } });
    else
      add({
        name: 'plugin',
        status: 'fail',
        detail: 'the plugin is not enabled (not installed, or disabled; MM_ADMIN_TOKEN tells which)',
        fix: `${install}, or enable it if it is installed`,
      });
  } catch (err) {
    add({
      name: 'plugin',
      status: 'fail',
      detail: `the plugins could not be listed: ${message(err)}`,
      fix: 'check that Mattermost answers',
    });
  }
}

/** The S3 bucket of BLOB_STORE: a probe object written and removed, as every upload and the sweep need. */
export async function bucket(add: Add, config: Config, store: S3StoreConfig): Promise<void> {
  const s3 = new S3BlobStore(store, config.dataDir);
  try {
    await withDeadline(s3.probe(), 30_000, 'no answer in 30 s');
    add({ name: 'bucket', status: 'ok', detail: `${s3.where} is reachable and writable (a probe object was written and removed)` });
  } catch (err) {
    const why = s3Reason(err);
    const access =
      'the credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, or the instance role) must allow s3:PutObject, s3:GetObject, s3:DeleteObject and s3:ListBucket on it (README, Production)';
    const fix = /NoSuchBucket/.test(why)
      ? `create the bucket ${store.bucket}, or correct BLOB_STORE`
      : /AccessDenied|InvalidAccessKeyId|SignatureDoesNotMatch|Forbidden|\(403\)/.test(why)
        ? access
        : store.endpoint
          ? `check that an S3-compatible server answers at ${store.endpoint} (AWS_ENDPOINT_URL) and that this host reaches it`
          : `check AWS_REGION (${store.region}) and that this host reaches S3`;
    add({ name: 'bucket', status: 'fail', detail: `${s3.where} cannot be written: ${why}`, fix, data: { reason: why } });
  }
}
