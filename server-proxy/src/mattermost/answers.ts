import { Type, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { AppError } from '../http/errors.js';

/**
 * The shapes of Mattermost's answers, as far as the service relies on them. An answer that does not
 * have its shape (an HTML page from a proxy, `{}`, someone else's record) is no answer: the request
 * fails closed with 503, as for an outage, and is never read as a "yes".
 */
const Id = Type.String({ pattern: '^[A-Za-z0-9]{26}$' });

const shapes = {
  user: Type.Object({ id: Id, username: Type.String({ minLength: 1 }), roles: Type.String(), delete_at: Type.Number() }),
  membership: Type.Object({
    channel_id: Id,
    user_id: Id,
    roles: Type.String(),
    scheme_guest: Type.Optional(Type.Boolean()),
    scheme_admin: Type.Optional(Type.Boolean()),
  }),
  post: Type.Object({
    id: Id,
    channel_id: Id,
    message: Type.String(),
    type: Type.String(),
    delete_at: Type.Number(),
    root_id: Type.Optional(Type.String()),
    file_ids: Type.Optional(Type.Array(Type.String())),
  }),
  file: Type.Object({
    id: Id,
    name: Type.String(),
    size: Type.Integer({ minimum: 0 }),
    mime_type: Type.String(),
    extension: Type.String(),
    post_id: Type.Optional(Type.String()),
    delete_at: Type.Optional(Type.Number()),
  }),
  /** A channel read by id: its name is what people type after ~. */
  channel: Type.Object({ id: Id, name: Type.String(), display_name: Type.String(), team_id: Type.Optional(Type.String()) }),
  /** A team read by id: its name is the first part of its addresses (`<site>/<team>/…`). */
  team: Type.Object({ id: Id, name: Type.String({ minLength: 1 }) }),
  /** A channel bookmark (9.5+): whose it is and where it leads are read. */
  bookmark: Type.Object({
    id: Id,
    channel_id: Id,
    owner_id: Id,
    type: Type.String(),
    display_name: Type.String(),
    link_url: Type.Optional(Type.String()),
    delete_at: Type.Number(),
  }),
  /** A team, a channel or a post Mattermost made: only its id is read. */
  object: Type.Object({ id: Id }),
  ping: Type.Object({ status: Type.String() }),
  /** A plugin's manifest as GET /plugins and GET /plugins/webapp list it: its id and version are read. */
  plugin: Type.Object({ id: Type.String({ minLength: 1 }), version: Type.String() }),
  plugins: Type.Object({
    active: Type.Array(Type.Object({ id: Type.String({ minLength: 1 }), version: Type.String() })),
    inactive: Type.Array(Type.Object({ id: Type.String({ minLength: 1 }), version: Type.String() })),
  }),
} satisfies Record<string, TSchema>;

type Shape = keyof typeof shapes;
const validators = {} as Record<Shape, { Check(value: unknown): boolean }>;
for (const [name, schema] of Object.entries(shapes)) validators[name as Shape] = Compile(schema);

/** The answer as `T` if it has the shape and is about what was asked (`matches`); otherwise a 503 naming what was asked. */
export function checked<T>(what: string, shape: Shape, answer: unknown, matches: (item: T) => boolean = () => true): T {
  if (!validators[shape].Check(answer) || !matches(answer as T)) throw malformed(what);
  return answer as T;
}

/** The same for a list: an array, every item of the shape and matching. */
export function checkedList<T>(what: string, shape: Shape, answer: unknown, matches: (item: T) => boolean = () => true): T[] {
  if (!Array.isArray(answer) || !answer.every((item) => validators[shape].Check(item) && matches(item as T))) throw malformed(what);
  return answer as T[];
}

function malformed(what: string): AppError {
  return new AppError('mattermost_unavailable', `Mattermost gave an answer that is not ${what}; nothing was changed, try again shortly`);
}
