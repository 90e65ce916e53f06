// `doctor`: every check in order; a check that cannot be made without an earlier one is skipped, saying why.
import { ConfigError, loadConfig, type Config } from '../config.js';
import { instanceTag } from '../health/health.routes.js';
import { MattermostGateway } from '../mattermost/gateway.js';
import type { Check } from './common.js';
import { blobs, database, migrations } from './local.js';
import { metrics } from './metrics.js';
import { bot, botChannels, bucket, mattermost, plugin, service, siteMount } from './remote.js';

const AFTER_CONFIG = [
  'database',
  'migrations',
  'blobs',
  'mattermost',
  'bot',
  'bot_channels',
  'slash_command',
  'service',
  'site_mount',
  'metrics',
  'plugin',
];

/** Runs every check against the settings in `env` (the service's environment; MM_ADMIN_TOKEN is read here only). */
export async function runDoctor(env: Record<string, string | undefined>): Promise<Check[]> {
  const checks: Check[] = [];
  const add = (c: Check) => void checks.push(c);
  const skip = (name: string, because: string) => add({ name, status: 'skip', detail: `not checked: ${because}` });

  let config: Config;
  try {
    config = loadConfig(env);
    add({ name: 'config', status: 'ok', detail: 'every setting is valid' });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    add({
      name: 'config',
      status: 'fail',
      detail: err.problems.join('; '),
      fix: 'correct these settings in the environment the service starts with (README, Environment)',
    });
    for (const n of AFTER_CONFIG) skip(n, 'the configuration is invalid');
    return checks;
  }

  const db = await database(add, config);
  try {
    if (db) await migrations(add, db);
    else skip('migrations', 'the database is not reachable');
    await blobs(add, config);
    if (config.blobStore.kind === 's3') await bucket(add, config, config.blobStore);
    const mm = new MattermostGateway({ url: config.mmUrl, timeoutMs: config.mmTimeoutMs, cacheMs: 0 });
    const reachable = await mattermost(add, config, mm);
    const theBot = reachable ? await bot(add, config) : (skip('bot', 'Mattermost is not reachable'), null);
    if (theBot && db) await botChannels(add, db, theBot.client, theBot.id);
    else skip('bot_channels', !db ? 'the database is not reachable' : !reachable ? 'Mattermost is not reachable' : 'the bot is not usable');
    add(
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
    await service(add, config, expected);
    await siteMount(add, config, expected);
    await metrics(add, config);
    if (reachable) await plugin(add, mm, theBot?.client ?? null, env.MM_ADMIN_TOKEN || null);
    else skip('plugin', 'Mattermost is not reachable');
  } finally {
    await db?.destroy();
  }
  return checks;
}
