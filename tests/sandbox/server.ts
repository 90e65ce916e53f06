// The sandbox front server: one origin, as the reverse proxy of DESIGN.md puts Mattermost and the
// Throughline service behind one host name.
//   /api/v4/plugins/webapp            the manifest list Mattermost would answer
//   /api/v4/*                         → Mattermost stand-in (cookies and headers both ways)
//   /throughline-api/*                → service, prefix stripped (nginx `proxy_pass http://svc/;`)
//   /static/plugins/<id>/<file>.js    → the plugin bundle
//   /plugins/<id>/public/*            → the plugin's public files
//   /sandbox/*                        → the host page's own built files
//   /__sandbox/config                 → what the host page needs to know about the sandbox
//   anything else (GET)               → the host page
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { activePlugins, findPlugin, parsePluginChoice, SANDBOX_DIR, webappPluginList, type PluginChoice } from './plugins.ts';
import { proxyHttp, type Upstream } from './proxy.ts';

export type SandboxUser = {
  /** Short key used in the switcher and in `?user=` (olga, dmitry, agency, kazan, admin). */
  key: string;
  label: string;
  loginId: string;
  password: string;
};

export type FrontOptions = {
  port?: number;
  host?: string;
  standinUrl: string;
  serviceUrl: string;
  users: SandboxUser[];
  /** Default React for the host page when the URL has no `?react=`; env SANDBOX_REACT. */
  react?: ReactVersion;
  plugins?: PluginChoice;
  /** Team and channel the host opens first, by name (optional). */
  defaultTeam?: string;
  defaultChannel?: string;
};

export type ReactVersion = '17' | '18' | '19';

export type FrontServer = { url: string; port: number; close: () => Promise<void> };

const MIME: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.html': 'text/html; charset=utf-8',
  '.map': 'application/json',
};

function sendFile(res: http.ServerResponse, file: string, cache = 'no-cache'): void {
  let st;
  try {
    st = statSync(file);
  } catch {
    st = null;
  }
  if (!st || !st.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('404 page not found\n');
    return;
  }
  res.writeHead(200, {
    'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
    'content-length': st.size,
    'cache-control': cache,
  });
  createReadStream(file).pipe(res);
}

/** Resolves `rel` inside `root`, refusing anything that climbs out of it. */
function inside(root: string, rel: string): string | null {
  const decoded = decodeURIComponent(rel);
  const full = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  return full === root || full.startsWith(root + path.sep) ? full : null;
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  // Mattermost answers exactly `application/json`; Client4 parses nothing else as JSON.
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The sandbox's index page: Mattermost's root element, the host bundle for the chosen React and build. */
function hostPageHtml(script: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Throughline sandbox — not Mattermost</title>
<link rel="stylesheet" href="/sandbox/host.css">
</head>
<body>
<noscript>The Throughline sandbox needs JavaScript.</noscript>
<div id="root"></div>
<script src="/sandbox/${script}"></script>
</body>
</html>
`;
}

export async function startFront(opts: FrontOptions): Promise<FrontServer> {
  const standin: Upstream = { name: 'Mattermost stand-in', url: new URL(opts.standinUrl) };
  const service: Upstream = { name: 'Throughline service', url: new URL(opts.serviceUrl) };
  const pluginChoice = opts.plugins ?? parsePluginChoice(process.env.SANDBOX_PLUGINS);
  const envReact = process.env.SANDBOX_REACT;
  const defaultReact: ReactVersion = opts.react ?? (envReact === '17' || envReact === '19' ? envReact : '18');
  const distDir = path.join(SANDBOX_DIR, 'dist');

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const p = url.pathname;

    if (p === '/api/v4/plugins/webapp' && req.method === 'GET') {
      json(res, 200, webappPluginList(pluginChoice));
      return;
    }
    if (p.startsWith('/api/v4/') || p === '/api/v4') {
      proxyHttp(req, res, standin, req.url ?? p);
      return;
    }
    if (p === '/throughline-api' || p.startsWith('/throughline-api/')) {
      const rest = (req.url ?? '').slice('/throughline-api'.length);
      proxyHttp(req, res, service, rest.startsWith('/') ? rest : '/' + rest);
      return;
    }

    let m = /^\/static\/plugins\/([^/]+)\/([^/]+\.js)$/.exec(p);
    if (m && (req.method === 'GET' || req.method === 'HEAD')) {
      const plugin = findPlugin(pluginChoice, m[1]!);
      const file = m[2]!;
      if (plugin && (file === 'main.js' || new RegExp(`^${m[1]}_[0-9a-f]+_bundle\\.js$`).test(file))) {
        sendFile(res, plugin.bundleFile);
      } else {
        sendFile(res, '/nonexistent');
      }
      return;
    }
    m = /^\/plugins\/([^/]+)\/public\/(.+)$/.exec(p);
    if (m && (req.method === 'GET' || req.method === 'HEAD')) {
      const plugin = findPlugin(pluginChoice, m[1]!);
      const file = plugin && inside(plugin.publicDir, m[2]!);
      sendFile(res, file || '/nonexistent');
      return;
    }
    if (p.startsWith('/plugins/')) {
      // Only a Go plugin server answers other /plugins/<id>/ routes, and Throughline has none.
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('404 page not found\n');
      return;
    }
    // The host's own locale files, as Mattermost serves its webapp's /static/i18n/<locale>.<hash>.json.
    m = /^\/static\/i18n\/([a-z]{2}(?:[-_][A-Za-z]+)?)\.json$/.exec(p);
    if (m && (req.method === 'GET' || req.method === 'HEAD')) {
      sendFile(res, path.join(SANDBOX_DIR, 'host', 'i18n', `${m[1]}.json`));
      return;
    }
    if (p.startsWith('/sandbox/')) {
      const file = inside(distDir, p.slice('/sandbox/'.length));
      sendFile(res, file || '/nonexistent');
      return;
    }
    if (p === '/__sandbox/config') {
      json(res, 200, {
        users: opts.users.map(({ key, label, loginId, password }) => ({ key, label, login_id: loginId, password })),
        plugins: activePlugins(pluginChoice).map((s) => ({ kind: s.kind, bundle: existsSync(s.bundleFile) })),
        defaultTeam: opts.defaultTeam ?? null,
        defaultChannel: opts.defaultChannel ?? null,
        serviceBasePath: '/throughline-api',
      });
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      const q = url.searchParams.get('react');
      const react: ReactVersion = q === '17' || q === '18' || q === '19' ? q : defaultReact;
      // `?build=production`: React and mattermost-redux without their development checks (benchmarks).
      const script = `react${react}/${url.searchParams.get('build') === 'production' ? 'host.production.js' : 'host.js'}`;
      if (!existsSync(path.join(distDir, script))) {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('The sandbox host page is not built. Run: npx tsx tests/sandbox/build.ts\n');
        return;
      }
      const html = hostPageHtml(script);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
      return;
    }
    res.writeHead(405, { 'content-type': 'text/plain' });
    res.end('405 method not allowed\n');
  });

  // Live streams stay open for as long as the page does.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8080, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host ?? '127.0.0.1';
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
