// The plugin tarball: layout and manifest rules Mattermost applies on upload.
//   node --test tests/package/package.test.mjs   (after npm run build -w webapp)
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const packer = join(repo, 'scripts/package-plugin.mjs');
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const repoManifest = () => JSON.parse(readFileSync(join(repo, 'plugin.json'), 'utf8'));

let work;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'throughline-package-test-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const pack = (root) => spawnSync(process.execPath, [packer, '--root', root, '--out', join(work, 'out')], { encoding: 'utf8' });

// A copy of the packable files with a changed manifest, for the refusals.
function rootWith(manifest) {
  const root = join(work, 'root');
  mkdirSync(join(root, 'webapp/dist'), { recursive: true });
  writeFileSync(join(root, 'plugin.json'), JSON.stringify(manifest));
  cpSync(join(repo, 'assets'), join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'webapp/dist/main.js'), '');
  return root;
}

describe('package-plugin', () => {
  test('packs one top folder named by the id with manifest, bundle, assets and public', () => {
    assert.ok(existsSync(join(repo, 'webapp/dist/main.js')), 'build the webapp first: npm run build -w webapp');
    const result = pack(repo);
    assert.equal(result.status, 0, result.stderr);

    const manifest = repoManifest();
    const file = join(work, 'out', `${manifest.id}-${manifest.version}.tar.gz`);
    assert.equal(result.stdout.trim(), file);

    const unpacked = join(work, 'unpacked');
    mkdirSync(unpacked);
    execFileSync('tar', ['-xzf', file, '-C', unpacked]);
    assert.deepEqual(readdirSync(unpacked), [manifest.id]);
    const top = join(unpacked, manifest.id);
    assert.deepEqual(readdirSync(top).sort(), ['assets', 'plugin.json', 'public', 'webapp']);

    const packed = JSON.parse(readFileSync(join(top, 'plugin.json'), 'utf8'));
    assert.deepEqual(packed, manifest);
    assert.match(packed.id, /^[a-zA-Z0-9-_.]{3,190}$/);
    assert.equal(packed.id, packed.id.toLowerCase());
    assert.match(packed.version, SEMVER);
    assert.match(packed.min_server_version, SEMVER);
    assert.ok(existsSync(join(top, packed.webapp.bundle_path)), 'bundle_path is in the tarball');
    assert.ok(existsSync(join(top, packed.icon_path)), 'icon_path is in the tarball');
    assert.ok(existsSync(join(top, 'public/i18n/ru.json')), 'the Russian locale file is served from public/');
    assert.ok(existsSync(join(top, 'public/app-bar-icon.png')), 'the App Bar icon is served from public/');
    // Chunks the bundle loads on demand (the decision views) are fetched from /plugins/<id>/public/.
    assert.ok(
      readdirSync(join(top, 'public')).some((f) => /^throughline-decisions\.[0-9a-f]{8}\.js$/.test(f)),
      'the decisions chunk is served from public/',
    );
  });

  const refusals = [
    ['an id with bad characters', { id: 'through line' }, /plugin id/],
    ['an uppercase id', { id: 'Throughline' }, /lowercase/],
    ['a version that is not semver', { version: '1.0' }, /not semver/],
    ['a min_server_version that is not semver', { min_server_version: 'seven' }, /min_server_version/],
    ['a bundle_path that was not built', { webapp: { bundle_path: 'webapp/dist/missing.js' } }, /build first/],
  ];
  for (const [name, change, message] of refusals) {
    test(`refuses ${name}`, () => {
      const result = pack(rootWith({ ...repoManifest(), ...change }));
      assert.notEqual(result.status, 0);
      assert.match(result.stderr, message);
      assert.equal(existsSync(join(work, 'out')), false);
    });
  }
});
