import { Type, type Static } from 'typebox';
import { MmId, NullableMmId, StringEnum } from './common.js';
import { PERMISSIONS } from './permissions.js';

export const MeSchema = Type.Object({
  user_id: MmId,
  username: Type.String(),
  is_guest: Type.Boolean(),
  /** What the caller may do somewhere (in at least one of their channels); objects list their own. */
  permissions: Type.Array(StringEnum(PERMISSIONS)),
});
export interface Me extends Static<typeof MeSchema> {}

export const ConfigSchema = Type.Object({
  version: Type.String(),
  limits: Type.Record(Type.String(), Type.Integer()),
  /** The bot's Mattermost user id: a card post is the bot's only when it wrote it. Null while the bot is not configured or Mattermost cannot say. */
  bot_user_id: NullableMmId,
});
export interface ClientConfig extends Static<typeof ConfigSchema> {}
