import type { DigestLine, DigestSection, DigestSectionKey } from '@throughline/contract';
import { itemUrl, type ItemLinkKind } from '../mattermost/plugin.js';
import { plain } from '../util/markdown.js';
import { cut } from '../util/text.js';

type Locale = 'en' | 'ru';

/** Lines per section in a post: the full list is in the sidebar. */
const POST_LINES_MAX = 8;
const TITLE_IN_POST = 90;
/** Mattermost refuses messages over 16,383 characters by default. */
const POST_CHARS_MAX = 15_000;

const TEXT = {
  en: {
    head: '**Weekly digest · {project}** · {from} – {to}',
    forChannel: 'Records of this channel.',
    forUser: 'Everything in the channels you are a member of.',
    nothing: 'Nothing happened in this project this week.',
    more: '…and {n} more in the Throughline sidebar',
    cut: '… the rest is in the Throughline sidebar',
    source: 'post',
    item: 'open',
    sections: {
      done: 'Done this week',
      started: 'Started',
      new: 'New',
      overdue: 'Overdue',
      stalled: 'Stalled',
      waiting: 'Waiting for approval',
      approved: 'Versions approved',
      decisions: 'Decisions',
      rollouts: 'Rollouts',
    } satisfies Record<DigestSectionKey, string>,
    late: '{days} late',
    still: 'no change for {days}',
    waitingFor: 'waiting {days}',
    version: 'version {number} of **{asset}** ({file})',
    decision: 'decision: {statement}',
    receipts: 'receipts {confirmed}/{total}',
    owe: 'still owed by {channels}',
    allConfirmed: 'all confirmed',
    events: { recorded: 'Recorded', decided: 'Decided', superseded: 'Superseded', revoked: 'Revoked' },
    rollout: '{done}/{total} channels done',
    stillOpen: 'still open in {channels}',
    nobody: 'unassigned',
    day: (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`,
  },
  ru: {
    head: '**Сводка за неделю · {project}** · {from} – {to}',
    forChannel: 'Записи этого канала.',
    forUser: 'Всё в каналах, участником которых вы являетесь.',
    nothing: 'За эту неделю в проекте ничего не произошло.',
    more: '…и ещё {n} — на боковой панели Throughline',
    cut: '… остальное — на боковой панели Throughline',
    source: 'сообщение',
    item: 'открыть',
    sections: {
      done: 'Сделано за неделю',
      started: 'Начато',
      new: 'Новые',
      overdue: 'Просрочено',
      stalled: 'Без движения',
      waiting: 'Ждут утверждения',
      approved: 'Утверждённые версии',
      decisions: 'Решения',
      rollouts: 'Развёртывания',
    } satisfies Record<DigestSectionKey, string>,
    late: 'просрочено на {days}',
    still: 'без изменений {days}',
    waitingFor: 'ждёт {days}',
    version: 'версия {number} макета **{asset}** ({file})',
    decision: 'решение: {statement}',
    receipts: 'получение подтверждено {confirmed}/{total}',
    owe: 'ещё не подтвердили: {channels}',
    allConfirmed: 'подтвердили все',
    events: { recorded: 'Записано', decided: 'Принято', superseded: 'Заменено', revoked: 'Отменено' },
    rollout: 'готово в {done} из {total} каналов',
    stillOpen: 'ещё в работе: {channels}',
    nobody: 'не назначен',
    day: (n: number) => `${n} ${ruPlural(n, 'день', 'дня', 'дней')}`,
  },
} as const;

function ruPlural(n: number, one: string, few: string, many: string): string {
  const d = n % 10;
  const h = n % 100;
  if (d === 1 && h !== 11) return one;
  if (d >= 2 && d <= 4 && (h < 12 || h > 14)) return few;
  return many;
}

const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));

export interface RenderInput {
  locale: Locale;
  projectName: string;
  windowStart: string;
  slot: string;
  timeZone: string;
  audience: 'channel' | 'user';
  sections: DigestSection[];
  /** Usernames and channel display names by id, as Mattermost gave them when the digest was compiled. */
  usernames: ReadonlyMap<string, string>;
  channelNames: ReadonlyMap<string, string>;
  siteUrl: string;
  /** The team of the project's home channel, whose address opens a record in the sidebar; null: unknown, only source posts are linked. */
  teamName: string | null;
}

/** The record a line's "open" link shows: a version opens its asset. */
function linkedItem(l: DigestLine): { kind: ItemLinkKind; id: string } | null {
  switch (l.kind) {
    case 'task':
    case 'decision':
    case 'rollout':
      return { kind: l.kind, id: l.id };
    case 'asset_version':
      return l.parent_id ? { kind: 'asset', id: l.parent_id } : null;
  }
}

function date(iso: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(iso),
  );
}

/** The Markdown the bot posts. Every name and title someone wrote goes through plain(). */
export function renderDigest(r: RenderInput): string {
  const t = TEXT[r.locale];
  // The week ends just before the slot: the last day shown is the one before it.
  const out = [
    fill(t.head, {
      project: plain(r.projectName),
      from: date(r.windowStart, r.locale, r.timeZone),
      to: date(new Date(Date.parse(r.slot) - 60_000).toISOString(), r.locale, r.timeZone),
    }),
    r.audience === 'channel' ? t.forChannel : t.forUser,
  ];
  // Named, not mentioned: a weekly digest pings nobody (a zero-width space after the @).
  const person = (id: string | null) => (id ? `@\u200b${plain(r.usernames.get(id) ?? id.slice(0, 8))}` : t.nobody);
  const channel = (id: string) => `~${plain(r.channelNames.get(id) ?? id.slice(0, 8))}`;
  const source = (l: DigestLine) => {
    const href =
      l.permalink && /^https?:\/\//.test(l.permalink) ? l.permalink : l.post_id ? `${r.siteUrl}/_redirect/pl/${l.post_id}` : null;
    return href ? ` · [${t.source}](${href})` : '';
  };
  const item = (l: DigestLine) => {
    const target = r.teamName ? linkedItem(l) : null;
    return target ? ` · [${t.item}](${itemUrl(r.siteUrl, r.teamName!, target.kind, target.id)})` : '';
  };
  const title = (s: string) => plain(cut(s.split('\n')[0] ?? '', TITLE_IN_POST));
  const sayLine = (key: DigestSectionKey, l: DigestLine): string => {
    const d = t.day(l.days ?? 0);
    switch (key) {
      case 'done':
      case 'started':
      case 'new':
        return `**${title(l.title)}** — ${person(l.user_id)}`;
      case 'overdue':
        return `**${title(l.title)}** — ${person(l.user_id)}, ${fill(t.late, { days: d })}`;
      case 'stalled':
        return `**${title(l.title)}** — ${person(l.user_id)}, ${fill(t.still, { days: d })}`;
      case 'waiting':
        return `${
          l.kind === 'asset_version'
            ? fill(t.version, { number: l.number ?? 0, asset: title(l.title), file: plain(l.detail ?? '') })
            : fill(t.decision, { statement: `**${title(l.title)}**` })
        } — ${fill(t.waitingFor, { days: d })}`;
      case 'approved': {
        const total = l.confirmed.length + l.pending.length;
        const receipts = total ? `, ${fill(t.receipts, { confirmed: l.confirmed.length, total })}` : '';
        const owed = !total
          ? ''
          : l.pending.length
            ? `; ${fill(t.owe, { channels: l.pending.map(channel).join(', ') })}`
            : `; ${t.allConfirmed}`;
        return `${fill(t.version, { number: l.number ?? 0, asset: title(l.title), file: plain(l.detail ?? '') })} — ${person(l.user_id)}${receipts}${owed}`;
      }
      case 'decisions':
        return `${t.events[l.event ?? 'recorded']}: **${title(l.title)}** — ${person(l.user_id)}`;
      case 'rollouts': {
        const open = l.pending.length ? `; ${fill(t.stillOpen, { channels: l.pending.map(channel).join(', ') })}` : '';
        return `**${title(l.title)}** — ${fill(t.rollout, { done: l.confirmed.length, total: l.total ?? 0 })}${open}`;
      }
    }
  };
  let any = false;
  for (const s of r.sections) {
    if (!s.lines.length) continue;
    any = true;
    const hidden = s.lines.length - POST_LINES_MAX + s.more;
    out.push('', `**${t.sections[s.key]}** (${s.lines.length + s.more})`);
    for (const l of s.lines.slice(0, POST_LINES_MAX)) out.push(`- ${sayLine(s.key, l)}${item(l)}${source(l)}`);
    if (hidden > 0) out.push(`- ${fill(t.more, { n: hidden })}`);
  }
  if (!any) out.push('', t.nothing);
  let text = out.join('\n');
  if (text.length > POST_CHARS_MAX) text = `${text.slice(0, text.lastIndexOf('\n', POST_CHARS_MAX))}\n${t.cut}`;
  return text;
}
