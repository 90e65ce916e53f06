import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from './errors.js';
import type { UserProfile } from '@mattermost/types/users';
import type { MattermostGateway } from '../mattermost/gateway.js';

/** The caller, as Mattermost knows them. The token stays here so every check is asked with it. */
export interface Caller {
  id: string;
  username: string;
  isGuest: boolean;
  isSystemAdmin: boolean;
  token: string;
  /** Vouched for by Mattermost (slash command, button) rather than by a session token of their own. */
  viaBot?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
  interface FastifyContextConfig {
    /** Routes that answer without a Mattermost session (health, OpenAPI). */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The Mattermost token of a request: the Authorization header first, then the cookie, as Mattermost reads it. */
function readToken(request: FastifyRequest): { token: string; viaCookie: boolean } | null {
  const header = request.headers.authorization;
  if (header) {
    const m = /^(?:bearer|token)\s+([A-Za-z0-9]{1,128})$/i.exec(header.trim());
    return m ? { token: m[1]!, viaCookie: false } : null;
  }
  const cookie = request.cookies?.MMAUTHTOKEN;
  if (cookie && /^[A-Za-z0-9]{1,128}$/.test(cookie)) return { token: cookie, viaCookie: true };
  return null;
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A cookie-borne write must prove it came from Mattermost's page, exactly as Mattermost checks it. */
function checkCsrf(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  const csrfCookie = request.cookies?.MMCSRF ?? '';
  const csrfHeader = request.headers['x-csrf-token'];
  const requestedWith = request.headers['x-requested-with'];
  if (requestedWith !== 'XMLHttpRequest' || typeof csrfHeader !== 'string' || !csrfCookie || !sameString(csrfHeader, csrfCookie)) {
    throw new AppError('csrf_failed', 'This request is missing its CSRF token; reload Mattermost and try again');
  }
}

export const authPlugin = fp(async (app: FastifyInstance, opts: { mm: MattermostGateway }) => {
  app.decorateRequest('caller', null);
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config?.public || !request.routeOptions.url) return;
    const found = readToken(request);
    if (!found) throw new AppError('unauthorized', 'Sign in to Mattermost first: no session token was sent');
    const user = await opts.mm.me(found.token);
    if (!user || user.delete_at > 0) throw new AppError('unauthorized', 'Your Mattermost session is not valid; sign in again');
    if (found.viaCookie) checkCsrf(request);
    request.caller = callerFromUser(user, found.token);
  });
});

/**
 * The caller a Mattermost user is: with their token, or (none given) vouched for by Mattermost and
 * asked about by the bot — a subscriber of a digest or a calendar feed, who sends no session.
 */
export function callerFromUser(user: Pick<UserProfile, 'id' | 'username' | 'roles'>, token?: string): Caller {
  const roles = ` ${user.roles ?? ''} `;
  return {
    id: user.id,
    username: user.username,
    isGuest: roles.includes(' system_guest '),
    isSystemAdmin: roles.includes(' system_admin '),
    token: token ?? '',
    ...(token === undefined ? { viaBot: true } : {}),
  };
}

/** The authenticated caller of a route that is not public. */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new AppError('unauthorized', 'Sign in to Mattermost first');
  return request.caller;
}
