import type { Receipt } from '@throughline/contract';
import type { Transaction } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database, ReceiptSubject } from '../db/schema.js';

type Executor = Db | Transaction<Database>;

/**
 * Receipts for whatever is sent to channels and must be acknowledged there (an approved asset
 * version, a decided decision): one row per subject and channel, confirmed once by a member.
 */
export async function openReceipts(trx: Executor, kind: ReceiptSubject, subjectId: string, channelIds: readonly string[]): Promise<void> {
  if (!channelIds.length) return;
  await trx
    .insertInto('receipts')
    .values(channelIds.map((c) => ({ subject_kind: kind, subject_id: subjectId, channel_id: c, confirmed_by: null, confirmed_at: null })))
    .onConflict((oc) => oc.columns(['subject_kind', 'subject_id', 'channel_id']).doNothing())
    .execute();
}

/** Marks a channel's receipt confirmed; false when there is none open (already confirmed, or never sent). */
export async function confirmReceipt(
  trx: Executor,
  kind: ReceiptSubject,
  subjectId: string,
  channelId: string,
  by: string,
  at: string,
): Promise<boolean> {
  const r = await trx
    .updateTable('receipts')
    .set({ confirmed_by: by, confirmed_at: at })
    .where('subject_kind', '=', kind)
    .where('subject_id', '=', subjectId)
    .where('channel_id', '=', channelId)
    .where('confirmed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The receipts of several subjects at once, by subject, each ordered by channel. */
export async function receiptsOf(db: Executor, kind: ReceiptSubject, subjectIds: readonly string[]): Promise<Map<string, Receipt[]>> {
  const out = new Map<string, Receipt[]>(subjectIds.map((id) => [id, []]));
  if (!subjectIds.length) return out;
  const rows = await db
    .selectFrom('receipts')
    .select(['subject_id', 'channel_id', 'confirmed_by', 'confirmed_at'])
    .where('subject_kind', '=', kind)
    .where('subject_id', 'in', subjectIds)
    .orderBy('subject_id')
    .orderBy('channel_id')
    .execute();
  for (const r of rows)
    out.get(r.subject_id)?.push({ channel_id: r.channel_id, confirmed_by: r.confirmed_by, confirmed_at: r.confirmed_at });
  return out;
}
