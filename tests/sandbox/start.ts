// `make start`: the sandbox on one origin, for a person to click through.
//   npx tsx tests/sandbox/start.ts
// Env: SANDBOX_PORT (8080), STANDIN_PORT (8065), SERVICE_PORT (8787), SANDBOX_DATA_DIR
// (./data/sandbox), SANDBOX_REACT (18 | 17 | 19; ?react= on the URL wins), SANDBOX_PLUGINS
// (auto | real | fixture | real,fixture), SANDBOX_SEED (1; 0 leaves the data empty). Ctrl-C stops all three.
// The first run makes the spring campaign (seed.ts) through the service's API; later runs find it there.
import { existsSync } from 'node:fs';
import path from 'node:path';

import { fixtures } from '../standin/index.ts';

import { parsePluginChoice, REAL_PLUGIN, REPO_ROOT, SANDBOX_DIR } from './plugins.ts';
import { SEED, seedCampaign } from './seed.ts';
import { startStack } from './stack.ts';

function port(name: string, def: number): number {
  const raw = process.env[name];
  const n = raw ? Number(raw) : def;
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    process.stderr.write(`${name} must be a port number (got "${raw}")\n`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const plugins = parsePluginChoice(process.env.SANDBOX_PLUGINS);
  if (!existsSync(path.join(SANDBOX_DIR, 'dist', 'react18', 'host.js'))) {
    process.stderr.write('The host page is not built. Run first: npx tsx tests/sandbox/build.ts\n');
    process.exit(1);
  }
  const stack = await startStack({
    standinPort: port('STANDIN_PORT', 8065),
    servicePort: port('SERVICE_PORT', 8787),
    frontPort: port('SANDBOX_PORT', 8080),
    dataDir: path.resolve(REPO_ROOT, process.env.SANDBOX_DATA_DIR ?? 'data/sandbox'),
    react: process.env.SANDBOX_REACT === '17' || process.env.SANDBOX_REACT === '19' ? process.env.SANDBOX_REACT : '18',
    plugins,
    serviceOptional: true,
    serviceLog: (chunk) => process.stdout.write(chunk.replace(/^/gm, '[service] ')),
  });

  let seeded = 'not made (the service is not running)';
  if (stack.serviceUp && process.env.SANDBOX_SEED !== '0') {
    try {
      seeded = (await seedCampaign(stack.serviceUrl)).created ? 'made now' : 'there from an earlier run';
    } catch (err) {
      seeded = `could not be made: ${err instanceof Error ? err.message : String(err)}`;
    }
  } else if (process.env.SANDBOX_SEED === '0') {
    seeded = 'not made (SANDBOX_SEED=0)';
  }

  const url = stack.front.url;
  const hq = `${url}/${fixtures.team.name}/channels/${fixtures.channels.campaignHq.name}`;
  const realBundle = existsSync(REAL_PLUGIN.bundleFile);
  const lines = [
    '',
    `Throughline sandbox — not Mattermost: ${url}`,
    `  Mattermost stand-in ${stack.standin.url}   service ${stack.serviceUp ? stack.serviceUrl : 'NOT RUNNING (see [service] lines above)'}`,
    `  plugin: ${plugins === 'auto' ? (realBundle ? 'webapp/dist/main.js' : 'the sandbox fixture (webapp/dist/main.js not built yet)') : plugins}` +
      `   React 18 (${url}/?react=17 for React 17, as Mattermost 7–9)`,
    '',
    `The project "${SEED.project}" (head office and three regions): ${seeded}.`,
    '',
    'What to try first:',
    `  1. Open ${hq}?user=olga — you are Olga, the office manager.`,
    '     Open the Throughline sidebar from the App Bar on the right: seven tasks, one in every status,',
    '     two of them overdue.',
    `  2. The Assets tab → "${SEED.asset}": three versions, version 2 approved, receipts confirmed by`,
    '     Kazan and Samara, Novosibirsk still waiting. Upload a fourth version or approve version 3.',
    '  3. The Decisions tab: the slogan decision is decided and Samara confirmed it (its cards are in the',
    '     channels after the first run only: the stand-in forgets posts when it stops). Propose another',
    '     one from a message (right-click → Record as decision).',
    '  4. Right-click a message (or hover it → the message-actions icon) → Create task.',
    `  5. Switch user (top bar) to the Kazan franchisee guest: only Kazan's work is visible, her`,
    '     overdue poster task first; confirm receipt of the decision in Region · Kazan.',
    `  6. A rollout: "${SEED.rollout}" in HQ opens as a matrix of the three regions (Samara done,`,
    '     Kazan at it). As Dmitry in Region · Novosibirsk, set its copy to Done: refused until Novosibirsk',
    "     confirms version 2 of the poster, which the refusal's button does. Leads (header) names who gets each copy.",
    "  7. The Digest tab: this week's digest of the campaign, compiled from the records (every line opens",
    '     its task or decision); Olga is subscribed to the weekly one by direct message.',
    '  8. Language → Русский shows the sidebar in Russian; Debug shows what the plugin registered.',
    '',
    'Ctrl-C stops the stand-in, the service and the front server.',
    '',
  ];
  process.stdout.write(lines.join('\n'));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the sandbox…\n`);
    stack.stop().then(
      () => process.exit(0),
      (err) => {
        process.stderr.write(`${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`The sandbox could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
