import { CARD_TYPES, type DecisionCardProps } from '@throughline/contract';
import type { ActionSigner, ButtonAction } from '../integrations/signer.js';
import { cut } from '../util/text.js';
import type { BotPost } from '../mattermost/bot.js';
import { plain } from '../util/markdown.js';
import type { OutboxMessage, TaskSnapshot } from './outbox.types.js';

type Locale = 'en' | 'ru';

const TEXT = {
  en: {
    created: 'Task created: **{title}**',
    assigned: '@{actor} assigned you a task: **{title}**',
    reminder: 'Reminder: **{title}** is due {due}',
    done: '✅ @{actor} completed **{title}**',
    reopened: '↩️ @{actor} moved **{title}** back from Done to {status}',
    recheck: '🔁 Version {number} of **{name}** approved — check the placement again. **{title}** is back in progress.',
    status: 'Status',
    assignee: 'Assignee',
    due: 'Due',
    nobody: 'nobody',
    none: '—',
    start: 'Start',
    finish: 'Done',
    approved: '✅ @{actor} approved **{name}** — version {number} ({file}). This is now the only version to use.',
    confirmAsk: 'Please confirm that your channel has received it.',
    confirm: 'Confirm receipt',
    supersededCard: '⛔ **{name}** — version {number} ({file}) was superseded by version {by} — do not use.',
    recall:
      '⛔ You downloaded **{name}** version {number}, which was superseded by version {by} ({file}) — do not use it; use version {by} instead.',
    recallLink: 'Version {by}: {link}',
    decided: '📌 Decision by @{actor}:',
    why: 'Why:',
    replaces: 'It replaces an earlier decision:',
    superseded: '⛔ This decision was superseded by a later one:',
    revoked: '⛔ @{actor} revoked this decision:',
    was: 'It said:',
    proposed: '📝 @{actor} recorded a proposed decision:',
    mayDecideOne: 'Only @{approver} may decide it.',
    mayDecideAny: 'Any member of this channel (not a guest) may decide it.',
    decide: 'Decide',
    decidedBy: '✅ Decided by @{actor}:',
    statuses: { todo: 'To do', in_progress: 'In progress', review: 'In review', done: 'Done', cancelled: 'Cancelled' },
  },
  ru: {
    created: 'Создана задача: **{title}**',
    assigned: '@{actor} назначил(а) вам задачу: **{title}**',
    reminder: 'Напоминание: срок задачи **{title}** — {due}',
    done: '✅ @{actor} завершил(а) задачу **{title}**',
    reopened: '↩️ @{actor} вернул(а) задачу **{title}** из «Готово» в «{status}»',
    recheck: '🔁 Утверждена версия {number} материала **{name}** — проверьте размещение ещё раз. Задача **{title}** снова в работе.',
    status: 'Статус',
    assignee: 'Исполнитель',
    due: 'Срок',
    nobody: 'не назначен',
    none: '—',
    start: 'Начать',
    finish: 'Готово',
    approved: '✅ @{actor} утвердил(а) **{name}** — версия {number} ({file}). Теперь используется только эта версия.',
    confirmAsk: 'Пожалуйста, подтвердите получение в вашем канале.',
    confirm: 'Подтвердить получение',
    supersededCard: '⛔ **{name}** — версия {number} ({file}) заменена версией {by} — не используйте её.',
    recall: '⛔ Вы скачали **{name}**, версию {number}; её заменила версия {by} ({file}) — не используйте прежнюю, берите версию {by}.',
    recallLink: 'Версия {by}: {link}',
    decided: '📌 Решение, принятое @{actor}:',
    why: 'Обоснование:',
    replaces: 'Оно заменяет прежнее решение:',
    superseded: '⛔ Это решение заменено более поздним:',
    revoked: '⛔ @{actor} отменил(а) это решение:',
    was: 'Оно гласило:',
    proposed: '📝 @{actor} записал(а) предложенное решение:',
    mayDecideOne: 'Принять его может только @{approver}.',
    mayDecideAny: 'Принять его может любой участник этого канала (кроме гостей).',
    decide: 'Принять решение',
    decidedBy: '✅ Решение принял(а) @{actor}:',
    statuses: { todo: 'К выполнению', in_progress: 'В работе', review: 'На проверке', done: 'Готово', cancelled: 'Отменена' },
  },
} as const;

export const asLocale = (l: string | undefined | null): Locale => (l?.toLowerCase().startsWith('ru') ? 'ru' : 'en');

/** "Status: In progress", in the reader's language. */
export const statusText = (locale: Locale, status: keyof (typeof TEXT)['en']['statuses']): string =>
  `${TEXT[locale].status}: ${TEXT[locale].statuses[status]}`;

const fill = (s: string, v: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '');

/** Text someone wrote, as a Markdown quote that stays a quote over several lines. */
export const quoted = (s: string) => '> ' + plain(s).replace(/\n/g, '\n> ');

/** The "Confirm receipt" button of a decision card: signed, single-use, naming the decision and the channel. */
export function decisionAckButton(card: DecisionCardProps, ctx: Pick<RenderContext, 'locale' | 'actionsUrl' | 'signer'>) {
  const t = TEXT[ctx.locale];
  return {
    id: 'dack',
    name: t.confirm,
    type: 'button',
    integration: { url: ctx.actionsUrl, context: ctx.signer.sign('dack', `${card.decision_id}:${card.channel_id}`) },
  };
}

/** "Confirm receipt" offered with a refused Done: confirms the version for the task's channel, naming both. */
export function rolloutAckButton(versionId: string, taskId: string, ctx: Pick<RenderContext, 'locale' | 'actionsUrl' | 'signer'>) {
  return {
    id: 'rack',
    name: TEXT[ctx.locale].confirm,
    type: 'button',
    integration: { url: ctx.actionsUrl, context: ctx.signer.sign('rack', `${versionId}:${taskId}`) },
  };
}

/** The "Decide" button of a proposal card: signed, single-use, naming the decision and its source channel. */
function decideButton(card: DecisionCardProps, ctx: Pick<RenderContext, 'locale' | 'actionsUrl' | 'signer'>) {
  return {
    id: 'decide',
    name: TEXT[ctx.locale].decide,
    type: 'button',
    integration: { url: ctx.actionsUrl, context: ctx.signer.sign('decide', `${card.decision_id}:${card.channel_id}`) },
  };
}

/** A proposal card once decided: the button gone, who decided named (also the answer to the click). */
export function decidedProposal(card: DecisionCardProps, locale: Locale, actorName: string) {
  const t = TEXT[locale];
  return {
    message: [fill(t.decidedBy, { actor: actorName }), quoted(card.statement)].join('\n'),
    props: { decision: card, attachments: [] },
  };
}

function decisionPost(
  m: Extract<OutboxMessage, { kind: 'decision_card' | 'decision_card_edit' | 'decision_proposal' }>,
  ctx: RenderContext,
) {
  const t = TEXT[ctx.locale];
  const lines: string[] = [];
  if (m.kind === 'decision_proposal') {
    lines.push(fill(t.proposed, { actor: ctx.actorName }), quoted(m.card.statement));
    lines.push(m.approver_id ? fill(t.mayDecideOne, { approver: ctx.assigneeName ?? 'someone' }) : t.mayDecideAny);
    return {
      message: lines.join('\n'),
      type: CARD_TYPES.decision,
      props: { decision: m.card, attachments: [{ fallback: t.decide, color: '#1c58d9', actions: [decideButton(m.card, ctx)] }] },
    };
  }
  if (m.kind === 'decision_card_edit' && m.card.status === 'decided')
    return { type: CARD_TYPES.decision, ...decidedProposal(m.card, ctx.locale, ctx.actorName) };
  if (m.kind === 'decision_card') {
    lines.push(fill(t.decided, { actor: ctx.actorName }), quoted(m.card.statement));
    if (m.rationale) lines.push(t.why, quoted(cut(m.rationale, RATIONALE_IN_CARD)));
    if (m.supersedes_statement) lines.push(t.replaces, `~~${plain(firstLine(m.supersedes_statement))}~~`);
    lines.push(t.confirmAsk);
  } else if (m.card.status === 'superseded') {
    lines.push(t.superseded, quoted(m.superseded_by_statement ?? ''), t.was, `~~${plain(firstLine(m.card.statement))}~~`);
  } else {
    lines.push(fill(t.revoked, { actor: ctx.actorName }), quoted(m.reason ?? ''), t.was, `~~${plain(firstLine(m.card.statement))}~~`);
  }
  const open = m.kind === 'decision_card';
  return {
    message: lines.join('\n'),
    type: CARD_TYPES.decision,
    props: {
      decision: m.card,
      attachments: open ? [{ fallback: t.confirm, color: '#1c58d9', actions: [decisionAckButton(m.card, ctx)] }] : [],
    },
  };
}

const RATIONALE_IN_CARD = 600;
const firstLine = (s: string) => cut(s.split('\n')[0] ?? '', 200);

export interface RenderContext {
  locale: Locale;
  /** A permalink the message points at (a recall DM: the current version's card), when there is one. */
  link?: string | null;
  actorName: string;
  assigneeName: string | null;
  actionsUrl: string;
  signer: ActionSigner;
}

export function taskButtons(task: TaskSnapshot, ctx: Pick<RenderContext, 'locale' | 'actionsUrl' | 'signer'>) {
  const t = TEXT[ctx.locale];
  const button = (id: ButtonAction, name: string) => ({
    id,
    name,
    type: 'button',
    integration: { url: ctx.actionsUrl, context: ctx.signer.sign(id, task.id) },
  });
  const actions = [];
  if (task.status === 'todo') actions.push(button('start', t.start));
  if (task.status !== 'done' && task.status !== 'cancelled') actions.push(button('done', t.finish));
  return actions;
}

/** The card that carries a task: a custom post type for the webapp, fields and buttons for mobile. */
export function taskAttachment(task: TaskSnapshot, ctx: Pick<RenderContext, 'locale' | 'actionsUrl' | 'signer' | 'assigneeName'>) {
  const t = TEXT[ctx.locale];
  return {
    fallback: plain(task.title),
    title: plain(task.title),
    color: task.status === 'done' ? '#3db887' : '#1c58d9',
    fields: [
      { title: t.status, value: t.statuses[task.status], short: true },
      { title: t.assignee, value: ctx.assigneeName ? `@${ctx.assigneeName}` : t.nobody, short: true },
      { title: t.due, value: task.due_at ? task.due_at.slice(0, 10) : t.none, short: true },
    ],
    actions: taskButtons(task, ctx),
  };
}

/** An approval card: with its receipt button while the version is in force, without once superseded. */
function approvalPost(m: Extract<OutboxMessage, { kind: 'approval_card' | 'approval_card_edit' }>, ctx: RenderContext) {
  const t = TEXT[ctx.locale];
  const vars = { actor: ctx.actorName, name: plain(m.asset_name), number: String(m.version_number), file: plain(m.file_name) };
  const superseded = m.kind === 'approval_card_edit' ? m.superseded_by_number : null;
  const approval = {
    asset_id: m.asset_id,
    version_id: m.version_id,
    channel_id: m.channel_id,
    version_number: m.version_number,
    asset_name: m.asset_name,
    file_name: m.file_name,
    ...(superseded === null ? {} : { superseded_by_number: superseded }),
  };
  if (superseded !== null)
    return {
      message: fill(t.supersededCard, { ...vars, by: String(superseded) }),
      type: CARD_TYPES.approval,
      props: { approval, attachments: [] },
    };
  const comment = m.kind === 'approval_card' && m.comment ? `\n${quoted(m.comment)}` : '';
  return {
    message: `${fill(t.approved, vars)}${comment}\n${t.confirmAsk}`,
    type: CARD_TYPES.approval,
    props: {
      approval,
      attachments: [
        {
          fallback: t.confirm,
          color: '#3db887',
          actions: [
            {
              id: 'ack',
              name: t.confirm,
              type: 'button',
              integration: { url: ctx.actionsUrl, context: ctx.signer.sign('ack', `${m.version_id}:${m.channel_id}`) },
            },
          ],
        },
      ],
    },
  };
}

export function renderPost(m: Exclude<OutboxMessage, { kind: 'bookmark_pin' }>, ctx: RenderContext): Omit<BotPost, 'channel_id'> {
  const t = TEXT[ctx.locale];
  if (m.kind === 'digest_post' || m.kind === 'digest_dm')
    return { message: m.message, type: CARD_TYPES.digest, props: { digest: { id: m.digest_id, project_id: m.project_id } } };
  if (m.kind === 'channel_post') return { root_id: m.root_id ?? undefined, message: m.message, type: m.type, props: m.props };
  if (m.kind === 'decision_card' || m.kind === 'decision_card_edit' || m.kind === 'decision_proposal') return decisionPost(m, ctx);
  if (m.kind === 'approval_card' || m.kind === 'approval_card_edit') return approvalPost(m, ctx);
  if (m.kind === 'recall_dm') {
    const vars = {
      name: plain(m.asset_name),
      number: String(m.version_number),
      by: String(m.current_number),
      file: plain(m.current_file_name),
    };
    const link = ctx.link ? `\n${fill(t.recallLink, { by: vars.by, link: ctx.link })}` : '';
    return { message: fill(t.recall, vars) + link };
  }
  const title = plain(m.task.title);
  const vars = { title, actor: ctx.actorName, due: m.task.due_at?.slice(0, 10) ?? '', status: t.statuses[m.task.status] };
  const card = { task: m.task, attachments: [taskAttachment(m.task, ctx)] };
  switch (m.kind) {
    case 'task_card':
      return { root_id: m.root_id ?? undefined, message: fill(t.created, vars), type: 'custom_throughline_task', props: card };
    case 'assignment_dm':
      return { message: fill(t.assigned, vars), type: 'custom_throughline_task', props: card };
    case 'reminder_dm':
      return { message: fill(t.reminder, vars), type: 'custom_throughline_task', props: card };
    case 'rollout_reopened':
      return {
        message: fill(t.recheck, { ...vars, number: String(m.version_number), name: plain(m.asset_name) }),
        type: 'custom_throughline_task',
        props: card,
      };
    case 'task_done':
      return { root_id: m.root_id ?? undefined, message: fill(t.done, vars) };
    case 'task_reopened':
      return { root_id: m.root_id ?? undefined, message: fill(t.reopened, vars) };
  }
}
