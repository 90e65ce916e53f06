// docs/api.md's reference sections and docs/permissions.md, generated from the contract and the
// access policy so they cannot drift: `node --import tsx scripts/api-docs.mts` writes them;
// server-proxy/test/docs.test.ts fails while they differ.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as contract from '@throughline/contract';
import { ERROR_STATUS, ERROR_WHEN, LIMITS, PERMISSIONS, type ErrorCode } from '@throughline/contract';
import { RULES, allows, type Facts, type Standing } from '../server-proxy/src/access/policy.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const API_DOC = path.join(root, 'docs/api.md');
export const PERMISSIONS_DOC = path.join(root, 'docs/permissions.md');

type Schema = {
  type?: string | string[];
  anyOf?: Schema[];
  enum?: string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
};

/** Named schemas, printed by name wherever they appear inside another. */
const NAMED: [string, Schema][] = Object.entries(contract)
  .filter(([k, v]) => k.endsWith('Schema') && typeof v === 'object' && v !== null)
  .map(([k, v]) => [k.replace(/Schema$/, ''), v as Schema]);

function tsOf(s: Schema, top = false): string {
  const named = top ? undefined : NAMED.find(([, v]) => v === s);
  if (named) return named[0];
  if (s.enum) return s.enum.map((v) => `'${v}'`).join(' | ');
  if (s.anyOf) return s.anyOf.map((a) => tsOf(a)).join(' | ');
  if (Array.isArray(s.type)) return s.type.map((t) => (t === 'integer' ? 'number' : t)).join(' | ');
  switch (s.type) {
    case 'object': {
      const req = new Set(s.required ?? []);
      const fields = Object.entries(s.properties ?? {}).map(([k, v]) => `${k}${req.has(k) ? '' : '?'}: ${tsOf(v)}`);
      return `{${fields.join('; ')}}`;
    }
    case 'array':
      return `${wrap(tsOf(s.items ?? {}))}[]`;
    case 'integer':
      return 'number';
    case undefined:
      return 'unknown';
    default:
      return s.type;
  }
}
const wrap = (t: string) => (t.includes(' | ') ? `(${t})` : t);

const SHAPES = [
  'TaskStatus',
  'Task',
  'TaskFile',
  'TaskPage',
  'HistoryEntry',
  'Project',
  'UnsharedAsset',
  'AssetVersion',
  'Receipt',
  'Asset',
  'AssetHistoryEntry',
  'AssetDownload',
  'AssetDownloadPage',
  'ShelfItem',
  'Shelf',
  'DecisionStatus',
  'DecisionQuote',
  'Decision',
  'DecisionPage',
  'DecisionHistoryEntry',
  'RolloutVersion',
  'RolloutRow',
  'RolloutCounts',
  'Rollout',
  'ReceiptRequired',
  'DigestSettings',
  'DigestLine',
  'DigestSection',
  'Digest',
  'DigestSummary',
  'SearchHit',
  'MarkedText',
  'Mark',
  'SearchPage',
  'CampaignRecord',
  'Overview',
  'OverviewRow',
  'StatusCounts',
  'ApprovalStall',
  'WaitingFor',
  'Durations',
  'StatusDuration',
  'FlowDay',
  'DisappearingVersion',
  'Overdue',
  'OverviewUser',
  'OverviewChannel',
  'OverviewCell',
  'Due',
  'Feed',
  'CreatedFeed',
  'Me',
];
const CARDS = ['TaskSnapshot', 'ApprovalCardProps', 'DecisionCardProps', 'DigestCardProps'];

function typeLines(names: string[]): string {
  return names
    .map((n) => {
      const s = NAMED.find(([k]) => k === n)?.[1];
      if (!s) throw new Error(`no schema ${n}Schema in the contract`);
      return `type ${n} = ${tsOf(s, true)};`;
    })
    .join('\n');
}

function errorTable(): string {
  const rows = (Object.keys(ERROR_STATUS) as ErrorCode[]).map((c) => `| ${ERROR_STATUS[c]} | \`${c}\` | ${ERROR_WHEN[c]} |`);
  return ['| status | code | when |', '|---|---|---|', ...rows].join('\n');
}

function limitTable(): string {
  const rows = Object.entries(LIMITS).map(([k, v]) => `| \`${k}\` | ${v} |`);
  return ['| limit | value |', '|---|---|', ...rows].join('\n');
}

function eventList(): string {
  return contract.EVENT_TYPES.map((t) => `- \`${t}\``).join('\n');
}

const SECTIONS: Record<string, () => string> = {
  errors: errorTable,
  limits: limitTable,
  shapes: () => '```ts\n' + typeLines(SHAPES) + '\n```',
  cards: () => '```ts\n' + typeLines(CARDS) + '\n```',
  events: eventList,
};

/** docs/api.md with every generated section filled in from the contract. */
export function renderApiDoc(current: string): string {
  return current.replace(/(<!-- contract:(\w+) -->\n)[\s\S]*?(<!-- \/contract -->)/g, (_m, open: string, name: string, close: string) => {
    const section = SECTIONS[name];
    if (!section) throw new Error(`docs/api.md names an unknown section ${name}`);
    return `${open}${section()}\n${close}`;
  });
}

/** Who, relative to the channel an object lives in; the columns of docs/permissions.md. */
export const PERSONAS = {
  creator: { label: 'its creator (a member)', standing: 'member', isGuest: false, isSystemAdmin: false, creator: true },
  member: { label: 'member', standing: 'member', isGuest: false, isSystemAdmin: false, creator: false },
  channelAdmin: { label: 'channel admin', standing: 'admin', isGuest: false, isSystemAdmin: false, creator: false },
  systemAdmin: { label: 'system admin (a member)', standing: 'member', isGuest: false, isSystemAdmin: true, creator: false },
  guest: { label: 'guest of the channel', standing: 'guest', isGuest: true, isSystemAdmin: false, creator: false },
  otherGuest: { label: 'guest of other channels', standing: null, isGuest: true, isSystemAdmin: false, creator: false },
  stranger: { label: 'non-member', standing: null, isGuest: false, isSystemAdmin: false, creator: false },
} as const satisfies Record<
  string,
  { label: string; standing: Standing | null; isGuest: boolean; isSystemAdmin: boolean; creator: boolean }
>;
export type Persona = keyof typeof PERSONAS;
export const PERSONA_KEYS = Object.keys(PERSONAS) as Persona[];

export function personaFacts(persona: Persona): Facts {
  const p = PERSONAS[persona];
  const channel = 'the-channel';
  return {
    caller: { id: 'caller', isGuest: p.isGuest, isSystemAdmin: p.isSystemAdmin },
    standings: new Map(p.standing ? [[channel, p.standing]] : []),
    target: channel,
    createdBy: p.creator ? 'caller' : 'someone-else',
  };
}

export function renderPermissionsDoc(): string {
  const head = `| permission | who holds it | ${PERSONA_KEYS.map((k) => PERSONAS[k].label).join(' | ')} |`;
  const rule = `|---|---|${PERSONA_KEYS.map(() => ':-:').join('|')}|`;
  const rows = PERMISSIONS.map((perm) => {
    const cells = PERSONA_KEYS.map((k) => (allows(perm, personaFacts(k)) ? '✓' : '—'));
    return `| \`${perm}\` | ${RULES[perm].holders} | ${cells.join(' | ')} |`;
  });
  return `# Permissions

Generated from \`server-proxy/src/access/policy.ts\` by \`scripts/api-docs.mts\`; \`server-proxy/test/permissions.test.ts\`
walks this table against the running service. Columns are callers relative to the channel the object
lives in (for a project: its home channel; for linking and unlinking: the channel concerned).
A refusal is 404 when the caller may not know the object exists, 403 when they can see it.
Guests see only the channels they are members of: projects, assets and decisions list only those
of their channels, and only their channels' receipts. For a decision the channel is its source
channel (where it was proposed); it is read by members of any channel it applies to as well, but
its source post, text and quoted replies only by members of the source channel.

${head}
${rule}
${rows.join('\n')}
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  fs.writeFileSync(API_DOC, renderApiDoc(fs.readFileSync(API_DOC, 'utf8')));
  fs.writeFileSync(PERMISSIONS_DOC, renderPermissionsDoc());
}
