import type { ActionSigner, ButtonAction } from '../integrations/signer.js';
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
    statuses: { todo: 'To do', in_progress: 'In progress', review: 'In review', done: 'Done', cancelled: 'Cancelled' },
  },
  ru: {
    created: 'Создана задача: **{title}**',
    assigned: '@{actor} назначил(а) вам задачу: **{title}**',
    reminder: 'Напоминание: срок задачи **{title}** — {due}',
    done: '✅ @{actor} завершил(а) задачу **{title}**',
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
    statuses: { todo: 'К выполнению', in_progress: 'В работе', review: 'На проверке', done: 'Готово', cancelled: 'Отменена' },
  },
} as const;

export const asLocale = (l: string | undefined | null): Locale => (l?.toLowerCase().startsWith('ru') ? 'ru' : 'en');

const fill = (s: string, v: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '');

export interface RenderContext {
  locale: Locale;
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

export function renderPost(m: OutboxMessage, ctx: RenderContext): Omit<BotPost, 'channel_id'> {
  const t = TEXT[ctx.locale];
  if (m.kind === 'channel_post') return { root_id: m.root_id ?? undefined, message: m.message, type: m.type, props: m.props };
  if (m.kind === 'approval_card') {
    const vars = { actor: ctx.actorName, name: plain(m.asset_name), number: String(m.version_number), file: plain(m.file_name) };
    const comment = m.comment ? `\n> ${plain(m.comment).replace(/\n/g, '\n> ')}` : '';
    return {
      message: `${fill(t.approved, vars)}${comment}\n${t.confirmAsk}`,
      type: 'custom_throughline_approval',
      props: {
        approval: {
          asset_id: m.asset_id,
          version_id: m.version_id,
          channel_id: m.channel_id,
          version_number: m.version_number,
          asset_name: m.asset_name,
          file_name: m.file_name,
        },
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
  const title = plain(m.task.title);
  const vars = { title, actor: ctx.actorName, due: m.task.due_at?.slice(0, 10) ?? '' };
  const card = { task: m.task, attachments: [taskAttachment(m.task, ctx)] };
  switch (m.kind) {
    case 'task_card':
      return { root_id: m.root_id, message: fill(t.created, vars), type: 'custom_throughline_task', props: card };
    case 'assignment_dm':
      return { message: fill(t.assigned, vars), type: 'custom_throughline_task', props: card };
    case 'reminder_dm':
      return { message: fill(t.reminder, vars), type: 'custom_throughline_task', props: card };
    case 'task_done':
      return { root_id: m.root_id ?? undefined, message: fill(t.done, vars) };
  }
}
