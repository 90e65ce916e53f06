// Users, sessions and "my" teams and channels (api4/user.go, api4/team.go, api4/channel.go).
import type { FastifyInstance, FastifyRequest } from 'fastify';

import type { UserProfile } from '@mattermost/types/users';

import { tokenOf } from '../app.js';
import { ApiError, invalidBodyParam, notFound, permissionError } from '../errors.js';
import { newId } from '../ids.js';
import {
  hasReadChannel,
  isSystemAdmin,
  memberOf,
  teamMemberOf,
  userCanSee,
  wireChannel,
  wireMember,
  wireTeam,
  wireUser,
} from '../state.js';
import type { Session, StandinState } from '../state.js';

const COOKIE_MAX_AGE = 30 * 24 * 60 * 60;

type Params = { user_id: string; team_id: string };

/** `me` as a user id means the caller. */
export const userParam = (req: FastifyRequest) => {
  const id = (req.params as Params).user_id;
  return id === 'me' ? req.me.id : id;
};

export function page(req: FastifyRequest): { page: number; perPage: number } {
  const q = req.query as { page?: string; per_page?: string };
  const p = Number.parseInt(q.page ?? '0', 10);
  const pp = Number.parseInt(q.per_page ?? '60', 10);
  return { page: Number.isFinite(p) && p > 0 ? p : 0, perPage: Number.isFinite(pp) && pp > 0 ? Math.min(pp, 200) : 60 };
}

export function userRoutes(api: FastifyInstance, s: StandinState): void {
  api.post('/users/login', { config: { public: true } }, async (req, reply) => {
    const body = req.body as { login_id?: string; id?: string; password?: string };
    const login = (body.login_id ?? '').toLowerCase();
    const user = [...s.users.values()].find(
      (u) => (body.id && u.id === body.id) || (login && (u.username === login || u.email.toLowerCase() === login)),
    );
    if (!user) {
      throw new ApiError(401, 'api.user.login.invalid_credentials_email_username');
    }
    if (user.is_bot) {
      throw new ApiError(401, 'api.user.login.bot_login_forbidden.app_error');
    }
    if (user.delete_at) {
      throw new ApiError(401, 'api.user.login.inactive.app_error');
    }
    const session: Session = { token: newId(), user_id: user.id, csrf: newId(), create_at: Date.now() };
    s.sessions.set(session.token, session);
    const options = { path: '/', maxAge: COOKIE_MAX_AGE, expires: new Date(Date.now() + COOKIE_MAX_AGE * 1000), sameSite: 'lax' } as const;
    reply
      .header('Token', session.token)
      .setCookie('MMAUTHTOKEN', session.token, { ...options, httpOnly: true })
      .setCookie('MMUSERID', user.id, options)
      .setCookie('MMCSRF', session.csrf, options);
    return wireUser(user, user);
  });

  // Logout needs no session: it ends the one it is given, if any.
  api.post('/users/logout', { config: { public: true } }, async (req, reply) => {
    const token = tokenOf(req)?.token;
    if (token) {
      s.sessions.delete(token);
    }
    for (const name of ['MMAUTHTOKEN', 'MMUSERID', 'MMCSRF']) {
      reply.clearCookie(name, { path: '/' });
    }
    return { status: 'OK' };
  });

  api.post('/users/ids', async (req) => {
    const ids = req.body;
    if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string')) {
      throw invalidBodyParam('user_ids');
    }
    // GetUsersByIds applies the view restrictions by leaving people out, not by failing.
    return [...new Set(ids as string[])]
      .map((id) => s.users.get(id))
      .filter((u): u is UserProfile => Boolean(u && userCanSee(s, req.me, u.id)))
      .map((u) => wireUser(u, req.me));
  });

  api.get('/users', async (req) => {
    const { page: p, perPage } = page(req);
    // Only in_channel is served; SessionHasPermissionToChannel is false for an unknown channel, even for an admin.
    const inChannel = (req.query as { in_channel?: string }).in_channel ?? '';
    if (!s.channels.has(inChannel) || !hasReadChannel(s, req.me, inChannel)) {
      throw permissionError();
    }
    const ids = s.members.get(inChannel)?.keys() ?? [];
    return [...ids]
      .map((id) => s.users.get(id))
      .filter((u): u is UserProfile => Boolean(u && u.delete_at === 0 && userCanSee(s, req.me, u.id)))
      .sort((a, b) => a.username.localeCompare(b.username))
      .slice(p * perPage, (p + 1) * perPage)
      .map((u) => wireUser(u, req.me));
  });

  api.get('/users/:user_id', async (req) => {
    const id = userParam(req);
    // Visibility first: a guest learns nothing, not even whether the id exists.
    if (!userCanSee(s, req.me, id)) {
      throw permissionError();
    }
    const user = s.users.get(id);
    if (!user) {
      throw notFound('app.user.missing_account.const');
    }
    return wireUser(user, req.me);
  });

  api.get('/users/:user_id/teams', async (req) => {
    const id = userParam(req);
    if (id !== req.me.id && !isSystemAdmin(req.me)) {
      throw permissionError();
    }
    return [...s.teams.values()].filter((t) => t.delete_at === 0 && teamMemberOf(s, t.id, id)).map((t) => wireTeam(t, req.me));
  });

  // api4 getTeam: a team that does not exist is 404; one that is not open to all (type O with open
  // invites) needs view_team, which only its members (and system admins) hold.
  api.get('/teams/:team_id', async (req) => {
    const team = s.teams.get((req.params as Params).team_id);
    if (!team || team.delete_at !== 0) {
      throw notFound('app.team.get.find.app_error');
    }
    const open = team.type === 'O' && team.allow_open_invite;
    if (!open && !teamMemberOf(s, team.id, req.me.id) && !isSystemAdmin(req.me)) {
      throw permissionError();
    }
    return wireTeam(team, req.me);
  });

  /** The caller's (or, for an admin, anyone's) channels in a team they belong to. */
  const myChannelsInTeam = (req: FastifyRequest) => {
    const userId = userParam(req);
    const teamId = (req.params as Params).team_id;
    const admin = isSystemAdmin(req.me);
    if ((!s.teams.has(teamId) || !teamMemberOf(s, teamId, req.me.id) || userId !== req.me.id) && !admin) {
      throw permissionError();
    }
    const channels = [...s.channels.values()].filter(
      (c) => (c.team_id === teamId || c.team_id === '') && c.delete_at === 0 && memberOf(s, c.id, userId),
    );
    return { userId, channels };
  };
  api.get('/users/:user_id/teams/:team_id/channels', async (req) => myChannelsInTeam(req).channels.map(wireChannel));
  api.get('/users/:user_id/teams/:team_id/channels/members', async (req) => {
    const { userId, channels } = myChannelsInTeam(req);
    return channels.map((c) => memberOf(s, c.id, userId)).flatMap((m) => (m ? [wireMember(m, req.me.id)] : []));
  });
}
