import type { Rollout } from '@throughline/contract';
import { statusName } from '../integrations/command.text.js';
import type { ExportedAsset, ExportedDecision, ExportedTask, RecordPages } from './export.service.js';

export type ExportLocale = 'en' | 'ru';

/** Every string a person wrote, and every id, goes through here before it is part of the page. */
export const esc = (s: string | number | null | undefined): string =>
  s === null || s === undefined
    ? ''
    : String(s).replace(/[&<>"'`]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]!);

const T = {
  en: {
    title: 'Campaign record',
    exportedAt: 'Exported',
    exportedBy: 'by',
    channels: 'Channels',
    tasks: 'Tasks',
    decisions: 'Decisions',
    assets: 'Assets',
    rollouts: 'Rollouts',
    task: 'Task',
    status: 'Status',
    assignee: 'Assignee',
    due: 'Due',
    channel: 'Channel',
    created: 'Created',
    history: 'History',
    rationale: 'Rationale',
    proposedBy: 'Proposed by',
    decidedBy: 'Decided by',
    revokedBy: 'Revoked by',
    source: 'Source',
    quotes: 'Quoted replies',
    receipts: 'Receipts',
    confirmed: 'confirmed',
    pending: 'not yet confirmed',
    version: 'Version',
    file: 'File',
    state: 'State',
    added: 'Added',
    decided: 'Decided',
    comment: 'Comment',
    asset: 'Asset',
    approved: 'Approved version',
    none: 'None.',
  },
  ru: {
    title: 'Журнал кампании',
    exportedAt: 'Выгружено',
    exportedBy: 'пользователем',
    channels: 'Каналы',
    tasks: 'Задачи',
    decisions: 'Решения',
    assets: 'Материалы',
    rollouts: 'Раскатки',
    task: 'Задача',
    status: 'Статус',
    assignee: 'Исполнитель',
    due: 'Срок',
    channel: 'Канал',
    created: 'Создана',
    history: 'История',
    rationale: 'Обоснование',
    proposedBy: 'Предложил',
    decidedBy: 'Принял',
    revokedBy: 'Отозвал',
    source: 'Источник',
    quotes: 'Цитаты из обсуждения',
    receipts: 'Подтверждения получения',
    confirmed: 'подтверждено',
    pending: 'ещё не подтверждено',
    version: 'Версия',
    file: 'Файл',
    state: 'Состояние',
    added: 'Добавлена',
    decided: 'Решение',
    comment: 'Комментарий',
    asset: 'Материал',
    approved: 'Утверждённая версия',
    none: 'Нет.',
  },
} as const satisfies Record<ExportLocale, Record<string, string>>;

const CSS = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;margin:24px;max-width:1100px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;border-bottom:2px solid #1c58d9;padding-bottom:4px;margin-top:32px}
h3{font-size:15px;margin:18px 0 4px}.meta{color:#555;font-size:12px}table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top;font-size:12px}th{background:#f2f4f8}
ul.h{margin:0;padding-left:16px;font-size:11px;color:#444}.pre{white-space:pre-wrap}code{font-size:11px}
section.item{border:1px solid #ddd;border-radius:4px;padding:8px 12px;margin:10px 0;break-inside:avoid}
@media print{body{margin:0;max-width:none;font-size:11px}h2{break-after:avoid}tr,section.item{break-inside:avoid}thead{display:table-header-group}a{color:inherit;text-decoration:none}}`;

type L = (typeof T)[ExportLocale];
type Change = {
  actor_id: string;
  action: string;
  field?: string | null;
  from?: string | null;
  to?: string | null;
  detail?: string | null;
  at: string;
};

function historyList(entries: readonly Change[]): string {
  if (!entries.length) return '';
  const line = (e: Change) => {
    const change = e.field ? ` ${esc(e.field)}: ${esc(e.from ?? '—')} → ${esc(e.to ?? '—')}` : e.detail ? ` ${esc(e.detail)}` : '';
    return `<li>${esc(e.at)} · <code>${esc(e.actor_id)}</code> · ${esc(e.action)}${change}</li>`;
  };
  return `<ul class="h">${entries.map(line).join('')}</ul>`;
}

function taskRow(l: L, locale: ExportLocale, t: ExportedTask): string {
  return (
    `<tr><td><b>${esc(t.title)}</b>${t.description ? `<div class="pre">${esc(t.description)}</div>` : ''}<div class="meta"><code>${esc(t.id)}</code></div></td>` +
    `<td>${esc(statusName(locale, t.status))}</td><td><code>${esc(t.assignee_id)}</code></td><td>${esc(t.due_at)}</td>` +
    `<td><code>${esc(t.channel_id)}</code></td><td>${esc(t.created_at)}<br><code>${esc(t.created_by)}</code></td><td>${historyList(t.history)}</td></tr>`
  );
}

const receipts = (l: L, list: ReadonlyArray<{ channel_id: string; confirmed_by: string | null; confirmed_at: string | null }>) =>
  list.length
    ? `<h3>${l.receipts}</h3><ul>${list
        .map(
          (r) =>
            `<li><code>${esc(r.channel_id)}</code>: ${r.confirmed_at ? `${l.confirmed} ${esc(r.confirmed_at)} · <code>${esc(r.confirmed_by)}</code>` : l.pending}</li>`,
        )
        .join('')}</ul>`
    : '';

function decisionItem(l: L, d: ExportedDecision): string {
  const who = (label: string, by: string | null, at: string | null) =>
    by ? `<div>${label}: <code>${esc(by)}</code> ${esc(at)}</div>` : '';
  const quotes = d.quotes.length
    ? `<h3>${l.quotes}</h3><ul>${d.quotes.map((q) => `<li><code>${esc(q.user_id)}</code> ${esc(q.created_at)}: <span class="pre">${esc(q.message)}</span></li>`).join('')}</ul>`
    : '';
  return (
    `<section class="item"><h3>${esc(d.statement)}</h3><div class="meta"><code>${esc(d.id)}</code> · ${esc(d.status)}</div>` +
    (d.rationale ? `<div><b>${l.rationale}:</b> <span class="pre">${esc(d.rationale)}</span></div>` : '') +
    who(l.proposedBy, d.proposed_by, d.created_at) +
    who(l.decidedBy, d.decided_by, d.decided_at) +
    who(l.revokedBy, d.revoked_by, d.revoked_at) +
    (d.revoke_reason ? `<div class="pre">${esc(d.revoke_reason)}</div>` : '') +
    (d.source_visible ? `<div>${l.source}: <code>${esc(d.source_channel_id)}</code> ${esc(d.permalink)}</div>` : '') +
    (d.source_text ? `<div class="pre">${esc(d.source_text)}</div>` : '') +
    quotes +
    receipts(l, d.receipts) +
    `<h3>${l.history}</h3>${historyList(d.history)}</section>`
  );
}

function assetItem(l: L, a: ExportedAsset): string {
  const rows = a.versions
    .map(
      (v) =>
        `<tr><td>${esc(v.number)}</td><td>${esc(v.file_name)}<div class="meta">${esc(v.sha256)}</div></td><td>${esc(v.state)}</td>` +
        `<td>${esc(v.added_at)}<br><code>${esc(v.added_by)}</code></td><td>${esc(v.decided_at)}<br><code>${esc(v.decided_by)}</code></td><td class="pre">${esc(v.decision_comment)}</td></tr>`,
    )
    .join('');
  return (
    `<section class="item"><h3>${esc(a.name)}</h3><div class="meta"><code>${esc(a.id)}</code></div>` +
    `<table><thead><tr><th>${l.version}</th><th>${l.file}</th><th>${l.state}</th><th>${l.added}</th><th>${l.decided}</th><th>${l.comment}</th></tr></thead><tbody>${rows}</tbody></table>` +
    receipts(l, a.receipts) +
    `<h3>${l.history}</h3>${historyList(a.history)}</section>`
  );
}

function rolloutItem(l: L, locale: ExportLocale, r: Rollout): string {
  const rows = r.rows
    .map(
      (row) =>
        `<tr><td><code>${esc(row.channel_id)}</code></td><td>${esc(row.task.title)}</td><td>${esc(statusName(locale, row.task.status))}</td>` +
        `<td><code>${esc(row.task.assignee_id)}</code></td><td>${esc(row.task.due_at)}</td><td>${row.receipt?.confirmed_at ? `${l.confirmed} ${esc(row.receipt.confirmed_at)}` : row.receipt ? l.pending : ''}</td></tr>`,
    )
    .join('');
  const version = r.approved_version ? ` · ${l.approved}: ${esc(r.approved_version.number)} (${esc(r.approved_version.file_name)})` : '';
  return (
    `<section class="item"><h3>${l.task} <code>${esc(r.task_id)}</code></h3><div class="meta">${r.asset_name ? `${l.asset}: ${esc(r.asset_name)}` : ''}${version}</div>` +
    `<table><thead><tr><th>${l.channel}</th><th>${l.task}</th><th>${l.status}</th><th>${l.assignee}</th><th>${l.due}</th><th>${l.receipts}</th></tr></thead><tbody>${rows}</tbody></table></section>`
  );
}

/** A printable page, self-contained: inline style, no script, nothing fetched; written page by page as the record is read. */
export async function* htmlChunks(r: RecordPages, locale: ExportLocale): AsyncGenerator<string> {
  const l = T[locale];
  const p = r.head.project;
  yield (
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${l.title}: ${esc(p.name)}</title><style>${CSS}</style></head><body>` +
    `<h1>${l.title}: ${esc(p.name)}</h1><div class="meta">${l.exportedAt} ${esc(r.head.exported_at)} ${l.exportedBy} <code>${esc(r.head.exported_by)}</code> · ` +
    `${l.channels}: ${p.channel_ids.map((c) => `<code>${esc(c)}</code>`).join(', ')} · <code>${esc(p.id)}</code></div>`
  );
  yield `<h2>${l.tasks}</h2><table><thead><tr><th>${l.task}</th><th>${l.status}</th><th>${l.assignee}</th><th>${l.due}</th><th>${l.channel}</th><th>${l.created}</th><th>${l.history}</th></tr></thead><tbody>`;
  for await (const page of r.tasks()) yield page.map((t) => taskRow(l, locale, t)).join('');
  yield '</tbody></table>';
  const section = async function* <T>(title: string, pages: AsyncGenerator<T[]>, item: (x: T) => string) {
    yield `<h2>${title}</h2>`;
    let any = false;
    for await (const page of pages) {
      if (page.length) any = true;
      yield page.map(item).join('');
    }
    if (!any) yield `<p>${l.none}</p>`;
  };
  yield* section(l.decisions, r.decisions(), (d) => decisionItem(l, d));
  yield* section(l.assets, r.assets(), (a) => assetItem(l, a));
  yield* section(l.rollouts, r.rollouts(), (x) => rolloutItem(l, locale, x));
  yield '</body></html>\n';
}
