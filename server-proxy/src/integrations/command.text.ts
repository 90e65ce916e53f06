import type { SearchKind } from '@throughline/contract';
import type { Task } from '../tasks/task.types.js';
import { plain } from '../util/markdown.js';

type Locale = 'en' | 'ru';

const T = {
  en: {
    help: [
      '**/task** — Throughline tasks from any Mattermost app',
      '`/task <text>` create a task in this channel (first line is the title)',
      '`/task list` open tasks in this channel',
      '`/task mine` open tasks assigned to you',
      '`/task start <ref>` · `/task done <ref>` change a task (ref: the code after #)',
      '`/task decide <text>` record a proposed decision (in a thread: its first message is the source)',
      '`/task rollout <ref> ~channel ~channel [asset:<name>]` roll a project task out: one task per channel (`all`: every other project channel you are in)',
      "`/task digest` this project's digest of the past week · `/task digest subscribe` / `unsubscribe` receive it weekly by DM",
      '`/task find <words>` search tasks, decisions and assets in your channels',
      '`/task help` this help',
    ].join('\n'),
    created: '@{user} created a task: **{title}**',
    changed: '@{user} marked **{title}** as {status}',
    none: 'No open tasks here.',
    noneMine: 'Nothing is assigned to you.',
    listHead: 'Open tasks ({n}):',
    notFound: 'No task #{ref} that you can see. Use `/task list` for the codes.',
    ambiguous: 'Several tasks match #{ref}; type more of the code.',
    badRef: 'Give the task code, e.g. `/task done 1a2b3c4d`.',
    tooLong: 'The title is too long: at most {max} characters (you typed {n}). Put details on the following lines.',
    badToken: 'This command is not set up correctly: its token does not match the one Throughline expects. Ask an administrator.',
    notConfigured: 'The /task command is not enabled on this Throughline service (MM_SLASH_TOKEN is not set).',
    noAccess: 'Throughline cannot see this channel. Add @{bot} to the channel, then try again.',
    unavailable: 'Mattermost did not answer Throughline in time; nothing was changed. Try again shortly.',
    failed: 'That did not work: {message}',
    confirmed: 'Receipt of **{name}** confirmed for this channel. Thank you!',
    receiptDone: '✅ @{user} confirmed that this channel received **{name}** — version {number} ({file}).',
    used: 'This button was already used; the card shows the current state.',
    otherChannel: 'This button confirms receipt for another channel; use the card in that channel.',
    decisionRecorded: '@{user} recorded a proposed decision:\n{statement}',
    decisionEmpty: 'Write the decision after the command: `/task decide <text>`, or run it in the thread the decision comes from.',
    noProject: 'This channel belongs to no Throughline project. Link it to a project first, then record the decision.',
    severalProjects: 'This channel belongs to several projects: {list}. Choose one by its code: `/task decide p:<code> <text>`.',
    unknownProject: 'No project with code {ref} contains this channel. Its projects: {list}.',
    decisionConfirmed: 'Receipt of the decision confirmed for this channel. Thank you!',
    decisionReceiptDone: '✅ @{user} confirmed that this channel received the decision:\n{statement}',
    decideOtherChannel: 'This button belongs to a card in another channel; use the card in the channel the decision comes from.',
    decideRefused:
      'Only the named approver may decide this decision (or, when none is named, a member of this channel who is not a guest).',
    decideDone: 'Decided. The decision is sent to the channels it applies to.',
    receiptRequired:
      'Not done yet: this channel must first confirm receipt of **{name}** — version {number} ({file}). Confirm it, then mark the task done.',
    receiptRequiredNone:
      'Not done yet: no version of **{name}** is approved. The task can be done once one is and this channel has confirmed it.',
    receiptThenDone: 'Receipt of **{name}** — version {number} confirmed for this channel. **{title}** can be marked done now.',
    rolloutUsage:
      'Name the task and the channels: `/task rollout <ref> ~channel ~channel [asset:<name>]`, or `all` instead of the channels.',
    rolloutNoProject: 'Only a task of a project can be rolled out. Put the task in a project first.',
    rolloutUnknownChannel: 'No channel ~{name} in this task’s project that you are in.',
    rolloutUnknownAsset: 'No asset “{name}” in this task’s project.',
    rolloutAmbiguousAsset: 'Several assets of this project are called “{name}”; give its id instead.',
    rolloutAssetFixed: 'This task is rolled out already with another asset; leave `asset:` out to add channels.',
    rolloutNothing: 'Every channel named already has its task in this rollout.',
    rolloutTooMany: 'At most {max} channels at once (you named {n}).',
    rolledOut: '@{user} rolled **{title}** out to {n} channel(s).',
    rolloutAdded: '@{user} added {n} channel(s) to the rollout of **{title}**.',
    rolloutBound: ' Each can be done once its channel has confirmed the approved version of **{name}**.',
    digestUsage:
      'Use `/task digest`, `/task digest subscribe` or `/task digest unsubscribe` (add `p:<code>` in a channel of several projects).',
    digestSubscribed: "You will receive this project's weekly digest by direct message.",
    digestUnsubscribed: "You will no longer receive this project's weekly digest.",
    findEmpty: 'Write what to find after the command: `/task find <words>`.',
    findTooLong: 'Too many characters to search for: at most {max} (you typed {n}).',
    findNone: 'Nothing found in your channels.',
    findHead: 'Found in your channels ({n}{more}):',
    findMore: ' — the first ones',
    source: 'source post',
  },
  ru: {
    help: [
      '**/task** — задачи Throughline из любого приложения Mattermost',
      '`/task <текст>` создать задачу в этом канале (первая строка — название)',
      '`/task list` открытые задачи канала',
      '`/task mine` открытые задачи, назначенные вам',
      '`/task start <код>` · `/task done <код>` изменить задачу (код — после #)',
      '`/task decide <текст>` записать предложенное решение (в обсуждении источник — его первое сообщение)',
      '`/task rollout <код> ~канал ~канал [asset:<название>]` разослать задачу проекта: по задаче в каждый канал (`all` — во все остальные каналы проекта, где вы состоите)',
      '`/task digest` сводка проекта за прошедшую неделю · `/task digest subscribe` / `unsubscribe` получать её каждую неделю в личные сообщения',
      '`/task find <слова>` найти задачи, решения и материалы в ваших каналах',
      '`/task help` эта справка',
    ].join('\n'),
    created: '@{user} создал(а) задачу: **{title}**',
    changed: '@{user} перевёл(а) **{title}** в статус «{status}»',
    none: 'Открытых задач здесь нет.',
    noneMine: 'На вас ничего не назначено.',
    listHead: 'Открытые задачи ({n}):',
    notFound: 'Задача #{ref} не найдена среди доступных вам. Коды — в `/task list`.',
    ambiguous: 'Коду #{ref} соответствуют несколько задач; введите код длиннее.',
    badRef: 'Укажите код задачи, например `/task done 1a2b3c4d`.',
    tooLong: 'Название слишком длинное: не более {max} символов (введено {n}). Подробности — на следующих строках.',
    badToken: 'Команда настроена неверно: её токен не совпадает с ожидаемым Throughline. Обратитесь к администратору.',
    notConfigured: 'Команда /task не включена в этом сервисе Throughline (не задан MM_SLASH_TOKEN).',
    noAccess: 'Throughline не видит этот канал. Добавьте @{bot} в канал и повторите.',
    unavailable: 'Mattermost не ответил вовремя; ничего не изменено. Повторите чуть позже.',
    failed: 'Не получилось: {message}',
    confirmed: 'Получение **{name}** в этом канале подтверждено. Спасибо!',
    receiptDone: '✅ @{user} подтвердил(а) получение **{name}** в этом канале — версия {number} ({file}).',
    used: 'Эта кнопка уже использована; карточка показывает текущее состояние.',
    otherChannel: 'Эта кнопка подтверждает получение для другого канала; воспользуйтесь карточкой в том канале.',
    decisionRecorded: '@{user} записал(а) предложенное решение:\n{statement}',
    decisionEmpty: 'Напишите решение после команды: `/task decide <текст>` или выполните её в обсуждении, из которого решение пришло.',
    noProject: 'Этот канал не входит ни в один проект Throughline. Сначала свяжите его с проектом, затем запишите решение.',
    severalProjects: 'Этот канал входит в несколько проектов: {list}. Выберите один по коду: `/task decide p:<код> <текст>`.',
    unknownProject: 'Проекта с кодом {ref}, в который входит этот канал, нет. Его проекты: {list}.',
    decisionConfirmed: 'Получение решения в этом канале подтверждено. Спасибо!',
    decisionReceiptDone: '✅ @{user} подтвердил(а) получение решения в этом канале:\n{statement}',
    decideOtherChannel: 'Эта кнопка относится к карточке в другом канале; воспользуйтесь карточкой в канале, из которого пришло решение.',
    decideRefused: 'Принять это решение может только названный утверждающий (а если он не назван — участник этого канала, не гость).',
    decideDone: 'Решение принято и отправлено в каналы, к которым оно относится.',
    receiptRequired:
      'Пока нельзя завершить: сначала этот канал должен подтвердить получение **{name}** — версия {number} ({file}). Подтвердите, затем отметьте задачу выполненной.',
    receiptRequiredNone:
      'Пока нельзя завершить: ни одна версия **{name}** не утверждена. Задачу можно будет завершить, когда версию утвердят и канал подтвердит получение.',
    receiptThenDone:
      'Получение **{name}** — версия {number} — подтверждено для этого канала. Теперь задачу **{title}** можно отметить выполненной.',
    rolloutUsage: 'Укажите задачу и каналы: `/task rollout <код> ~канал ~канал [asset:<название>]` или `all` вместо каналов.',
    rolloutNoProject: 'Разослать можно только задачу проекта. Сначала добавьте задачу в проект.',
    rolloutUnknownChannel: 'В проекте этой задачи нет канала ~{name}, в котором вы состоите.',
    rolloutUnknownAsset: 'В проекте этой задачи нет материала «{name}».',
    rolloutAmbiguousAsset: 'В проекте несколько материалов с названием «{name}»; укажите его id.',
    rolloutAssetFixed: 'Задача уже разослана с другим материалом; чтобы добавить каналы, не указывайте `asset:`.',
    rolloutNothing: 'Во всех названных каналах задача этой рассылки уже есть.',
    rolloutTooMany: 'Не более {max} каналов за раз (указано {n}).',
    rolledOut: '@{user} разослал(а) задачу **{title}** в каналы: {n}.',
    rolloutAdded: '@{user} добавил(а) каналы в рассылку задачи **{title}**: {n}.',
    rolloutBound: ' Каждую можно завершить, когда канал подтвердит получение утверждённой версии **{name}**.',
    digestUsage:
      'Используйте `/task digest`, `/task digest subscribe` или `/task digest unsubscribe` (в канале нескольких проектов добавьте `p:<код>`).',
    digestSubscribed: 'Вы будете получать еженедельную сводку проекта в личные сообщения.',
    digestUnsubscribed: 'Вы больше не будете получать еженедельную сводку проекта.',
    findEmpty: 'Напишите, что найти, после команды: `/task find <слова>`.',
    findTooLong: 'Слишком длинный запрос: не более {max} символов (введено {n}).',
    findNone: 'В ваших каналах ничего не найдено.',
    findHead: 'Найдено в ваших каналах ({n}{more}):',
    findMore: ' — первые',
    source: 'исходное сообщение',
  },
} as const;

const STATUS = {
  en: { todo: 'To do', in_progress: 'In progress', review: 'In review', done: 'Done', cancelled: 'Cancelled' },
  ru: { todo: 'К выполнению', in_progress: 'В работе', review: 'На проверке', done: 'Готово', cancelled: 'Отменена' },
} as const;

export const KIND = {
  en: { task: 'Task', decision: 'Decision', asset: 'Asset', version: 'Version' },
  ru: { task: 'Задача', decision: 'Решение', asset: 'Материал', version: 'Версия' },
} as const satisfies Record<Locale, Record<SearchKind, string>>;

export type CommandText = keyof (typeof T)['en'];

export function say(locale: Locale, key: CommandText, vars: Record<string, string | number> = {}): string {
  return T[locale][key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

export const statusName = (locale: Locale, s: Task['status']) => STATUS[locale][s];

/** The short code a slash-command user types: the random tail of the id. */
export const refOf = (id: string) => id.slice(-8);

export function taskLine(locale: Locale, t: Task, names: Map<string, string>): string {
  const who = t.assignee_id ? ` · @${names.get(t.assignee_id) ?? t.assignee_id}` : '';
  const due = t.due_at ? ` · ${t.due_at.slice(0, 10)}` : '';
  return `- \`#${refOf(t.id)}\` ${plain(t.title)} — ${statusName(locale, t.status)}${who}${due}`;
}
