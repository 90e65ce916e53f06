// The administrator's command line: `node dist/cli.js doctor [--json]` checks a deployment's settings
// and the systems they point at, one line per check, with the fix when one fails.
import type { Status } from './doctor/common.js';
import { runDoctor } from './doctor/doctor.js';

const USAGE = `Usage: node server-proxy/dist/cli.js doctor [--json]

  doctor   check the configuration (the same environment the service reads), the database,
           the blob store, Mattermost, the bot, the reverse-proxy mount and the plugin.
           Exit status 0 when every check passes (warnings allowed), 1 when one fails.
  --json   one JSON document instead of lines, for scripts.
`;

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
  const checks = await runDoctor(process.env);
  const ok = checks.every((c) => c.status !== 'fail');
  if (rest.includes('--json')) {
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

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err) => {
    process.stderr.write(`doctor failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
