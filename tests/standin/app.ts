// The stand-in's HTTP layer on Fastify: Mattermost's router rules, session authentication, error
// shape and headers for /api/v4; the test controls under /__standin. Routes live in routes/.
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';

import type { UserProfile } from '@mattermost/types/users';

import { ApiError, StandinError, invalidUrlParam, notFound } from './errors.js';
import { newId } from './ids.js';
import { bookmarkRoutes } from './routes/bookmarks.js';
import { channelRoutes } from './routes/channels.js';
import { controlRoutes } from './routes/controls.js';
import { fileRoutes } from './routes/files.js';
import { pluginRoutes } from './routes/plugins.js';
import { postRoutes } from './routes/posts.js';
import { userRoutes } from './routes/users.js';
import type { Session, StandinState } from './state.js';

/** What the HTTP layer needs from its owner besides the data. */
export interface Controls {
  state: StandinState;
  delayMs: number;
  /** While true every /api/v4 connection is cut, as if the network to Mattermost failed. */
  down: boolean;
  counts: Map<string, number>;
  /** Wrong answers to give instead of the real ones (fault injection), first match wins. */
  faults: Fault[];
  /** The server version Mattermost tells in X-Version-Id (e.g. 11.9.0); bookmarks exist from 9.5. */
  version: string;
  /** Whether the server has a license: unlicensed, channel bookmarks answer 501. */
  licensed: boolean;
  /** Installed plugins by id; `enabled` ones are active. */
  plugins: Map<string, InstalledPlugin>;
  reset(): void;
}

/** A plugin as the stand-in has it installed: its manifest's id and version, and whether it is enabled. */
export interface InstalledPlugin {
  id: string;
  version: string;
  enabled: boolean;
  webapp?: boolean;
}

export const DEFAULT_VERSION = '11.9.0';
/** What a fresh stand-in has installed: Throughline, enabled. */
export const defaultPlugins = (): InstalledPlugin[] => [{ id: 'throughline', version: '0.1.0', enabled: true, webapp: true }];

/**
 * An answer the stand-in gives instead of Mattermost's, to requests for `path` (exact, without the
 * query) or paths starting with `prefix`, of `method` (any if unset): what a broken proxy, a
 * misrouted request or a buggy server could send. `body` is sent as it is when a string, as JSON otherwise.
 */
export interface Fault {
  path?: string;
  prefix?: string;
  method?: string;
  status?: number;
  content_type?: string;
  body?: unknown;
  /** Do what was asked, then cut the connection instead of answering: the answer is lost. */
  lose_answer?: boolean;
  /** Applies to this many requests, then is gone; every one while unset. */
  times?: number;
}

export function faultFor(faults: Fault[], method: string, path: string): Fault | undefined {
  return faults.find(
    (f) =>
      (!f.method || f.method.toUpperCase() === method) &&
      ((f.path !== undefined && f.path === path) || (f.prefix !== undefined && path.startsWith(f.prefix))),
  );
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, on every route not marked `config: {public: true}`. */
    me: UserProfile;
    session: Session;
  }
  interface FastifyContextConfig {
    public?: boolean;
  }
}

export const API = '/api/v4';
const METHODS: HTTPMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
// Path parameters that are not 26-character ids.
const PARAM_PATTERNS: Record<string, string> = { user_id: '^(me|[A-Za-z0-9]{26})$', action_id: '^[A-Za-z0-9]+$' };

export async function buildStandin(ctl: Controls): Promise<FastifyInstance> {
  const app = Fastify({ exposeHeadRoutes: false, routerOptions: { ignoreTrailingSlash: true } });
  await app.register(cookie);
  // Mattermost reads a body as JSON whatever its Content-Type says.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, body ? JSON.parse(body as string) : {});
    } catch {
      done(new ApiError(400, 'api.context.invalid_body_param.app_error', 'Invalid or missing body in request body.'), undefined);
    }
  });
  app.decorateRequest('me', null as unknown as UserProfile);
  app.decorateRequest('session', null as unknown as Session);
  await app.register((api) => apiScope(api, ctl), { prefix: API });
  await app.register((controls) => controlRoutes(controls, ctl), { prefix: '/__standin' });
  app.setNotFoundHandler((_req, reply) =>
    reply
      .code(404)
      .type('text/plain; charset=utf-8')
      .send('Not a Mattermost stand-in path. The API is under /api/v4, test controls under /__standin/.\n'),
  );
  await app.ready();
  return app;
}

async function apiScope(api: FastifyInstance, ctl: Controls): Promise<void> {
  const known = FindMyWay();
  const lost = new WeakSet<FastifyRequest>();
  api.addHook('onRoute', (route) => {
    // Mattermost's router matches ids of letters and digits only (anything else is a 404); the
    // handlers then refuse an id that is not 26 of them (400).
    const names = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    route.url = route.url.replace(/:(\w+)/g, ':$1(^[A-Za-z0-9]+$)');
    if (names.length) {
      const properties = Object.fromEntries(names.map((n) => [n, { type: 'string', pattern: PARAM_PATTERNS[n] ?? '^[A-Za-z0-9]{26}$' }]));
      route.schema = { ...route.schema, params: { type: 'object', properties } };
    }
    known.on(route.method as HTTPMethod, route.url, () => undefined);
  });

  api.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0]!;
    ctl.counts.set(path, (ctl.counts.get(path) ?? 0) + 1);
    if (ctl.down) {
      // A reset connection, which fetch reports as TypeError('fetch failed').
      reply.hijack();
      req.raw.socket.destroy();
      return;
    }
    if (ctl.delayMs > 0) {
      await new Promise((r) => setTimeout(r, ctl.delayMs));
    }
    // CurrentVersion.BuildNumber.ClientConfigHash.IsLicensed, as model.CurrentVersion writes it.
    reply.header('X-Request-Id', newId()).header('X-Version-Id', `${ctl.version}.${ctl.version}.standin.false`);
    const fault = faultFor(ctl.faults, req.method, path);
    if (fault && fault.times !== undefined && --fault.times <= 0) {
      ctl.faults.splice(ctl.faults.indexOf(fault), 1);
    }
    if (fault?.lose_answer) {
      lost.add(req);
    } else if (fault) {
      const raw = typeof fault.body === 'string';
      return reply
        .code(fault.status ?? 200)
        .type(fault.content_type ?? (raw ? 'text/html; charset=utf-8' : 'application/json'))
        .send(raw ? fault.body : JSON.stringify(fault.body ?? {}));
    }
    if (!req.is404 && !req.routeOptions.config.public) {
      authenticate(ctl.state, req);
    }
  });
  // Exactly "application/json": Client4 only parses a body whose Content-Type equals it.
  api.addHook('onSend', async (req, reply, payload) => {
    if (lost.delete(req)) {
      // The work is done; the connection breaks before the answer leaves.
      reply.hijack();
      req.raw.socket.destroy();
      return payload;
    }
    if (String(reply.getHeader('content-type')).startsWith('application/json')) {
      reply.header('content-type', 'application/json');
    }
    return payload;
  });

  api.setErrorHandler((e, _req, reply) => {
    let err: ApiError;
    if (e instanceof ApiError) {
      err = e;
    } else if (e instanceof StandinError) {
      err = new ApiError(e.status, e.id, e.message);
    } else if ((e as { validation?: Array<{ instancePath: string }> }).validation) {
      err = invalidUrlParam((e as { validation: Array<{ instancePath: string }> }).validation[0]!.instancePath.slice(1));
    } else {
      console.error('[standin] handler failed', e);
      err = new ApiError(500, 'api.context.unknown.app_error', String(e));
    }
    const requestId = reply.getHeader('X-Request-Id') ?? '';
    reply.code(err.status).send({ id: err.id, message: err.message, detailed_error: '', request_id: requestId, status_code: err.status });
  });
  api.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    // gorilla/mux answers a known path with the wrong method with a bare 405.
    if (METHODS.some((m) => m !== req.method && known.find(m, path))) {
      return reply.code(405).type('text/plain').send('');
    }
    throw notFound('api.context.404.app_error');
  });

  api.get('/system/ping', { config: { public: true } }, async () => ({ status: 'OK', ActiveSearchBackend: 'database' }));
  userRoutes(api, ctl.state);
  channelRoutes(api, ctl.state);
  postRoutes(api, ctl.state);
  fileRoutes(api, ctl.state);
  pluginRoutes(api, ctl);
  bookmarkRoutes(api, ctl);
}

/** Where Mattermost looks for a token: Authorization (Bearer or Token, any case), the MMAUTHTOKEN cookie, ?access_token. */
export function tokenOf(req: FastifyRequest): { token: string; fromCookie: boolean } | undefined {
  const m = /^(bearer|token)\s+(\S+)/i.exec(req.headers.authorization ?? '');
  if (m?.[2]) {
    return { token: m[2], fromCookie: false };
  }
  if (req.cookies.MMAUTHTOKEN) {
    return { token: req.cookies.MMAUTHTOKEN, fromCookie: true };
  }
  const query = (req.query as { access_token?: string }).access_token;
  return query ? { token: query, fromCookie: false } : undefined;
}

function authenticate(s: StandinState, req: FastifyRequest): void {
  const found = tokenOf(req);
  const session = found && s.sessions.get(found.token);
  const user = session && s.users.get(session.user_id);
  if (!found || !session || !user || user.delete_at) {
    throw new ApiError(401, 'api.context.session_expired.app_error');
  }
  // Cookie-authenticated writes need the CSRF token, or (with strict enforcement off, the
  // default) the X-Requested-With header; a failed check is reported as an expired session.
  if (found.fromCookie && req.method !== 'GET') {
    if (req.headers['x-csrf-token'] !== session.csrf && req.headers['x-requested-with'] !== 'XMLHttpRequest') {
      throw new ApiError(401, 'api.context.session_expired.app_error');
    }
  }
  req.me = user;
  req.session = session;
}

/** API requests counted so far whose path starts with the prefix ('/channels/…' or '/api/v4/channels/…'). */
export function countRequests(counts: Map<string, number>, prefix?: string): number {
  const full = !prefix ? '' : prefix.startsWith(API) ? prefix : API + (prefix.startsWith('/') ? prefix : '/' + prefix);
  let n = 0;
  for (const [path, c] of counts) {
    if (path.startsWith(full)) {
      n += c;
    }
  }
  return n;
}
