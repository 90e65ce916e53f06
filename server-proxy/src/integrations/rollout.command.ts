import { LIMITS, type ReceiptRequired } from '@throughline/contract';
import type { Caller } from '../http/auth.js';
import { AppError } from '../http/errors.js';
import { rolloutAckButton, taskAttachment } from '../outbox/messages.js';
import type { RolloutService } from '../rollouts/rollout.service.js';
import { snapshot, type TaskService } from '../tasks/task.service.js';
import type { Task } from '../tasks/task.types.js';
import { plain } from '../util/markdown.js';
import { refOf, say } from './command.text.js';
import type { IntegrationService, Locale } from './integration.service.js';
import type { ActionSigner } from './signer.js';

export interface RolloutCommandDeps {
  integrations: IntegrationService;
  tasks: TaskService;
  rollouts: RolloutService;
  signer: ActionSigner;
  actionsUrl: string;
}

const ephemeral = (text: string) => ({ response_type: 'ephemeral' as const, text });

/** A Done refused for want of a receipt: what to confirm (the version, escaped), and its button when there is one. */
function receiptNeeded(deps: Pick<RolloutCommandDeps, 'signer' | 'actionsUrl'>, locale: Locale, err: unknown, taskId: string) {
  if (!(err instanceof AppError) || err.code !== 'receipt_required') return null;
  const required = err.extra?.required as ReceiptRequired;
  const v = required.version;
  const text = v
    ? say(locale, 'receiptRequired', { name: plain(required.asset_name), number: v.number, file: plain(v.file_name) })
    : say(locale, 'receiptRequiredNone', { name: plain(required.asset_name) });
  return { text, button: v ? rolloutAckButton(v.id, taskId, { locale, actionsUrl: deps.actionsUrl, signer: deps.signer }) : null };
}

/** `/task done` refused for want of a receipt: an ephemeral answer with its "Confirm receipt" button; any other error is rethrown. */
export function commandRefusal(deps: Pick<RolloutCommandDeps, 'signer' | 'actionsUrl'>, locale: Locale, err: unknown, taskId: string) {
  const needed = receiptNeeded(deps, locale, err, taskId);
  if (!needed) throw err;
  return {
    ...ephemeral(needed.text),
    attachments: needed.button ? [{ fallback: needed.text, color: '#1c58d9', actions: [needed.button] }] : [],
  };
}

/**
 * The card's Done refused for want of a receipt, or null for any other error. The card keeps its
 * buttons and gains "Confirm receipt": an action's answer can carry no buttons of its own.
 */
export function buttonRefusal(deps: Pick<RolloutCommandDeps, 'signer' | 'actionsUrl'>, locale: Locale, err: unknown, task: Task) {
  const needed = receiptNeeded(deps, locale, err, task.id);
  if (!needed) return null;
  if (!needed.button) return { ephemeral_text: needed.text };
  const card = taskAttachment(snapshot(task), { locale, actionsUrl: deps.actionsUrl, signer: deps.signer, assigneeName: null });
  return {
    ephemeral_text: needed.text,
    update: {
      message: needed.text,
      props: { task: snapshot(task), attachments: [{ ...card, actions: [...card.actions, needed.button] }] },
    },
  };
}

/**
 * `/task rollout <ref> ~channel … | all [asset:<name or id>]`: rolls the task out to those channels of
 * its project (`all`: every other channel of the project the caller is in); a task rolled out
 * already gets the channels added to its rollout.
 */
export async function rollOut(
  deps: RolloutCommandDeps,
  caller: Caller,
  locale: Locale,
  raw: string,
  byRef: (caller: Caller, locale: Locale, ref: string) => Promise<Task | string>,
) {
  const { integrations, rollouts } = deps;
  const at = raw.search(/(^|\s)asset:/i);
  const assetRef = at < 0 ? '' : raw.slice(raw.indexOf(':', at) + 1).trim();
  const [ref = '', ...targets] = (at < 0 ? raw : raw.slice(0, at)).trim().split(/\s+/);
  if (!ref || !targets.length || (at >= 0 && !assetRef)) return ephemeral(say(locale, 'rolloutUsage'));
  const found = await byRef(caller, locale, ref);
  if (typeof found === 'string') return ephemeral(found);
  if (!found.project_id) return ephemeral(say(locale, 'rolloutNoProject'));
  const mine = (await integrations.projectChannelsOf(caller, found.project_id)).filter((c) => c !== found.channel_id);
  let channelIds: string[];
  if (targets.length === 1 && /^(all|все)$/i.test(targets[0]!)) channelIds = mine;
  else {
    const names = await integrations.channelNames(mine);
    const byName = new Map([...names].map(([id, name]) => [name.toLowerCase(), id]));
    channelIds = [];
    for (const t of targets) {
      const id = byName.get(t.replace(/^~/, '').toLowerCase());
      if (!id) return ephemeral(say(locale, 'rolloutUnknownChannel', { name: plain(t.replace(/^~/, '')) }));
      if (!channelIds.includes(id)) channelIds.push(id);
    }
  }
  let assetId: string | undefined;
  if (assetRef) {
    const a = await integrations.assetOf(found.project_id, assetRef);
    if (!a) return ephemeral(say(locale, 'rolloutUnknownAsset', { name: plain(assetRef) }));
    if (a === 'ambiguous') return ephemeral(say(locale, 'rolloutAmbiguousAsset', { name: plain(assetRef) }));
    assetId = a;
  }
  const existing = found.rollout_id && !found.parent_id ? await rollouts.get(caller, found.rollout_id) : null;
  if (existing) {
    if (assetId && assetId !== existing.asset_id) return ephemeral(say(locale, 'rolloutAssetFixed'));
    const taken = new Set(existing.rows.map((r) => r.channel_id));
    channelIds = channelIds.filter((c) => !taken.has(c));
  }
  if (!channelIds.length) return ephemeral(say(locale, 'rolloutNothing'));
  if (channelIds.length > LIMITS.rolloutChannelsMax)
    return ephemeral(say(locale, 'rolloutTooMany', { max: LIMITS.rolloutChannelsMax, n: channelIds.length }));
  const r = existing
    ? await rollouts.addChannels(caller, existing.id, channelIds)
    : await rollouts.create(caller, { task_id: found.id, channel_ids: channelIds, ...(assetId ? { asset_id: assetId } : {}) });
  const asset = r.asset_name ? say(locale, 'rolloutBound', { name: plain(r.asset_name) }) : '';
  return {
    response_type: 'in_channel' as const,
    text:
      say(locale, existing ? 'rolloutAdded' : 'rolledOut', { user: caller.username, title: plain(found.title), n: channelIds.length }) +
      asset,
  };
}

/**
 * The "Confirm receipt" offered with a refused Done (`rack`): confirms the version for the task's
 * channel, clicked from that channel only; the answer puts the task's own card back, Done included.
 */
export async function confirmForTask(
  deps: RolloutCommandDeps,
  caller: Caller,
  locale: Locale,
  target: string,
  channelId: string | undefined,
  explain: (err: AppError) => string,
): Promise<{ refused: string; text: string } | { answer: Record<string, unknown> }> {
  const [versionId = '', taskId = ''] = target.split(':');
  try {
    return await confirm(deps, caller, locale, { versionId, taskId, channelId });
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found')
      return { refused: 'not_found', text: say(locale, 'notFound', { ref: refOf(taskId) }) };
    if (err instanceof AppError) return { refused: err.code, text: explain(err) };
    throw err;
  }
}

async function confirm(
  deps: RolloutCommandDeps,
  caller: Caller,
  locale: Locale,
  click: { versionId: string; taskId: string; channelId: string | undefined },
): Promise<{ refused: string; text: string } | { answer: Record<string, unknown> }> {
  const task = await deps.tasks.get(caller, click.taskId);
  if (click.channelId !== task.channel_id) return { refused: 'wrong_channel', text: say(locale, 'otherChannel') };
  const asset = await deps.integrations.confirmFromCard(caller, click.versionId, task.channel_id);
  const version = asset.versions.find((v) => v.id === click.versionId)!;
  const names = await deps.integrations.usernames(task.assignee_id ? [task.assignee_id] : []);
  const card = taskAttachment(snapshot(task), {
    locale,
    actionsUrl: deps.actionsUrl,
    signer: deps.signer,
    assigneeName: (task.assignee_id && names.get(task.assignee_id)) || null,
  });
  return {
    answer: {
      ephemeral_text: say(locale, 'receiptThenDone', { name: plain(asset.name), number: version.number, title: plain(task.title) }),
      update: {
        message: say(locale, 'receiptDone', {
          user: caller.username,
          name: plain(asset.name),
          number: version.number,
          file: plain(version.file_name),
        }),
        props: { task: snapshot(task), attachments: [card] },
      },
    },
  };
}
