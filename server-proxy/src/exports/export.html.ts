import type { AssetDownload, Rollout } from '@throughline/contract';
import { statusName } from '../integrations/command.text.js';
import type { RecordNames } from './export.names.js';
import type { ExportedAsset, ExportedDecision, ExportedTask, RecordPages } from './export.service.js';
import { T, type ExportLocale } from './export.strings.js';

export type { ExportLocale } from './export.strings.js';

/** Every string a person wrote, and every id, goes through here before it is part of the page. */
export const esc = (s: string | number | null | undefined): string =>
  s === null || s === undefined
    ? ''
    : String(s).replace(/[&<>"'`]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]!);

const CSS = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;margin:24px;max-width:1100px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;border-bottom:2px solid #1c58d9;padding-bottom:4px;margin-top:32px}
h3{font-size:15px;margin:18px 0 4px}.meta{color:#555;font-size:12px}table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top;font-size:12px}th{background:#f2f4f8}
ul.h{margin:0;padding-left:16px;font-size:11px;color:#444}.pre{white-space:pre-wrap}code{font-size:11px}
section.item{border:1px solid #ddd;border-radius:4px;padding:8px 12px;margin:10px 0;break-inside:avoid}
.failed{border:2px solid #c62828;color:#c62828;padding:8px 12px;font-weight:bold}
@media print{body{margin:0;max-width:none;font-size:11px}h2{break-after:avoid}tr,section.item{break-inside:avoid}thead{display:table-header-group}a{color:inherit;text-decoration:none}}`;

/** What every piece of the page is written with: the words of its language and the names of people and channels. */
interface Page {
  l: (typeof T)[ExportLocale];
  locale: ExportLocale;
  /** A person by name (their username beside it), or their id when Mattermost did not name them. */
  who(id: string | null | undefined): string;
  /** A channel by name, or its id when the exporter is not a member of it. */
  where(id: string | null | undefined): string;
}

function pageOf(locale: ExportLocale, names: RecordNames): Page {
  return {
    l: T[locale],
    locale,
    who: (id) => {
      if (!id) return '';
      const p = names.people.get(id);
      return p ? `${esc(p.display_name)} <span class="meta">@${esc(p.username)}</span>` : `<code>${esc(id)}</code>`;
    },
    where: (id) => {
      if (!id) return '';
      const c = names.channels.get(id);
      return c ? `${esc(c.display_name)} <span class="meta">~${esc(c.name)}</span>` : `<code>${esc(id)}</code>`;
    },
  };
}

type Change = {
  actor_id: string;
  action: string;
  field?: string | null;
  from?: string | null;
  to?: string | null;
  detail?: string | null;
  at: string;
};

function historyList(x: Page, entries: readonly Change[]): string {
  if (!entries.length) return '';
  const value = (e: Change, v: string | null | undefined) => (v && e.field === 'assignee_id' ? x.who(v) : esc(v ?? '—'));
  const line = (e: Change) => {
    const change = e.field ? ` ${esc(e.field)}: ${value(e, e.from)} → ${value(e, e.to)}` : e.detail ? ` ${esc(e.detail)}` : '';
    return `<li>${esc(e.at)} · ${x.who(e.actor_id)} · ${esc(e.action)}${change}</li>`;
  };
  return `<ul class="h">${entries.map(line).join('')}</ul>`;
}

function taskRow(x: Page, t: ExportedTask): string {
  return (
    `<tr><td><b>${esc(t.title)}</b>${t.description ? `<div class="pre">${esc(t.description)}</div>` : ''}<div class="meta"><code>${esc(t.id)}</code></div></td>` +
    `<td>${esc(statusName(x.locale, t.status))}</td><td>${x.who(t.assignee_id)}</td><td>${esc(t.due_at)}</td>` +
    `<td>${x.where(t.channel_id)}</td><td>${esc(t.created_at)}<br>${x.who(t.created_by)}</td><td>${historyList(x, t.history)}</td></tr>`
  );
}

const receipts = (x: Page, list: ReadonlyArray<{ channel_id: string; confirmed_by: string | null; confirmed_at: string | null }>) =>
  list.length
    ? `<h3>${x.l.receipts}</h3><ul>${list
        .map(
          (r) =>
            `<li>${x.where(r.channel_id)}: ${r.confirmed_at ? `${x.l.confirmed} ${esc(r.confirmed_at)} · ${x.who(r.confirmed_by)}` : x.l.pending}</li>`,
        )
        .join('')}</ul>`
    : '';

function decisionItem(x: Page, d: ExportedDecision): string {
  const { l } = x;
  const who = (label: string, by: string | null, at: string | null) => (by ? `<div>${label}: ${x.who(by)} ${esc(at)}</div>` : '');
  const quotes = d.quotes.length
    ? `<h3>${l.quotes}</h3><ul>${d.quotes.map((q) => `<li>${x.who(q.user_id)} ${esc(q.created_at)}: <span class="pre">${esc(q.message)}</span></li>`).join('')}</ul>`
    : '';
  return (
    `<section class="item"><h3>${esc(d.statement)}</h3><div class="meta"><code>${esc(d.id)}</code> · ${esc(d.status)}</div>` +
    (d.rationale ? `<div><b>${l.rationale}:</b> <span class="pre">${esc(d.rationale)}</span></div>` : '') +
    who(l.proposedBy, d.proposed_by, d.created_at) +
    who(l.decidedBy, d.decided_by, d.decided_at) +
    who(l.revokedBy, d.revoked_by, d.revoked_at) +
    (d.revoke_reason ? `<div class="pre">${esc(d.revoke_reason)}</div>` : '') +
    (d.source_visible ? `<div>${l.source}: ${x.where(d.source_channel_id)} ${esc(d.permalink)}</div>` : '') +
    (d.source_text ? `<div class="pre">${esc(d.source_text)}</div>` : '') +
    quotes +
    receipts(x, d.receipts) +
    `<h3>${l.history}</h3>${historyList(x, d.history)}</section>`
  );
}

const downloadList = (x: Page, list: readonly AssetDownload[]) =>
  list.length
    ? `<ul class="h">${list
        .map(
          (d) =>
            `<li>${esc(d.at)} · ${x.who(d.user_id)}${d.channel_id ? ` · ${x.where(d.channel_id)}` : ''}${d.after_superseded ? ` · ${x.l.afterSuperseded}` : ''}</li>`,
        )
        .join('')}</ul>`
    : '';

function assetItem(x: Page, a: ExportedAsset): string {
  const { l } = x;
  const rows = a.versions
    .map(
      (v) =>
        `<tr><td>${esc(v.number)}</td><td>${esc(v.file_name)}<div class="meta">${esc(v.sha256)}</div></td><td>${esc(v.state)}</td>` +
        `<td>${esc(v.added_at)}<br>${x.who(v.added_by)}</td><td>${esc(v.decided_at)}<br>${x.who(v.decided_by)}</td><td class="pre">${esc(v.decision_comment)}</td>` +
        `<td>${downloadList(x, v.downloads)}</td></tr>`,
    )
    .join('');
  return (
    `<section class="item"><h3>${esc(a.name)}</h3><div class="meta"><code>${esc(a.id)}</code></div>` +
    `<table><thead><tr><th>${l.version}</th><th>${l.file}</th><th>${l.state}</th><th>${l.added}</th><th>${l.decided}</th><th>${l.comment}</th><th>${l.downloads}</th></tr></thead><tbody>${rows}</tbody></table>` +
    receipts(x, a.receipts) +
    `<h3>${l.history}</h3>${historyList(x, a.history)}</section>`
  );
}

function rolloutItem(x: Page, r: Rollout): string {
  const { l } = x;
  const rows = r.rows
    .map(
      (row) =>
        `<tr><td>${x.where(row.channel_id)}</td><td>${esc(row.task.title)}</td><td>${esc(statusName(x.locale, row.task.status))}</td>` +
        `<td>${x.who(row.task.assignee_id)}</td><td>${esc(row.task.due_at)}</td><td>${row.receipt?.confirmed_at ? `${l.confirmed} ${esc(row.receipt.confirmed_at)}` : row.receipt ? l.pending : ''}</td></tr>`,
    )
    .join('');
  const version = r.approved_version ? ` · ${l.approved}: ${esc(r.approved_version.number)} (${esc(r.approved_version.file_name)})` : '';
  return (
    `<section class="item"><h3>${l.task} <code>${esc(r.task_id)}</code></h3><div class="meta">${r.asset_name ? `${l.asset}: ${esc(r.asset_name)}` : ''}${version}</div>` +
    `<table><thead><tr><th>${l.channel}</th><th>${l.task}</th><th>${l.status}</th><th>${l.assignee}</th><th>${l.due}</th><th>${l.receipts}</th></tr></thead><tbody>${rows}</tbody></table></section>`
  );
}

/** Where the page stops when reading the record failed part way: nobody takes what was written for the whole record. */
export const incompleteNotice = (locale: ExportLocale): string => `<div class="failed">${T[locale].incomplete}</div>`;

/**
 * A printable page, self-contained: inline style, no script, nothing fetched; written page by page
 * as the record is read. It ends with a line that counts what it holds: a page without it is not whole.
 */
export async function* htmlChunks(r: RecordPages, locale: ExportLocale): AsyncGenerator<string> {
  const x = pageOf(locale, r.names);
  const { l } = x;
  const p = r.head.project;
  yield (
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${l.title}: ${esc(p.name)}</title><style>${CSS}</style></head><body>` +
    `<h1>${l.title}: ${esc(p.name)}</h1><div class="meta">${l.exportedAt} ${esc(r.head.exported_at)} ${l.exportedBy} ${x.who(r.head.exported_by)} · ` +
    `${l.channels}: ${p.channel_ids.map((c) => x.where(c)).join(', ')} · <code>${esc(p.id)}</code></div>`
  );
  const counts = { tasks: 0, decisions: 0, assets: 0, rollouts: 0 };
  yield `<h2>${l.tasks}</h2><table><thead><tr><th>${l.task}</th><th>${l.status}</th><th>${l.assignee}</th><th>${l.due}</th><th>${l.channel}</th><th>${l.created}</th><th>${l.history}</th></tr></thead><tbody>`;
  for await (const page of r.tasks()) {
    counts.tasks += page.length;
    yield page.map((t) => taskRow(x, t)).join('');
  }
  yield '</tbody></table>';
  const section = async function* <I>(title: string, key: keyof typeof counts, pages: AsyncGenerator<I[]>, item: (it: I) => string) {
    yield `<h2>${title}</h2>`;
    for await (const page of pages) {
      counts[key] += page.length;
      yield page.map(item).join('');
    }
    if (!counts[key]) yield `<p>${l.none}</p>`;
  };
  yield* section(l.decisions, 'decisions', r.decisions(), (d) => decisionItem(x, d));
  yield* section(l.assets, 'assets', r.assets(), (a) => assetItem(x, a));
  yield* section(l.rollouts, 'rollouts', r.rollouts(), (it) => rolloutItem(x, it));
  yield `<p class="meta">${l.end}: ${l.counted(counts.tasks, counts.decisions, counts.assets, counts.rollouts)}</p></body></html>\n`;
}
