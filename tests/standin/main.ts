// Runs the Mattermost stand-in as a process, for the sandbox and end-to-end tests:
//   STANDIN_PORT=8065 STANDIN_HOST=127.0.0.1 npx tsx tests/standin/main.ts
import { fixtures, startStandin } from './index.js';

const port = Number(process.env.STANDIN_PORT ?? 8065);
const host = process.env.STANDIN_HOST || '127.0.0.1';

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`STANDIN_PORT must be a port number, got "${process.env.STANDIN_PORT}"`);
  process.exit(2);
}

const standin = await startStandin({ port, host });
console.log(`Mattermost stand-in listening on ${standin.url} (API ${standin.url}/api/v4, controls ${standin.url}/__standin/)`);
console.log(
  `Tokens: ${Object.entries(fixtures.users)
    .map(([name, u]) => `${name}=${u.token}`)
    .join(' ')}`,
);

let closing = false;
const shutdown = (signal: string) => {
  if (closing) {
    return;
  }
  closing = true;
  console.log(`${signal}: closing the stand-in`);
  standin.close().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
