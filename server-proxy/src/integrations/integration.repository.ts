import type { Db } from '../db/database.js';

/** Takes a button's one-time nonce; false when it was taken already (a replayed click). */
export async function claimActionNonce(db: Db, nonce: string, userId: string, at: string): Promise<boolean> {
  const res = await db
    .insertInto('action_nonces')
    .values({ nonce, used_by: userId, used_at: at })
    .onConflict((oc) => oc.column('nonce').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Gives a nonce back after a click that changed nothing, so the button can be pressed again. */
export async function releaseActionNonce(db: Db, nonce: string): Promise<void> {
  await db.deleteFrom('action_nonces').where('nonce', '=', nonce).execute();
}
