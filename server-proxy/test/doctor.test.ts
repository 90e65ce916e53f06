import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { cli, closedPort, type Run } from './cli.js';
import { C, ENGINE, SLASH_TOKEN, U, startStack, type Stack } from './helpers.js';

const ACTION_SECRET = 'doctor-test-secret-0123456789';
const METRICS_TOKEN = 'doctor-metrics-token-0123456789';

type FrontMode = 'mounted' | 'no-location' | 'spa' | 'unstripped' | 'other-deployment';

/**
 * Mattermost's public address as nginx serves it: `/throughline-api/` forwarded to the service with
 * the prefix taken off (mounted), or one of the ways that goes wrong.
 */
function startFront(serviceUrl: string, mattermostUrl: string) {
  let mode: FrontMode = 'mounted';
  const forward = (req: http.IncomingMessage, res: http.ServerResponse, target: string) => {
    const up = http.request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  };
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const mounted = url.startsWith('/throughline-api/');
    if (mounted && mode === 'mounted') return forward(req, res, serviceUrl + url.slice('/throughline-api'.length));
    if (mounted && mode === 'unstripped') return forward(req, res, serviceUrl + url);
    if (mounted && mode === 'other-deployment') {
      res.writeHead(200, { 'content-type': 'application/json', 'x-throughline-instance': 'another0deployment0tag00' });
      return res.end('{"status":"ok"}');
    }
    if (mode === 'spa') {
      // Mattermost answers any path it has no route for with its single-page app.
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end('<!doctype html><html><body>Mattermost</body></html>');
    }
    return forward(req, res, mattermostUrl + url);
  });
  return {
    server,
    setMode: (m: FrontMode) => void (mode = m),
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}`)),
      ),
  };
}

describe(`doctor [${ENGINE}]`, () => {
  let s: Stack;
  let front: ReturnType<typeof startFront>;
  let env: Record<string, string>;
  let projectName: string;
  const doctor = (over: Record<string, string> = {}) => cli({ ...env, ...over }, ['doctor', '--json']);
  const failed = (r: Run) => [...r.checks.values()].filter((c) => c.status === 'fail').map((c) => c.name);

  before(async () => {
    s = await startStack({ ACTION_SECRET, METRICS_PORT: '0', METRICS_TOKEN });
    front = startFront(s.url, s.mm.url);
    const frontUrl = await front.listen();
    env = {
      MM_URL: s.mm.url,
      MM_SITE_URL: frontUrl,
      MM_BOT_TOKEN: U.throughline.token,
      MM_SLASH_TOKEN: SLASH_TOKEN,
      SERVICE_URL: s.url,
      ACTION_SECRET,
      METRICS_PORT: new URL(s.app.metricsUrl()!).port,
      METRICS_TOKEN,
      MM_TIMEOUT_MS: '2000',
      ...s.databaseEnv,
    };
    projectName = 'Spring campaign';
    const p = await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: projectName, channel_id: C.hq } });
    assert.equal(p.status, 201);
    const link = await s.request('POST', `/api/v1/projects/${p.body.id}/channels`, { token: U.olga.token, body: { channel_id: C.kazan } });
    assert.equal(link.status, 200);
  });
  after(async () => {
    await new Promise((r) => front.server.close(r));
    front.server.closeAllConnections();
    await s.close();
  });

  it('passes every check on a deployment set up as the README says, in lines and in JSON', async () => {
    const r = await doctor();
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const names = [
      'config',
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
    assert.deepEqual([...r.checks.keys()], names);
    for (const c of r.checks.values()) {
      // Free space is a warning on a small test disk, never a failure here.
      assert.ok(c.status === 'ok' || (c.name === 'blobs' && c.status === 'warn'), `${c.name}: ${c.status} ${c.detail}`);
    }
    assert.equal(r.checks.get('mattermost')!.data!.version, '11.9.0');
    assert.deepEqual(r.checks.get('mattermost')!.data!.features, { channel_bookmarks: true, react19_webapp: false });
    assert.equal(r.checks.get('bot_channels')!.data!.channels, 2);
    assert.ok(r.checks.get('blobs')!.data!.free_bytes > 0);

    const lines = await cli(env, ['doctor']);
    assert.equal(lines.code, 0);
    const out = lines.stdout.trim().split('\n');
    assert.equal(out.length, names.length + 1, lines.stdout);
    assert.match(out[0]!, /^ok\s+config\s+every setting is valid$/);
    assert.equal(out.at(-1), 'doctor: every check passed');
  });

  it('fails on an invalid setting, naming it, and checks nothing else', async () => {
    const r = await doctor({ PORT: 'eighty', MM_URL: 'ftp://mm' });
    assert.equal(r.code, 1);
    const config = r.checks.get('config')!;
    assert.equal(config.status, 'fail');
    assert.match(config.detail, /PORT must be a whole number/);
    assert.match(config.detail, /MM_URL must start with http:\/\//);
    assert.ok(config.fix);
    assert.deepEqual(failed(r), ['config']);
    assert.ok([...r.checks.values()].filter((c) => c.name !== 'config').every((c) => c.status === 'skip'));
  });

  it('fails when the database is not there or does not answer', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-doctor-'));
    try {
      const over: Record<string, string> =
        ENGINE === 'sqlite'
          ? { DATA_DIR: empty }
          : { DATA_DIR: empty, DATABASE_URL: `postgres://postgres@127.0.0.1:${await closedPort()}/nothing` };
      const r = await doctor(over);
      assert.equal(r.code, 1);
      const database = r.checks.get('database')!;
      assert.equal(database.status, 'fail');
      assert.match(database.detail, ENGINE === 'sqlite' ? /no SQLite database at .*throughline\.db/ : /PostgreSQL at .* does not answer/);
      assert.ok(database.fix);
      assert.equal(r.checks.get('migrations')!.status, 'skip');
      assert.equal(r.checks.get('bot_channels')!.status, 'skip');
      // Nothing was created where the settings pointed.
      assert.deepEqual(fs.readdirSync(empty), []);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('names a DATA_DIR that does not exist, and creates nothing there', async () => {
    const nowhere = path.join(os.tmpdir(), `tl-doctor-nowhere-${process.pid}`);
    const r = await doctor({ DATA_DIR: nowhere });
    assert.equal(r.code, 1);
    assert.match(r.checks.get('blobs')!.detail, /^DATA_DIR .*tl-doctor-nowhere-\d+ does not exist$/);
    if (ENGINE === 'sqlite') assert.match(r.checks.get('database')!.detail, /no SQLite database at /);
    assert.equal(fs.existsSync(nowhere), false);
  });

  it('fails when a migration is not applied, and when the database is from a newer version', async () => {
    const last = await s.db
      .selectFrom('kysely_migration' as any)
      .select(['name', 'timestamp'])
      .orderBy('name', 'desc')
      .executeTakeFirstOrThrow();
    await sql`delete from kysely_migration where name = ${last.name}`.execute(s.db);
    try {
      const r = await doctor();
      assert.equal(r.code, 1);
      assert.deepEqual(failed(r), ['migrations']);
      assert.deepEqual(r.checks.get('migrations')!.data!.pending, [last.name]);
      assert.match(r.checks.get('migrations')!.fix!, /start the service/);
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${last.name}, ${last.timestamp})`.execute(s.db);
    }
    await sql`insert into kysely_migration (name, timestamp) values (${'29991231_0001_future'}, ${new Date().toISOString()})`.execute(s.db);
    try {
      const r = await doctor();
      assert.equal(r.code, 1);
      assert.deepEqual(failed(r), ['migrations']);
      assert.match(r.checks.get('migrations')!.detail, /newer version \(29991231_0001_future\)/);
    } finally {
      await sql`delete from kysely_migration where name = ${'29991231_0001_future'}`.execute(s.db);
    }
  });

  it('fails when the blob store cannot be written', async () => {
    const blobs = path.join(s.databaseEnv.DATA_DIR!, 'blobs');
    const aside = `${blobs}.aside`;
    fs.renameSync(blobs, aside);
    // A file where the folder should be: not writable whoever runs the test (root too).
    fs.writeFileSync(blobs, 'not a folder');
    try {
      const r = await doctor();
      assert.equal(r.code, 1);
      assert.deepEqual(failed(r), ['blobs']);
      assert.match(r.checks.get('blobs')!.detail, /is not writable: ENOTDIR/);
    } finally {
      fs.rmSync(blobs);
      fs.renameSync(aside, blobs);
    }
  });

  it('fails when Mattermost is not at MM_URL or answers as something else, and skips what needs it', async () => {
    const r = await doctor({ MM_URL: `http://127.0.0.1:${await closedPort()}` });
    assert.equal(r.code, 1);
    assert.deepEqual(failed(r), ['mattermost']);
    assert.match(r.checks.get('mattermost')!.detail, /no Mattermost at http:\/\/127\.0\.0\.1:\d+: Mattermost cannot be reached/);
    for (const n of ['bot', 'bot_channels', 'plugin']) assert.equal(r.checks.get(n)!.status, 'skip', n);

    s.mm.answerWrongly({ path: '/api/v4/system/ping', body: '<html><body>Welcome to nginx!</body></html>' });
    try {
      const wrong = await doctor();
      assert.equal(wrong.code, 1);
      assert.deepEqual(failed(wrong), ['mattermost']);
      assert.match(wrong.checks.get('mattermost')!.detail, /not a ping answer/);
    } finally {
      s.mm.clearFaults();
    }
  });

  it("tells Mattermost's version and the optional features it supports; fails below 7.0", async () => {
    const cases: [string, number, { channel_bookmarks: boolean; react19_webapp: boolean }][] = [
      ['9.4.0', 0, { channel_bookmarks: false, react19_webapp: false }],
      ['9.5.2', 0, { channel_bookmarks: true, react19_webapp: false }],
      ['12.1.0', 0, { channel_bookmarks: true, react19_webapp: true }],
      ['6.3.0', 1, { channel_bookmarks: false, react19_webapp: false }],
    ];
    try {
      for (const [version, code, features] of cases) {
        s.mm.setVersion(version);
        const r = await doctor();
        assert.equal(r.code, code, version);
        const mm = r.checks.get('mattermost')!;
        assert.equal(mm.status, code ? 'fail' : 'ok', version);
        assert.equal(mm.data!.version, version);
        assert.deepEqual(mm.data!.features, features, version);
      }
    } finally {
      s.mm.setVersion('11.9.0');
    }
  });

  it('fails when the bot token is missing, rejected or a person’s', async () => {
    const unset = await doctor({ MM_BOT_TOKEN: '' });
    assert.deepEqual(failed(unset), ['bot']);
    assert.match(unset.checks.get('bot')!.detail, /MM_BOT_TOKEN is not set/);
    assert.equal(unset.checks.get('bot_channels')!.status, 'skip');

    const rejected = await doctor({ MM_BOT_TOKEN: 'revokedtoken0000000000000' });
    assert.equal(rejected.code, 1);
    assert.deepEqual(failed(rejected), ['bot']);
    assert.match(rejected.checks.get('bot')!.detail, /Mattermost rejects MM_BOT_TOKEN/);

    const person = await doctor({ MM_BOT_TOKEN: U.olga.token });
    assert.deepEqual(failed(person), ['bot']);
    assert.match(person.checks.get('bot')!.detail, new RegExp(`belongs to @${U.olga.username}, a person, not a bot`));
  });

  it('lists the project channels the bot is not a member of', async () => {
    s.mm.removeMember(C.kazan, U.throughline.id);
    try {
      const r = await doctor();
      assert.equal(r.code, 1);
      assert.deepEqual(failed(r), ['bot_channels']);
      const check = r.checks.get('bot_channels')!;
      assert.deepEqual(
        check.data!.missing.map((m: any) => [m.channel_id, m.project]),
        [[C.kazan, projectName]],
      );
      assert.match(check.detail, new RegExp(`not in 1 channel\\(s\\): ${C.kazan} \\(project "${projectName}"\\)`));
      assert.match(check.fix!, /\/invite/);
    } finally {
      s.mm.addMember(C.kazan, U.throughline.id);
    }
  });

  it('fails when the slash-command token is not set', async () => {
    const r = await doctor({ MM_SLASH_TOKEN: '' });
    assert.equal(r.code, 1);
    assert.deepEqual(failed(r), ['slash_command']);
    assert.match(r.checks.get('slash_command')!.fix!, /MM_SLASH_TOKEN/);
  });

  it('fails when the service is not at SERVICE_URL, or another deployment answers there', async () => {
    const gone = await doctor({ SERVICE_URL: `http://127.0.0.1:${await closedPort()}` });
    assert.equal(gone.code, 1);
    assert.deepEqual(failed(gone), ['service']);
    assert.match(gone.checks.get('service')!.detail, /no Throughline service at .*cannot be reached/);

    // Same service, other secret: what another deployment's replica looks like from here.
    const other = await doctor({ ACTION_SECRET: 'another-deployments-secret-0000' });
    assert.deepEqual(failed(other), ['service', 'site_mount']);
    assert.match(other.checks.get('service')!.detail, /another Throughline deployment answers/);
  });

  it('fails when MM_SITE_URL/throughline-api does not reach this service, telling how', async () => {
    const cases: [FrontMode, RegExp, RegExp][] = [
      ['no-location', /does not reach the service: 404/, /location \/throughline-api\//],
      ['spa', /does not reach the service: 200 text\/html/, /location \/throughline-api\//],
      [
        'unstripped',
        /reaches a Throughline service, but with the path \/throughline-api still on it \(404\)/,
        /end proxy_pass with a slash/,
      ],
      ['other-deployment', /reaches another Throughline deployment/, /points at another service/],
    ];
    try {
      for (const [mode, detail, fix] of cases) {
        front.setMode(mode);
        const r = await doctor();
        assert.equal(r.code, 1, mode);
        assert.deepEqual(failed(r), ['site_mount'], mode);
        assert.match(r.checks.get('site_mount')!.detail, detail, mode);
        assert.match(r.checks.get('site_mount')!.fix!, fix, mode);
      }
    } finally {
      front.setMode('mounted');
    }
  });

  it('checks the metrics where the settings say: off is fine, a wrong token or nothing listening fails, port 0 warns', async () => {
    const off = await doctor({ METRICS_PORT: '', METRICS_TOKEN: '' });
    assert.equal(off.checks.get('metrics')!.status, 'ok');
    assert.match(off.checks.get('metrics')!.detail, /^off/);
    const wrong = await doctor({ METRICS_TOKEN: 'another-metrics-token-0123' });
    assert.equal(wrong.code, 1);
    assert.deepEqual(failed(wrong), ['metrics']);
    assert.match(wrong.checks.get('metrics')!.detail, /401/);
    assert.match(wrong.checks.get('metrics')!.fix!, /METRICS_TOKEN/);
    const nobody = await doctor({ METRICS_PORT: String(await closedPort()) });
    assert.deepEqual(failed(nobody), ['metrics']);
    assert.match(nobody.checks.get('metrics')!.detail, /nothing answers/);
    // Only the token: the main port serves /metrics to its bearer.
    const mainPort = await doctor({ METRICS_PORT: '' });
    assert.equal(mainPort.checks.get('metrics')!.status, 'ok', mainPort.checks.get('metrics')!.detail);
    assert.equal((await doctor({ METRICS_PORT: '0' })).checks.get('metrics')!.status, 'warn');
  });

  it('fails when the plugin is disabled or not installed; an admin token tells which', async () => {
    try {
      s.mm.setPlugin({ id: 'throughline', version: '0.1.0', enabled: false });
      const asBot = await doctor();
      assert.equal(asBot.code, 1);
      assert.deepEqual(failed(asBot), ['plugin']);
      assert.match(asBot.checks.get('plugin')!.detail, /not enabled/);

      const asAdmin = await doctor({ MM_ADMIN_TOKEN: U.admin.token });
      assert.deepEqual(failed(asAdmin), ['plugin']);
      assert.match(asAdmin.checks.get('plugin')!.detail, /0\.1\.0 is installed but disabled/);

      s.mm.removePlugin('throughline');
      const missing = await doctor({ MM_ADMIN_TOKEN: U.admin.token });
      assert.match(missing.checks.get('plugin')!.detail, /not installed/);
      assert.match(missing.checks.get('plugin')!.fix!, /System Console → Plugins/);

      s.mm.setPlugin({ id: 'throughline', version: '0.2.0', enabled: true });
      const enabled = await doctor({ MM_ADMIN_TOKEN: U.admin.token });
      assert.equal(enabled.code, 0, enabled.stdout);
      assert.match(enabled.checks.get('plugin')!.detail, /0\.2\.0 is installed and enabled/);

      // A token that may not list plugins: a warning, then the bot's answer.
      const notAdmin = await doctor({ MM_ADMIN_TOKEN: U.olga.token });
      assert.equal(notAdmin.code, 0, notAdmin.stdout);
      assert.equal(notAdmin.checks.get('plugin')!.status, 'ok');

      s.mm.answerWrongly({ path: '/api/v4/plugins/webapp', body: '<html></html>' });
      const wrong = await doctor();
      assert.deepEqual(failed(wrong), ['plugin']);
      assert.match(wrong.checks.get('plugin')!.detail, /not the list of active plugins/);
    } finally {
      s.mm.clearFaults();
      s.mm.setPlugin({ id: 'throughline', version: '0.1.0', enabled: true });
    }
  });

  it('refuses an unknown command or option with the usage and exit status 2', async () => {
    for (const args of [[], ['docter'], ['doctor', '--jsn'], ['doctor', 'extra']]) {
      const r = await cli(env, args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /Usage: node server-proxy\/dist\/cli\.js <command>[^]*doctor \[--json\]/);
      assert.equal(r.stdout, '');
    }
    const help = await cli(env, ['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage:/);
  });
});
