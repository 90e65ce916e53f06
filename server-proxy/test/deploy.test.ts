import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { loadConfig } from '../src/config.js';

const deploy = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../deploy');

/**
 * Every variable loadConfig reads, as it reads them: environments that record each name asked for —
 * one empty, one with the bucket store on (whose variables are read only then).
 */
function settingsRead(): string[] {
  const asked = new Set<string>();
  for (const given of [{}, { BLOB_STORE: 's3://example-bucket/throughline' }] as Record<string, string>[]) {
    const env = new Proxy({} as Record<string, string | undefined>, {
      get: (_t, name) => {
        if (typeof name === 'string') asked.add(name);
        return typeof name === 'string' ? given[name] : undefined;
      },
    });
    try {
      loadConfig(env);
    } catch {
      // No region: a problem named after every variable was read.
    }
  }
  return [...asked].sort();
}

describe('deployment files', () => {
  it('the example environment file names every setting the service reads, and nothing else', () => {
    const text = fs.readFileSync(path.join(deploy, 'throughline.env.example'), 'utf8');
    const listed = [...text.matchAll(/^#?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!).sort();
    assert.deepEqual(
      listed.filter((n, i) => listed.indexOf(n) !== i),
      ['BLOB_STORE'],
      'each once (BLOB_STORE shown with both its forms)',
    );
    listed.splice(listed.indexOf('BLOB_STORE'), 1);
    assert.deepEqual(listed, settingsRead());
  });

  it('the example environment file, as shipped, is a valid configuration', () => {
    const env: Record<string, string> = {};
    for (const m of fs.readFileSync(path.join(deploy, 'throughline.env.example'), 'utf8').matchAll(/^([A-Z][A-Z0-9_]+)=(.*)$/gm))
      env[m[1]!] = m[2]!;
    assert.equal(loadConfig(env).dataDir, '/var/lib/throughline');
    // Uncommented, every default shown is accepted too.
    const all: Record<string, string> = {};
    for (const m of fs.readFileSync(path.join(deploy, 'throughline.env.example'), 'utf8').matchAll(/^#?([A-Z][A-Z0-9_]+)=(.+)$/gm))
      all[m[1]!] = m[2]!;
    assert.doesNotThrow(() => loadConfig(all));
  });

  it('the systemd unit runs as its own user, writes only the data folder, and restarts on failure', () => {
    const unit = fs.readFileSync(path.join(deploy, 'throughline.service'), 'utf8');
    for (const line of [
      'User=throughline',
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
      'ReadWritePaths=/var/lib/throughline',
      'PrivateTmp=yes',
      'Restart=on-failure',
      'RestartPreventExitStatus=78',
      'EnvironmentFile=/etc/throughline/throughline.env',
    ])
      assert.ok(unit.split('\n').includes(line), line);
    assert.ok(!/MemoryDenyWriteExecute=yes/.test(unit), 'V8 needs executable memory');
  });

  it('the nginx location is the one the README shows, and keeps /metrics off the public address', () => {
    const conf = fs.readFileSync(path.join(deploy, 'nginx-throughline.conf'), 'utf8');
    const readme = fs.readFileSync(path.join(deploy, '../README.md'), 'utf8');
    assert.match(conf, /location = \/throughline-api\/metrics \{\s*return 404;/);
    const block = /location \/throughline-api\/ \{[^}]*\}/.exec(conf)![0];
    for (const directive of block
      .split('\n')
      .map((l) => l.trim().replace(/\s*#.*$/, ''))
      .filter((l) => l.endsWith(';')))
      assert.ok(readme.includes(directive), `README shows ${directive}`);
  });

  it('the nginx example lets a 10,000-character Cyrillic search reach the service, at server level', () => {
    const conf = fs.readFileSync(path.join(deploy, 'nginx-throughline.conf'), 'utf8');
    const readme = fs.readFileSync(path.join(deploy, '../README.md'), 'utf8');
    const set = /^large_client_header_buffers (\d+) (\d+)k;/m.exec(conf);
    assert.ok(set, 'set outside any location (nginx refuses it there)');
    const q = encodeURIComponent('согласование '.repeat(770)).length;
    const requestLine = `GET /throughline-api/api/v1/search?q=${'x'.repeat(q)}&kind=task HTTP/1.1`.length;
    assert.ok(requestLine > 8 * 1024, 'beyond the 8k default');
    assert.ok(Number(set[2]) * 1024 >= requestLine, `one buffer holds the ${requestLine}-byte request line`);
    assert.ok(readme.includes(set[0]), 'README shows it');
  });

  it('the service starts with the same node flags from make serve, the systemd unit, the README and the benchmarks, and node takes them', () => {
    const read = (file: string) => fs.readFileSync(path.join(deploy, '..', file), 'utf8');
    const flagsBefore = (text: string, script: RegExp) => {
      const m = new RegExp(String.raw`node((?: --[a-z-]+(?:=\w+)?)*) ` + script.source).exec(text);
      assert.ok(m, `a node command line running ${script.source}`);
      return m[1]!.trim();
    };
    const serve = flagsBefore(read('Makefile'), /server-proxy\/dist\/server\.js/);
    assert.ok(serve.includes('--heap-growing-percent='), serve);
    assert.equal(flagsBefore(read('deploy/throughline.service'), /\/opt\/throughline\/server-proxy\/dist\/server\.js/), serve);
    assert.equal(flagsBefore(read('README.md'), /server-proxy\/dist\/server\.js/), serve);
    const bench = /BENCH_SERVICE_FLAGS \?\? '([^']+)'/.exec(read('tests/bench/common.ts'));
    assert.equal(bench?.[1], serve);
    // A flag node does not know is refused at start ("bad option"): this one starts.
    assert.equal(execFileSync(process.execPath, [...serve.split(' '), '-e', 'process.stdout.write("ok")'], { encoding: 'utf8' }), 'ok');
  });
});
