import type { ReceiptRequired } from '@throughline/contract';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Work } from '../db/unit_of_work.js';
import { AppError } from '../http/errors.js';
import { doneChildrenOfAsset, insertHistory, reopenTask } from '../tasks/task.repository.js';
import { snapshot } from '../tasks/task.input.js';
import type { Task } from '../tasks/task.types.js';
import { approvedVersion, boundAssetOf, lockAssetRow, receiptConfirmed } from './rollout.repository.js';

/**
 * The done gate: a rollout's child bound to an asset becomes done only once its channel has
 * confirmed receipt of the asset's currently approved version. Asked inside the transaction that
 * sets the status, after taking the asset's lock, whatever path sets it (API, command, button).
 */
export async function requireReceipt(trx: Transaction<Database>, task: Task): Promise<void> {
  if (!task.parent_id || !task.rollout_id) return;
  const asset = await boundAssetOf(trx, task.rollout_id);
  if (!asset) return;
  await lockAssetRow(trx, asset.id);
  const approved = await approvedVersion(trx, asset.id);
  if (approved && (await receiptConfirmed(trx, approved.id, task.channel_id))) return;
  const required: ReceiptRequired = {
    asset_id: asset.id,
    asset_name: asset.name,
    channel_id: task.channel_id,
    version: approved ? { id: approved.id, number: approved.number, file_name: approved.file_name } : null,
  };
  throw new AppError(
    'receipt_required',
    approved
      ? `This channel must confirm receipt of version ${approved.number} of the asset before the task can be done`
      : 'No version of the asset is approved yet; the task can be done once one is and this channel has confirmed it',
    { required },
  );
}

/**
 * A newer approved version reopens every done child of every rollout bound to the asset, in the
 * approval's transaction: each goes back to in progress with a history entry, an event, and one
 * post in its channel asking to check again.
 */
export async function reopenRolloutsOnApproval(
  w: Work,
  approval: { assetId: string; assetName: string; versionNumber: number; actorId: string },
): Promise<void> {
  for (const done of await doneChildrenOfAsset(w.trx, approval.assetId)) {
    if (!(await reopenTask(w.trx, done.id, w.at))) continue;
    const task: Task = { ...done, status: 'in_progress', updated_at: w.at, version: done.version + 1 };
    await insertHistory(w.trx, {
      taskId: task.id,
      actorId: approval.actorId,
      action: 'updated',
      at: w.at,
      changes: [{ field: 'status', from: 'done', to: 'in_progress' }],
    });
    await w.emit({ type: 'task.updated', channel_id: task.channel_id, payload: { task, fields: ['status'] } });
    await w.notify({
      kind: 'rollout_reopened',
      channel_id: task.channel_id,
      actor_id: approval.actorId,
      asset_name: approval.assetName,
      version_number: approval.versionNumber,
      task: snapshot(task),
    });
  }
}
