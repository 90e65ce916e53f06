// Packs the built plugin for System Console upload / mmctl: dist/<id>-<version>.tar.gz with one
// top folder <id>/ holding plugin.json, the webapp bundle, assets/ and public/. Builds nothing.
//   node scripts/package-plugin.mjs [--root <repo dir>] [--out <dir>]
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]) : fallback;
};
const root = arg('--root', resolve(dirname(fileURLToPath(import.meta.url)), '..'));
const out = arg('--out', join(root, 'dist'));

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

function fail(message) {
  console.error('package-plugin: ' + message);
  process.exit(1);
}

const manifest = JSON.parse(readFileSync(join(root, 'plugin.json'), 'utf8'));
const { id, version } = manifest;

// The rules Mattermost applies on upload (model/manifest.go), checked before a broken file exists.
if (!/^[a-zA-Z0-9-_.]{3,190}$/.test(id ?? '')) {
  fail(`plugin id "${id}" must be 3-190 characters of [a-zA-Z0-9-_.]`);
}
if (id !== id.toLowerCase()) {
  fail(`plugin id "${id}" must be lowercase (the server lowercases it)`);
}
if (!SEMVER.test(version ?? '')) {
  fail(`version "${version}" is not semver`);
}
if (manifest.min_server_version && !SEMVER.test(manifest.min_server_version)) {
  fail(`min_server_version "${manifest.min_server_version}" is not semver`);
}
const bundle = manifest.webapp?.bundle_path;
if (!bundle || !existsSync(join(root, bundle))) {
  fail(`webapp bundle ${bundle} not found: build first (npm run build -w webapp)`);
}

if (manifest.icon_path && !existsSync(join(root, manifest.icon_path))) {
  fail(`icon_path ${manifest.icon_path} not found`);
}

const stage = mkdtempSync(join(tmpdir(), 'throughline-pack-'));
try {
  const top = join(stage, id);
  mkdirSync(join(top, dirname(bundle)), { recursive: true });
  cpSync(join(root, 'plugin.json'), join(top, 'plugin.json'));
  cpSync(join(root, bundle), join(top, bundle));
  for (const dir of ['assets', 'public']) {
    if (existsSync(join(root, dir))) {
      cpSync(join(root, dir), join(top, dir), { recursive: true });
    }
  }
  mkdirSync(out, { recursive: true });
  const file = join(out, `${id}-${version}.tar.gz`);
  execFileSync('tar', ['-czf', file, '-C', stage, '--owner=0', '--group=0', '--sort=name', id]);
  console.log(file);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
