#!/usr/bin/env node
// The administrator's command line, with the service's environment:
//   node dist/cli.js doctor [--json]                  check a deployment's settings and what they point at
//   node dist/cli.js backup --to DIR                  the database (SQLite, online) and the stored files
//   node dist/cli.js restore --from DIR [--force]     put a backup back, refusing what would lose data
//   node dist/cli.js reindex                          build the search index again from the stored items
import { Refused, backup } from './backup/backup.js';
import { restore } from './backup/restore.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { migrateToLatest, openDatabase } from './db/database.js';
import type { Status } from './doctor/common.js';
import { runDoctor } from './doctor/doctor.js';
import { reindexAll } from './search/search.indexer.js';

const USAGE = `Usage: node server-proxy/dist/cli.js <command>   (the service's environment: DATA_DIR, DATABASE_URL, …)

  doctor [--json]             check the configuration, the database, the blob store, Mattermost,
                              the bot, the reverse-proxy mount, the metrics and the plugin.
                              Exit status 0 when every check passes (warnings allowed), 1 when one fails.
                              --json: one JSON document instead of lines, for scripts.
  backup --to DIR             copy the SQLite database online (safe while the service runs) and the
                              stored files into DIR; again into the same DIR copies only new files.
                              On PostgreSQL only the files: take the database with pg_dump first.
  restore --from DIR [--force]
                              put a backup back into DATA_DIR (stop the service first). Refuses a
                              backup from a newer version, a damaged one, and — without --force —
                              a DATA_DIR that holds data.
  reindex                     build the search index again from every task, decision, asset and
                              version, in one transaction (searches meanwhile answer from the old
                              index). Exit status 0 when done.
`;

const MARK: Record<Status, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL', skip: 'skip' };

class Usage extends Error {}

/** `--name value` options and `--flag`s of one command; anything else is a usage error. */
function options(command: string, args: string[], valued: string[], flags: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (valued.includes(a)) {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new Usage(`${a} needs a folder, e.g. ${command} ${a} /var/backups/throughline`);
      out[a] = v;
    } else if (flags.includes(a)) out[a] = true;
    else throw new Usage(`Unknown option "${a}" for ${command}.`);
  }
  return out;
}

function config(): Config {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError)
      throw new Refused(`${err.message}\n(the same settings the service starts with; \`doctor\` names them too)`);
    throw err;
  }
}

async function doctor(rest: string[]): Promise<number> {
  const json = options('doctor', rest, [], ['--json'])['--json'] === true;
  const checks = await runDoctor(process.env);
  const ok = checks.every((c) => c.status !== 'fail');
  if (json) {
    process.stdout.write(`${JSON.stringify({ ok, checks }, null, 2)}\n`);
  } else {
    const width = Math.max(...checks.map((c) => c.name.length));
    for (const c of checks) {
      process.stdout.write(`${MARK[c.status]}  ${c.name.padEnd(width)}  ${c.detail}${c.fix ? ` — fix: ${c.fix}` : ''}\n`);
    }
    process.stdout.write(
      ok ? 'doctor: every check passed\n' : `doctor: ${checks.filter((c) => c.status === 'fail').length} check(s) failed\n`,
    );
  }
  return ok ? 0 : 1;
}

const say = (line: string) => void process.stdout.write(`${line}\n`);

async function reindex(rest: string[]): Promise<number> {
  options('reindex', rest, [], []);
  const c = config();
  const handle = openDatabase({ databaseUrl: c.databaseUrl, dataDir: c.dataDir });
  try {
    await migrateToLatest(handle);
    const started = Date.now();
    const written = await reindexAll(handle.db, handle.engine);
    say(`reindex: ${written} entries written to ${handle.location} in ${Date.now() - started} ms`);
    return 0;
  } finally {
    await handle.db.destroy();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(USAGE);
        return 0;
      case 'doctor':
        return await doctor(rest);
      case 'backup': {
        const o = options('backup', rest, ['--to'], []);
        if (typeof o['--to'] !== 'string') throw new Usage('backup needs --to DIR.');
        await backup(config(), o['--to'], say);
        return 0;
      }
      case 'restore': {
        const o = options('restore', rest, ['--from'], ['--force']);
        if (typeof o['--from'] !== 'string') throw new Usage('restore needs --from DIR.');
        await restore(config(), o['--from'], o['--force'] === true, say);
        return 0;
      }
      case 'reindex':
        return await reindex(rest);
      default:
        throw new Usage(command ? `Unknown command "${command}".` : 'No command given.');
    }
  } catch (err) {
    if (err instanceof Usage) {
      process.stderr.write(`${err.message}\n${USAGE}`);
      return 2;
    }
    if (err instanceof Refused) {
      process.stderr.write(`${command}: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err) => {
    process.stderr.write(`${process.argv[2] ?? 'cli'} failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
