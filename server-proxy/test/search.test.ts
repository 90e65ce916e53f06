import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Migrator, sql } from 'kysely';
import { Value } from 'typebox/value';
import { LIMITS, SEARCH_DEPTH_MAX, SearchPageSchema } from '@throughline/contract';
import { openDatabase } from '../src/db/database.js';
import { migrationProvider } from '../src/db/migrations/index.js';
import { document } from '../src/search/search.indexer.js';
import { writeDocuments } from '../src/search/search.repository.js';
import { newId } from '../src/util/ids.js';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { C, ENGINE, U, count, freshDatabase, slashCommand, startStack, taskRow, type Stack } from './helpers.js';

type Who = keyof typeof U;

/**
 * The same queries answer the same sets on SQLite and PostgreSQL: this table is the specification,
 * and the suite runs once per engine. Labels name the items seeded below.
 */
const TABLE: Array<{ who: Who; q: string; want: string[]; params?: Record<string, string> }> = [
  // Russian word forms: one stem, whatever the ending.
  { who: 'olga', q: 'макетов', want: ['A1', 'D1', 'T1', 'T2', 'T3', 'T5'] },
  { who: 'olga', q: 'макет', want: ['A1', 'D1', 'T1', 'T2', 'T3', 'T5'] },
  { who: 'olga', q: 'Макеты', want: ['A1', 'D1', 'T1', 'T2', 'T3', 'T5'] },
  // The verb finds the noun made of it.
  { who: 'olga', q: 'согласовать', want: ['D1', 'T2', 'T5'] },
  { who: 'olga', q: 'согласование', want: ['T2'] },
  // English stemming.
  { who: 'olga', q: 'layout', want: ['D2', 'T4'] },
  { who: 'olga', q: 'approving', want: ['D2', 'T4'] },
  { who: 'olga', q: 'prints', want: ['D2', 'T4'] },
  // Every word must match; words of either language together.
  { who: 'olga', q: 'макет слоган', want: ['D1', 'T1'] },
  { who: 'olga', q: 'outdoor макет', want: ['A1'] },
  { who: 'olga', q: 'flyer samara', want: ['A2', 'V2'] },
  { who: 'olga', q: '6×3', want: ['A1', 'T1'] },
  { who: 'olga', q: 'ёлочный', want: ['T4'] },
  // File names: an asset by its versions' files, a version by its own.
  { who: 'olga', q: 'maket', want: ['A1', 'V1'] },
  // Query syntax of either engine is only separators; SQL and markup are words like any other.
  { who: 'olga', q: '" * ( ) : ^ -', want: [] },
  { who: 'olga', q: 'макет* OR NOT (title:x) ^2 -', want: [] },
  { who: 'olga', q: '"макет" (макетов) макет:* ^макет -', want: ['A1', 'D1', 'T1', 'T2', 'T3', 'T5'] },
  { who: 'olga', q: "'; drop table tasks; --", want: [] },
  { who: 'olga', q: '<b>макет</b>', want: ['D1', 'T1'] },
  { who: 'olga', q: "макет' or '1'='1", want: [] },
  // Filters.
  { who: 'olga', q: 'макет', params: { kind: 'task' }, want: ['T1', 'T2', 'T3', 'T5'] },
  { who: 'olga', q: 'макет', params: { kind: 'decision' }, want: ['D1'] },
  { who: 'olga', q: 'макет', params: { kind: 'asset' }, want: ['A1'] },
  { who: 'olga', q: 'outdoor', params: { kind: 'version' }, want: ['V1'] },
  { who: 'olga', q: 'макет', params: { project: 'spring' }, want: ['A1', 'D1', 'T1', 'T2', 'T3'] },
  { who: 'olga', q: 'макет', params: { status: 'done' }, want: ['T3'] },
  { who: 'olga', q: 'макет', params: { status: 'proposed' }, want: ['D1'] },
  { who: 'olga', q: 'flyer', params: { status: 'proposed' }, want: ['V2'] },
  { who: 'olga', q: 'макет', params: { status: 'todo', kind: 'decision' }, want: [] },
  { who: 'olga', q: 'макет', params: { project: 'unknown' }, want: [] },
  // Only what the caller's channels hold: the Kazan franchisee sees Kazan's task, the decision that
  // applies to Kazan and the asset shared with Kazan, never Samara's or HQ's tasks.
  { who: 'kazan', q: 'макет', want: ['A1', 'D1', 'T2'] },
  { who: 'kazan', q: 'flyer', want: [] },
  { who: 'kazan', q: 'layout', want: [] },
  // The agency guest is in HQ: HQ's task, the decision proposed in HQ, the asset shared with HQ.
  { who: 'agency', q: 'макет', want: ['A1', 'D1', 'T1'] },
  { who: 'agency', q: 'печать', want: [] },
  // Pavel is in Samara only (of the project's channels).
  { who: 'pavel', q: 'макет', want: ['T3'] },
  { who: 'pavel', q: 'layout', want: ['D2'] },
  { who: 'pavel', q: 'flyer', want: ['A2', 'V2'] },
  { who: 'pavel', q: 'согласовать', want: [] },
];

describe(`search [${ENGINE}]`, () => {
  let s: Stack;
  let projectId: string;
  const ids: Record<string, string> = {};
  const label = new Map<string, string>();

  const req = (method: string, path: string, token: string | null, body?: unknown) => s.request(method, path, { token, body });
  const task = async (name: string, channel: string, title: string, description: string, project = true) => {
    const r = await req('POST', '/api/v1/tasks', U.olga.token, {
      channel_id: channel,
      title,
      description,
      ...(project ? { project_id: projectId } : {}),
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    ids[name] = r.body.id;
    label.set(r.body.id, name);
    return r.body;
  };
  const upload = async (assetId: string, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([`bytes of ${name}`], { type: 'image/png' }), name);
    const r = await fetch(`${s.url}/api/v1/assets/${assetId}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${U.olga.token}` },
      body: form,
    });
    assert.equal(r.status, 201);
    return ((await r.json()) as { id: string }).id;
  };
  const search = (who: Who | null, params: Record<string, string>) =>
    req('GET', `/api/v1/search?${new URLSearchParams(params)}`, who ? U[who].token : null);
  const found = async (who: Who, q: string, params: Record<string, string> = {}) => {
    const p = { ...params };
    if (p.project) p.project_id = p.project === 'spring' ? projectId : '00000000-0000-4000-8000-000000000000';
    delete p.project;
    const r = await search(who, { q, limit: '50', ...p });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.ok(Value.Check(SearchPageSchema, r.body), 'the answer matches the contract');
    return (r.body.items as Array<{ id: string }>).map((h) => label.get(h.id) ?? h.id).sort();
  };

  before(async () => {
    s = await startStack();
    const p = await req('POST', '/api/v1/projects', U.olga.token, { name: 'Spring campaign', channel_id: C.hq });
    projectId = p.body.id;
    for (const c of [C.kazan, C.samara]) await req('POST', `/api/v1/projects/${projectId}/channels`, U.olga.token, { channel_id: c });

    await task('T1', C.hq, 'Макет 6×3', 'Наружная реклама, слоган B');
    await task('T2', C.kazan, 'Макеты для витрин Казани', 'Согласование с франчайзи до пятницы');
    const t3 = await task('T3', C.samara, 'Печать макетов', 'Тираж 500 экземпляров');
    await req('PATCH', `/api/v1/tasks/${t3.id}`, U.olga.token, { version: t3.version, status: 'done' });
    await task('T4', C.hq, 'Approve the outdoor layouts', 'Running late: printing starts Monday. Ёлочный базар рядом.');
    await task('T5', C.novosibirsk, 'Баннер Новосибирск', 'Нужно согласовать макет', false);
    const t6 = await task('T6', C.hq, 'Макет, который удалят', 'черновик');
    assert.equal((await req('DELETE', `/api/v1/tasks/${t6.id}`, U.olga.token)).status, 204);

    const d1 = await req('POST', '/api/v1/decisions', U.olga.token, {
      project_id: projectId,
      channel_id: C.hq,
      statement: 'Согласовать слоган B для всех регионов',
      rationale: 'Макеты утверждены дизайн-студией',
      channel_ids: [C.kazan],
    });
    assert.equal(d1.status, 201, JSON.stringify(d1.body));
    ids.D1 = d1.body.id;
    const d2 = await req('POST', '/api/v1/decisions', U.olga.token, {
      project_id: projectId,
      channel_id: C.hq,
      statement: 'Print run approved',
      rationale: 'Budget for the layout agreed',
      channel_ids: [C.samara],
    });
    ids.D2 = d2.body.id;
    const decided = await req('POST', `/api/v1/decisions/${d2.body.id}/decide`, U.olga.token, { version: d2.body.version });
    assert.equal(decided.status, 200, JSON.stringify(decided.body));

    const a1 = await req('POST', '/api/v1/assets', U.olga.token, {
      project_id: projectId,
      name: 'Outdoor 6×3 макет',
      channel_ids: [C.hq, C.kazan],
    });
    assert.equal(a1.status, 201, JSON.stringify(a1.body));
    ids.A1 = a1.body.id;
    ids.V1 = await upload(a1.body.id, 'outdoor-6x3-maket-v1.png');
    const a2 = await req('POST', '/api/v1/assets', U.olga.token, { project_id: projectId, name: 'Samara flyer', channel_ids: [C.samara] });
    ids.A2 = a2.body.id;
    ids.V2 = await upload(a2.body.id, 'flyer-samara.pdf');
    for (const [name, id] of Object.entries(ids)) label.set(id, name);
  });
  after(async () => {
    await s.close();
  });

  for (const row of TABLE) {
    const extra = row.params ? ` ${JSON.stringify(row.params)}` : '';
    it(`${row.who}: "${row.q}"${extra} → ${row.want.join(', ') || 'nothing'}`, async () => {
      assert.deepEqual(await found(row.who, row.q, row.params), row.want);
    });
  }

  it('marks the matched words with ranges over the plain text, and quotes the rest around the first match', async () => {
    const r = await search('olga', { q: 'макетов', kind: 'task' });
    const t1 = r.body.items.find((h: { id: string }) => h.id === ids.T1);
    assert.deepEqual(t1.title, { text: 'Макет 6×3', marks: [{ start: 0, end: 5 }] });
    assert.equal(t1.kind, 'task');
    assert.equal(t1.channel_id, C.hq);
    assert.equal(t1.project_id, projectId);
    assert.equal(t1.status, 'todo');
    const t2 = r.body.items.find((h: { id: string }) => h.id === ids.T2);
    assert.deepEqual(t2.title.marks, [{ start: 0, end: 6 }]);
    const d = (await search('olga', { q: 'согласовать', kind: 'decision' })).body.items[0];
    assert.deepEqual(d.title.marks, [{ start: 0, end: 11 }]);
    assert.equal(d.snippet.text, 'Макеты утверждены дизайн-студией');
    assert.deepEqual(d.snippet.marks, []);
    const html = (await search('olga', { q: '<b>макет</b>', kind: 'task' })).body.items[0];
    assert.equal(html.title.text, 'Макет 6×3', 'text comes back as written, never as markup');
  });

  it('ranks a match in the title above a match in the description', async () => {
    const r = await search('olga', { q: 'макет', kind: 'task' });
    const order = r.body.items.map((h: { id: string }) => label.get(h.id));
    assert.equal(order.length, 4);
    assert.equal(order[3], 'T5', `only T5 has the word in its description: ${order}`);
  });

  it('pages through the results with a cursor, each hit once', async () => {
    const all = await found('olga', 'макет');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { status: number; body: { items: Array<{ id: string }>; next_cursor: string | null } } = await search('olga', {
        q: 'макет',
        limit: '2',
        ...(cursor ? { cursor } : {}),
      });
      assert.equal(r.status, 200);
      assert.ok(r.body.items.length <= 2);
      seen.push(...r.body.items.map((h) => label.get(h.id)!));
      cursor = r.body.next_cursor;
    } while (cursor);
    assert.deepEqual([...seen].sort(), all);
    assert.equal(new Set(seen).size, seen.length);
  });

  it('keeps the index in step with changes: an edited title, an edited rationale, a deleted task, a new version', async () => {
    const t = await task('T7', C.hq, 'Листовка А5', 'тираж');
    assert.deepEqual(await found('olga', 'листовки'), ['T7']);
    await task('T7b', C.hq, 'Наклейка на дверь', '');
    const patched = await req('PATCH', `/api/v1/tasks/${t.id}`, U.olga.token, { version: t.version, title: 'Плакат А1' });
    assert.equal(patched.status, 200);
    // The rewritten entry is numbered anew, as the newest write (what a search deeper than a cursor keeps first).
    const newest = await sql<{ key: string }>`select key from search_documents order by num desc limit 1`.execute(s.db);
    assert.equal(newest.rows[0]!.key, `task:${t.id}`);
    assert.deepEqual(await found('olga', 'листовки'), []);
    assert.deepEqual(await found('olga', 'плакаты'), ['T7']);
    // A change of status leaves the text alone and the status filter follows the item.
    await req('PATCH', `/api/v1/tasks/${t.id}`, U.olga.token, { version: patched.body.version, status: 'review' });
    assert.deepEqual(await found('olga', 'плакат', { status: 'review' }), ['T7']);
    assert.equal((await req('DELETE', `/api/v1/tasks/${t.id}`, U.olga.token)).status, 204);
    assert.deepEqual(await found('olga', 'плакат'), []);
    assert.equal(
      Number((await sql<{ n: number }>`select count(*) as n from search_documents where object_id = ${t.id}`.execute(s.db)).rows[0]!.n),
      0,
    );

    const d = await req('POST', '/api/v1/decisions', U.olga.token, {
      project_id: projectId,
      channel_id: C.hq,
      statement: 'Сдвинуть запуск',
      rationale: 'Типография',
    });
    const edited = await req('PATCH', `/api/v1/decisions/${d.body.id}`, U.olga.token, {
      version: d.body.version,
      rationale: 'Задержка поставщика',
    });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    label.set(d.body.id, 'D3');
    assert.deepEqual(await found('olga', 'поставщики'), ['D3']);
    assert.deepEqual(await found('olga', 'типографии'), []);

    // Tasks made elsewhere (a rollout's child tasks, one per channel) are indexed with their events.
    const parent = await task('T8', C.hq, 'Ростовая кукла у входа', 'для всех регионов');
    const rollout = await req('POST', '/api/v1/rollouts', U.olga.token, { task_id: parent.id, channel_ids: [C.kazan, C.samara] });
    assert.equal(rollout.status, 201, JSON.stringify(rollout.body));
    const children = (await search('olga', { q: 'ростовые куклы', kind: 'task' })).body.items;
    assert.equal(children.length, 3);
    assert.deepEqual(
      (await search('kazan', { q: 'ростовые куклы' })).body.items.map((h: { channel_id: string }) => h.channel_id),
      [C.kazan],
    );

    const v = await upload(ids.A2!, 'samara-billboard-final.png');
    label.set(v, 'V3');
    assert.deepEqual(await found('olga', 'billboards'), ['A2', 'V3']);
  });

  it('answers a removed member no more of the channel they left', async () => {
    assert.deepEqual(await found('dmitry', 'витрин'), ['T2']);
    s.mm.removeMember(C.kazan, U.dmitry.id);
    try {
      assert.deepEqual(await found('dmitry', 'витрин'), []);
      // The decision proposed in HQ is still his to see; the Kazan task is not.
      assert.deepEqual(await found('dmitry', 'макет'), ['A1', 'D1', 'T1', 'T3', 'T5']);
    } finally {
      s.mm.addMember(C.kazan, U.dmitry.id);
    }
  });

  it('refuses bad input with a 400 and no query of the index', async () => {
    const cases: Array<Record<string, string>> = [
      { q: 'q'.repeat(10_000) },
      { q: '"*():^-'.repeat(400) },
      { q: 'x'.repeat(LIMITS.queryMax + 1) },
      { q: 'макет', kind: 'project' },
      { q: 'макет', status: 'lost' },
      { q: 'макет', project_id: 'not-a-uuid' },
      { q: 'макет', project_id: "' or 1=1 --" },
      { q: 'макет', limit: '0' },
      { q: 'макет', limit: '51' },
      { q: 'макет', limit: 'many' },
      { q: 'макет', cursor: '-1' },
      { q: 'макет', cursor: 'abc' },
      { q: 'макет', unknown: '1' },
      {},
    ];
    for (const params of cases) {
      const r = await search('olga', params);
      assert.equal(r.status, 400, `${JSON.stringify(params).slice(0, 80)} → ${r.status}`);
      assert.equal(r.body.error.code, 'validation_failed');
    }
    // Ten thousand Cyrillic letters are 60 KB of URL: read, and refused like any query over the limit.
    const long = await search('olga', { q: 'м'.repeat(10_000) });
    assert.equal(long.status, 400);
    assert.equal(long.body.error.code, 'validation_failed');
    assert.match(long.body.error.message, /querystring\.q/);
    // Past what the service reads at all, the answer still has the one error shape.
    const huge = await search('olga', { q: 'м'.repeat(20_000) });
    assert.equal(huge.status, 431);
    assert.equal(huge.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(huge.body.error.code, 'request_too_large');
    assert.match(huge.body.error.message, /shorten the query/);
    const empty = await search('olga', { q: '' });
    assert.deepEqual(empty.body, { items: [], next_cursor: null });
    const deep = await search('olga', { q: 'макет', cursor: '9999' });
    assert.deepEqual(deep.body, { items: [], next_cursor: null });
  });

  it('answers /task find with the caller’s hits only, escaped, the words in bold, in their language', async () => {
    const kazan = await slashCommand(s, U.kazan, C.kazan, 'find макетов');
    assert.equal(kazan.status, 200);
    assert.equal(kazan.body.response_type, 'ephemeral');
    const text: string = kazan.body.text;
    assert.match(text, /^Найдено в ваших каналах \(3\):/);
    assert.ok(text.includes('Задача `#'), text);
    assert.ok(text.includes('**Макеты** для витрин Казани'), text);
    assert.ok(!text.includes('6×3 —') && !text.includes('Печать'), 'nothing of HQ or Samara tasks');
    const hostile = await req('POST', '/api/v1/tasks', U.olga.token, {
      channel_id: C.kazan,
      title: '@channel [макет](http://evil.example) <b>x</b>',
    });
    assert.equal(hostile.status, 201);
    const escaped: string = (await slashCommand(s, U.olga, C.kazan, 'find макет evil')).body.text;
    assert.ok(escaped.includes('@\u200bchannel \\[**макет**\\](http:\u200b//**evil**.example) &lt;b\\>x&lt;/b\\>'), escaped);
    await req('DELETE', `/api/v1/tasks/${hostile.body.id}`, U.olga.token);
    const english = await slashCommand(s, U.olga, C.hq, 'find layouts');
    assert.match(english.body.text, /^Found in your channels \(2\):/);
    assert.equal((await slashCommand(s, U.olga, C.hq, 'find')).body.text, 'Write what to find after the command: `/task find <words>`.');
    assert.match((await slashCommand(s, U.olga, C.hq, `find ${'x'.repeat(300)}`)).body.text, /^Too many characters/);
    assert.equal((await slashCommand(s, U.pavel, C.samara, 'find витрин')).body.text, 'В ваших каналах ничего не найдено.');
    assert.equal((await slashCommand(s, U.olga, C.hq, 'find " * ( ) : ^ -')).body.text, 'Nothing found in your channels.');
  });

  it('answers no caller without a session', async () => {
    assert.equal((await search(null, { q: 'макет' })).status, 401);
    const bad = await s.request('GET', '/api/v1/search?q=x', { token: 'not-a-real-token-000000000' });
    assert.equal(bad.status, 401);
  });

  it('ranks only the newest matches of a word in more documents than a cursor reaches, the same on both engines', async () => {
    // 99 older tasks with the word twice in the title (they would rank first), then 1,001 newer with it once in the description.
    const at = new Date().toISOString();
    const write = async (n: number, title: (i: number) => string, description: string) => {
      const rows = Array.from({ length: n }, (_, i) => ({ id: newId(), title: title(i), description }));
      await s.db
        .insertInto('tasks')
        .values(rows.map((r) => taskRow({ ...r, channel_id: C.novosibirsk, created_at: at })))
        .execute();
      await writeDocuments(
        s.db,
        ENGINE,
        rows.map((r) => document('task', r.id, r.title, r.description, C.novosibirsk)),
      );
      return rows.map((r) => r.id);
    };
    const older = new Set(await write(99, (i) => `Гирлянда гирлянда ${i}`, ''));
    const newer = new Set();
    for (let i = 0; i < SEARCH_DEPTH_MAX + 1; i += 500)
      for (const id of await write(Math.min(500, SEARCH_DEPTH_MAX + 1 - i), (j) => `Витрина ${i + j}`, 'с гирляндой')) newer.add(id);
    const seen: string[] = [];
    for (let cursor: string | null = '0'; cursor !== null;) {
      const r = await search('olga', { q: 'гирлянды', limit: '50', cursor });
      assert.equal(r.status, 200);
      seen.push(...r.body.items.map((h: { id: string }) => h.id));
      cursor = r.body.next_cursor;
    }
    assert.equal(seen.length, SEARCH_DEPTH_MAX);
    assert.equal(new Set(seen).size, SEARCH_DEPTH_MAX);
    assert.deepEqual(
      seen.filter((id) => older.has(id)),
      [],
      'the older, better-ranked ones are past the newest matches',
    );
    assert.ok(seen.every((id) => newer.has(id)));
  });

  it('builds the same index again with the reindex command (node dist/cli.js reindex)', async () => {
    const before = await found('olga', 'макет');
    const docs = await count(s.db, 'search_documents');
    await sql`delete from search_documents where kind = 'task'`.execute(s.db);
    if (ENGINE === 'sqlite') await sql`delete from search_fts where rowid not in (select num from search_documents)`.execute(s.db);
    assert.deepEqual(await found('olga', 'макет'), ['A1', 'D1']);
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'reindex'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', MM_URL: s.mm.url, ...s.databaseEnv },
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^reindex: ${docs} entries written`));
    assert.deepEqual(await found('olga', 'макет'), before);
  });
});

describe(`search index migration [${ENGINE}]`, () => {
  it('indexes the rows that were there before it', async () => {
    const database = await freshDatabase();
    const { db } = openDatabase({ databaseUrl: database.env.DATABASE_URL ?? null, dataDir: database.env.DATA_DIR! });
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      assert.equal((await migrator.migrateTo('20261201_0210_decision_proposal_cards')).error, undefined);
      const at = new Date().toISOString();
      await sql`insert into tasks (id, title, description, search_text, status, channel_id, files, created_by, created_at, updated_at, version)
        values ('t1', 'Согласование макетов', 'до пятницы', '', 'todo', ${C.hq}, '[]', ${U.olga.id}, ${at}, ${at}, 1),
               ('t2', 'Удалённая', '', '', 'todo', ${C.hq}, '[]', ${U.olga.id}, ${at}, ${at}, 1)`.execute(db);
      await sql`update tasks set deleted_at = ${at} where id = 't2'`.execute(db);
      assert.equal((await migrator.migrateToLatest()).error, undefined);
      const rows = await db.selectFrom('search_documents').select(['key', 'title']).execute();
      assert.deepEqual(rows, [{ key: 'task:t1', title: 'Согласование макетов' }]);
      assert.equal((await migrator.migrateTo('20261201_0210_decision_proposal_cards')).error, undefined);
    } finally {
      await db.destroy();
      await database.drop();
    }
  });
});
