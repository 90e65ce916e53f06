// Which plugin bundles the sandbox serves, and the manifest list Mattermost answers for them at
// GET /api/v4/plugins/webapp (server model.Manifest.ClientManifest()).
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SANDBOX_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(SANDBOX_DIR, '../..');

export type PluginSource = {
  kind: 'real' | 'fixture';
  manifestFile: string;
  bundleFile: string;
  publicDir: string;
};

export const REAL_PLUGIN: PluginSource = {
  kind: 'real',
  manifestFile: path.join(REPO_ROOT, 'plugin.json'),
  bundleFile: path.join(REPO_ROOT, 'webapp/dist/main.js'),
  publicDir: path.join(REPO_ROOT, 'public'),
};

export const FIXTURE_PLUGIN: PluginSource = {
  kind: 'fixture',
  manifestFile: path.join(SANDBOX_DIR, 'fixtures/plugin/plugin.json'),
  bundleFile: path.join(SANDBOX_DIR, 'fixtures/plugin/main.js'),
  publicDir: path.join(SANDBOX_DIR, 'fixtures/plugin/public'),
};

/**
 * `auto` (default): the real bundle when webapp/dist/main.js exists, else the fixture plugin.
 * `real`, `fixture`, or both (`real,fixture`) force a choice. Read per request, so a bundle built
 * after the sandbox started is picked up on the next page load.
 */
export type PluginChoice = 'auto' | 'real' | 'fixture' | 'real,fixture';

export function parsePluginChoice(raw: string | undefined): PluginChoice {
  const v = (raw ?? 'auto').replace(/\s+/g, '').split(',').sort().reverse().join(',');
  if (['auto', 'real', 'fixture', 'real,fixture'].includes(v)) return v as PluginChoice;
  throw new Error(`SANDBOX_PLUGINS must be auto, real, fixture or real,fixture (got "${raw}")`);
}

const CHOICES: Record<PluginChoice, () => PluginSource[]> = {
  auto: () => (existsSync(REAL_PLUGIN.bundleFile) ? [REAL_PLUGIN] : [FIXTURE_PLUGIN]),
  real: () => [REAL_PLUGIN],
  fixture: () => [FIXTURE_PLUGIN],
  'real,fixture': () => [REAL_PLUGIN, FIXTURE_PLUGIN],
};

export const activePlugins = (choice: PluginChoice): PluginSource[] => CHOICES[choice]();

type Manifest = {
  id: string;
  name?: string;
  description?: string;
  version?: string;
  server?: unknown;
  webapp?: { bundle_path: string };
  [key: string]: unknown;
};

export function readManifest(source: PluginSource): Manifest {
  const manifest = JSON.parse(readFileSync(source.manifestFile, 'utf8')) as Manifest;
  // The server lowercases the id when it reads the manifest.
  manifest.id = String(manifest.id).toLowerCase();
  return manifest;
}

const hashCache = new Map<string, { key: string; hash: string }>();

/** 64-bit FNV-1a of the bundle, as the server computes BundleHash when it activates a plugin. */
export function bundleHash(file: string): string {
  const st = statSync(file);
  const key = `${st.size}:${st.mtimeMs}`;
  const cached = hashCache.get(file);
  if (cached?.key !== key) {
    let h = 0xcbf29ce484222325n;
    for (const byte of readFileSync(file)) {
      h = BigInt.asUintN(64, (h ^ BigInt(byte)) * 0x100000001b3n);
    }
    hashCache.set(file, { key, hash: h.toString(16).padStart(16, '0') });
  }
  return hashCache.get(file)!.hash;
}

/**
 * One entry of GET /api/v4/plugins/webapp: the manifest with name emptied, description and
 * server dropped, and bundle_path replaced by `/static/<id>/<id>_<hash>_bundle.js`. The webapp
 * rewrites `/static/` to `/static/plugins/` before adding the script tag.
 */
export function clientManifest(source: PluginSource): Manifest {
  const m = readManifest(source);
  const out: Manifest = { ...m, name: '' };
  delete out.description;
  delete out.server;
  if (m.webapp) {
    out.webapp = { ...m.webapp, bundle_path: `/static/${m.id}/${m.id}_${bundleHash(source.bundleFile)}_bundle.js` };
  }
  return out;
}

export function webappPluginList(choice: PluginChoice): Manifest[] {
  return activePlugins(choice)
    .filter((p) => existsSync(p.bundleFile))
    .map(clientManifest);
}

export function findPlugin(choice: PluginChoice, id: string): PluginSource | undefined {
  return activePlugins(choice).find((p) => readManifest(p).id === id);
}
