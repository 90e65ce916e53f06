// Builds the sandbox host page three times into tests/sandbox/dist/: react19/host.js (React 19, as
// Mattermost 12), react18/host.js (React 18.2, as Mattermost 10–11) and react17/host.js (React 17
// with react-redux 7, as Mattermost 7–9), each also as a production build (host.production.js),
// plus host.css. Run from anywhere: `npx tsx tests/sandbox/build.ts`.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

import * as esbuild from 'esbuild';

import { SANDBOX_DIR } from './plugins.ts';

const hostDir = path.join(SANDBOX_DIR, 'host');
const distDir = path.join(SANDBOX_DIR, 'dist');

// React 17, react-dom 17 and react-redux 7 live in the tests/react17 workspace, nested there so
// they never replace the repository's React 18 (a workspace inside another one's folder is not
// installed by npm ci, hence a sibling).
const react17Modules = path.join(SANDBOX_DIR, '..', 'react17', 'node_modules');
const REACT17_ALIASES = {
  react: path.join(react17Modules, 'react'),
  'react-dom': path.join(react17Modules, 'react-dom'),
  'react-redux': path.join(react17Modules, 'react-redux'),
};

// React 19 ships no UMD build; Mattermost 12 bundles it and puts it on window, as this host does.
// react-redux 9 and react-intl serve React 18 and 19 alike.
const react19Modules = path.join(SANDBOX_DIR, '..', 'react19', 'node_modules');
const REACT19_ALIASES = {
  react: path.join(react19Modules, 'react'),
  'react-dom': path.join(react19Modules, 'react-dom'),
};

type HostReact = '17' | '18' | '19';
const ALIASES: Record<HostReact, Record<string, string>> = { '17': REACT17_ALIASES, '18': {}, '19': REACT19_ALIASES };

function options(react: HostReact, production = false): esbuild.BuildOptions {
  return {
    entryPoints: [path.join(hostDir, `entry_${react}.tsx`)],
    outfile: path.join(distDir, `react${react}`, production ? 'host.production.js' : 'host.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    sourcemap: 'linked',
    jsx: 'transform',
    // Development builds, as when developing against a local Mattermost: React warnings show and
    // mattermost-redux deep-freezes state, so a plugin that mutates the store fails loudly. The
    // benchmarks time the plugin in production builds (host.production.js, `?build=production`), as
    // Mattermost ships them: development checks cost more than the plugin's own work there.
    define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
    minify: production,
    alias: ALIASES[react],
    logLevel: 'warning',
    legalComments: 'none',
  };
}

export async function buildHost(): Promise<void> {
  mkdirSync(distDir, { recursive: true });
  const reacts: HostReact[] = ['19', '18', '17'];
  await Promise.all(reacts.flatMap((r) => [esbuild.build(options(r)), esbuild.build(options(r, true))]));
  copyFileSync(path.join(hostDir, 'host.css'), path.join(distDir, 'host.css'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(SANDBOX_DIR, 'build.ts')) {
  buildHost().then(
    () => process.stdout.write(`sandbox host built into ${path.relative(process.cwd(), distDir) || distDir}\n`),
    (err) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
