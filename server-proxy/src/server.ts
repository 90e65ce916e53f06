import { buildApp, loggerOptions } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { migrateToLatest, openDatabase } from './db/database.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  let log: ((err: Error) => void) | undefined;
  const { db, engine, location } = openDatabase({ ...config, onIdleError: (err) => log?.(err) });
  const migrated = await migrateToLatest({ db, engine });
  const app = await buildApp({ config, db, engine, logger: loggerOptions(config.logLevel) });
  log = (err) => app.log.warn({ err }, 'idle database connection lost');
  app.log.info({ engine, location, mattermost: config.mmUrl, migrated }, 'database migrated');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    // Keep-alive connections that finish their request after close() began would hold it open.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
    try {
      await app.close();
      clearInterval(sweep);
      await db.destroy();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
}

main().catch((err) => {
  process.stderr.write(`Throughline service failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
