import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { CampaignRecordSchema } from '@throughline/contract';
import { newId } from '../src/util/ids.js';
import { C, ENGINE, U, count, dayFromNow, startStack, taskRow, type Stack } from './helpers.js';

const ALLOWED_TAGS = new Set(
  '!doctype html head meta title style body h1 h2 h3 div code table thead tbody tr th td b ul li p section span br'.split(' '),
);
const HOSTILE = `<script>alert(1)</script>"><img src=x onerror=alert(2)>'&`;

describe(`campaign record export [${ENGINE}]`, () => {
  let s: Stack;
  let projectId: string;
  let taskIds: string[];
  let decisionId: string;
  let assetId: string;
  let rolloutId: string;
  let bigId: string;
  before(async () => {
    s = await startStack();
    projectId = (await ok(req('POST', '/api/v1/projects', U.olga.token, { name: `Spring ${HOSTILE}`, channel_id: C.hq }))).id;
    for (const c of [C.kazan, C.samara]) await ok(req('POST', `/api/v1/projects/${projectId}/channels`, U.olga.token, { channel_id: c }));
    const due = `${dayFromNow(5)}T12:00:00.000Z`;
    const a = await ok(
      req('POST', '/api/v1/tasks', U.olga.token, { channel_id: C.hq, title: HOSTILE, description: HOSTILE, project_id: projectId }),
    );
    await ok(req('PATCH', `/api/v1/tasks/${a.id}`, U.olga.token, { version: a.version, status: 'in_progress', due_at: due }));
    const b = await ok(
      req('POST', '/api/v1/tasks', U.olga.token, { channel_id: C.kazan, title: 'Макет 6×3 для Казани', project_id: projectId }),
    );
    taskIds = [a.id, b.id];
    const d = await ok(
      req('POST', '/api/v1/decisions', U.olga.token, {
        project_id: projectId,
        channel_id: C.hq,
        statement: `Slogan B ${HOSTILE}`,
        rationale: HOSTILE,
        channel_ids: [C.kazan, C.samara],
      }),
    );
    await ok(req('POST', `/api/v1/decisions/${d.id}/decide`, U.olga.token, { version: d.version }));
    await ok(req('POST', `/api/v1/decisions/${d.id}/receipts/${C.kazan}`, U.kazan.token, {}));
    decisionId = d.id;
    assetId = (
      await ok(req('POST', '/api/v1/assets', U.olga.token, { project_id: projectId, name: HOSTILE, channel_ids: [C.hq, C.kazan] }))
    ).id;
    const form = new FormData();
    form.append('file', new Blob(['poster bytes'], { type: 'image/png' }), 'poster.png');
    const up = await fetch(`${s.url}/api/v1/assets/${assetId}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${U.olga.token}` },
      body: form,
    });
    assert.equal(up.status, 201);
    const version = (await up.json()) as { id: string };
    await ok(req('POST', `/api/v1/assets/${assetId}/versions/${version.id}/approve`, U.olga.token, { comment: HOSTILE }));
    for (const [token, query] of [
      [U.olga.token, `?channel_id=${C.hq}`],
      [U.kazan.token, `?channel_id=${C.kazan}`],
    ] as const) {
      const file = await fetch(`${s.url}/api/v1/assets/${assetId}/versions/${version.id}/file${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(file.status, 200);
      await file.arrayBuffer();
    }
    await ok(req('POST', `/api/v1/assets/${assetId}/receipts/${C.kazan}`, U.kazan.token, {}));
    const parent = await ok(
      req('POST', '/api/v1/tasks', U.olga.token, { channel_id: C.hq, title: 'Check the placement', project_id: projectId }),
    );
    rolloutId = (
      await ok(req('POST', '/api/v1/rollouts', U.olga.token, { task_id: parent.id, channel_ids: [C.kazan, C.samara], asset_id: assetId }))
    ).id;
  });
  after(async () => {
    await s.close();
  });

  const req = (method: string, path: string, token: string | null, body?: unknown, headers?: Record<string, string>) =>
    s.request(method, path, { token, body, headers });
  const ok = async (r: Promise<{ status: number; body: any }>) => {
    const a = await r;
    assert.ok(a.status < 300, `${a.status} ${JSON.stringify(a.body)}`);
    return a.body;
  };
  const exportOf = (query = '', token = U.olga.token, headers?: Record<string, string>) =>
    req('GET', `/api/v1/projects/${projectId}/export${query}`, token, undefined, headers);

  /** Tasks (and their "created" history) straight into the tables, in batches: `channelOf(i)` is the i-th task's channel. */
  const insertTasks = async (projectId: string, n: number, channelOf: (i: number) => string) => {
    const at = new Date().toISOString();
    const ids: string[] = [];
    for (let i = 0; i < n; i += 500) {
      const rows = Array.from({ length: Math.min(500, n - i) }, (_, j) => {
        const id = newId();
        ids.push(id);
        const title = `Store ${i + j}`;
        return taskRow({
          id,
          title,
          search_text: title.toLowerCase(),
          channel_id: channelOf(i + j),
          project_id: projectId,
          created_at: at,
        });
      });
      await s.db.insertInto('tasks').values(rows).execute();
      await s.db
        .insertInto('task_history')
        .values(
          rows.map((t) => ({
            id: newId(),
            task_id: t.id,
            actor_id: U.olga.id,
            action: 'created' as const,
            field: null,
            from_value: null,
            to_value: null,
            at,
          })),
        )
        .execute();
    }
    return ids;
  };

  it('exports everything as JSON in the documented shape, each item as the API shows it', async () => {
    const r = await exportOf();
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type')!, /^application\/json/);
    assert.match(
      r.headers.get('content-disposition')!,
      new RegExp(`^attachment; filename="campaign-record-${projectId}-\\d{4}-\\d{2}-\\d{2}\\.json"$`),
    );
    const rec: any = r.body;
    assert.ok(Value.Check(CampaignRecordSchema, r.body), JSON.stringify([...Value.Errors(CampaignRecordSchema, r.body)].slice(0, 3)));
    assert.equal(rec.format_version, 1);
    assert.equal(rec.exported_by, U.olga.id);
    assert.deepEqual(rec.project, (await req('GET', `/api/v1/projects/${projectId}`, U.olga.token)).body);

    // Tasks: the two, the rollout's parent and its two children, each with its history oldest first.
    assert.equal(rec.tasks.length, 5);
    const byId = new Map(rec.tasks.map((t: any) => [t.id, t]));
    for (const id of taskIds) {
      const { history, ...task } = byId.get(id) as any;
      assert.deepEqual(task, (await req('GET', `/api/v1/tasks/${id}`, U.olga.token)).body);
      assert.deepEqual(history, (await req('GET', `/api/v1/tasks/${id}/history?limit=500`, U.olga.token)).body.items.reverse());
    }
    const first = byId.get(taskIds[0]!) as any;
    assert.equal(first.history[0].action, 'created');
    assert.deepEqual(
      first.history
        .slice(1)
        .map((h: any) => h.field)
        .sort(),
      ['due_at', 'status'],
    );
    assert.ok(first.history.some((h: any) => h.field === 'status' && h.to === 'in_progress'));

    // The decision with its receipts (Kazan confirmed, Samara not) and its history.
    assert.equal(rec.decisions.length, 1);
    const { history: dh, ...decision } = rec.decisions[0];
    assert.deepEqual(decision, (await req('GET', `/api/v1/decisions/${decisionId}`, U.olga.token)).body);
    assert.deepEqual(dh, (await req('GET', `/api/v1/decisions/${decisionId}/history?limit=500`, U.olga.token)).body.items.reverse());
    assert.equal(decision.status, 'decided');
    assert.deepEqual(
      decision.receipts.map((x: any) => [x.channel_id, x.confirmed_by]),
      [
        [C.kazan, U.kazan.id],
        [C.samara, null],
      ].sort((x, y) => x[0]!.localeCompare(y[0]!)),
    );
    assert.deepEqual(
      dh.map((h: any) => h.action),
      ['recorded', 'decided', 'receipt_confirmed'],
    );

    // The asset: its approved version, who approved and who downloaded it, the receipts and the history.
    assert.equal(rec.assets.length, 1);
    const { history: ah, ...asset } = rec.assets[0];
    const downloads = asset.versions.map((v: any) => v.downloads);
    const shown = (await req('GET', `/api/v1/assets/${assetId}`, U.olga.token)).body;
    assert.deepEqual({ ...asset, versions: asset.versions.map(({ downloads: _, ...v }: any) => v) }, shown);
    assert.deepEqual(downloads, [(await req('GET', `/api/v1/assets/${assetId}/downloads`, U.olga.token)).body.items.reverse()]);
    assert.deepEqual(
      downloads[0].map((d: any) => [d.user_id, d.channel_id, d.version_id, d.after_superseded]),
      [
        [U.olga.id, C.hq, shown.versions[0].id, false],
        [U.kazan.id, C.kazan, shown.versions[0].id, false],
      ],
    );
    assert.equal(asset.versions[0].state, 'approved');
    assert.equal(asset.versions[0].decided_by, U.olga.id);
    assert.equal(asset.versions[0].decision_comment, HOSTILE);
    assert.ok(asset.receipts.some((x: any) => x.channel_id === C.kazan && x.confirmed_by === U.kazan.id));
    assert.deepEqual(
      ah.slice(0, 3).map((h: any) => h.action),
      ['created', 'version_added', 'approved'],
    );
    assert.ok(ah.some((h: any) => h.action === 'receipt_confirmed'));

    // The rollout with its rows, as GET /rollouts/:id answers.
    assert.deepEqual(rec.rollouts, [(await req('GET', `/api/v1/rollouts/${rolloutId}`, U.olga.token)).body]);
    assert.deepEqual(
      rec.rollouts[0].rows.map((row: any) => row.channel_id),
      [C.kazan, C.samara],
    );

    // Who and where, by name: everyone the record mentions, and the channels Olga is a member of.
    assert.deepEqual(
      rec.people.map((p: any) => [p.id, p.username]),
      [U.olga, U.kazan].map((u) => [u.id, u.username]).sort((x, y) => x[0]!.localeCompare(y[0]!)),
    );
    assert.equal(rec.people.find((p: any) => p.id === U.olga.id).display_name, 'Olga Smirnova');
    assert.deepEqual(
      rec.channels.map((c: any) => [c.id, c.name, c.display_name]),
      [
        [C.hq, 'campaign-hq', 'Spring Campaign · HQ'],
        [C.kazan, 'region-kazan', 'Region · Kazan'],
        [C.samara, 'region-samara', 'Region · Samara'],
      ].sort((x, y) => x[0]!.localeCompare(y[0]!)),
    );
  });

  it('names in the record only the channels the exporter is a member of', async () => {
    // Dmitry is in the home channel but not in Samara… until he is removed from it, Samara stays an id.
    s.mm.removeMember(C.samara, U.dmitry.id);
    try {
      const json = await exportOf('', U.dmitry.token);
      assert.equal(json.status, 200);
      assert.deepEqual(json.body.channels.map((c: any) => c.id).sort(), [C.hq, C.kazan].sort());
      const html: string = (await exportOf('?format=html&locale=en', U.dmitry.token)).body;
      assert.ok(html.includes(`<code>${C.samara}</code>`) && !html.includes('region-samara'));
      assert.ok(html.includes('Region · Kazan <span class="meta">~region-kazan</span>'));
    } finally {
      s.mm.addMember(C.samara, U.dmitry.id);
    }
  });

  it('leaves out an asset shared only with channels the exporter is not in, as their asset list does', async () => {
    const other = (await ok(req('POST', '/api/v1/projects', U.olga.token, { name: 'Samara posters', channel_id: C.hq }))).id;
    await ok(req('POST', `/api/v1/projects/${other}/channels`, U.olga.token, { channel_id: C.samara }));
    const hidden = (
      await ok(req('POST', '/api/v1/assets', U.olga.token, { project_id: other, name: 'Samara only', channel_ids: [C.samara] }))
    ).id;
    const seen = (await ok(req('POST', '/api/v1/assets', U.olga.token, { project_id: other, name: 'For HQ', channel_ids: [C.hq] }))).id;
    s.mm.removeMember(C.samara, U.dmitry.id);
    try {
      const list = await ok(req('GET', `/api/v1/assets?project_id=${other}`, U.dmitry.token));
      assert.deepEqual(
        list.items.map((a: any) => a.id),
        [seen],
      );
      const json = await req('GET', `/api/v1/projects/${other}/export`, U.dmitry.token);
      assert.equal(json.status, 200, JSON.stringify(json.body).slice(0, 300));
      assert.deepEqual(
        json.body.assets.map((a: any) => a.id),
        [seen],
      );
      const html = await req('GET', `/api/v1/projects/${other}/export?format=html&locale=en`, U.dmitry.token);
      assert.equal(html.status, 200);
      assert.ok(html.body.includes('For HQ') && !html.body.includes('Samara only'));
      // Olga, in Samara, has both.
      const full = await ok(req('GET', `/api/v1/projects/${other}/export`, U.olga.token));
      assert.deepEqual(full.assets.map((a: any) => a.id).sort(), [hidden, seen].sort());
    } finally {
      s.mm.addMember(C.samara, U.dmitry.id);
    }
  });

  it('prints a self-contained page with every person-written string escaped', async () => {
    const r = await exportOf('?format=html&locale=en');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type')!, /^text\/html; charset=utf-8/);
    assert.equal(r.headers.get('content-security-policy'), "default-src 'none'; style-src 'unsafe-inline'");
    assert.match(r.headers.get('content-disposition')!, /^attachment; filename="campaign-record-[0-9a-f-]+-\d{4}-\d{2}-\d{2}\.html"$/);
    const html: string = r.body;
    assert.ok(html.startsWith('<!doctype html>') && html.trimEnd().endsWith('</html>'));
    assert.ok(!/<script/i.test(html), 'no script, not even a person’s');
    // Every real tag is one of the page's own: a person's text never opens one, and none loads or runs anything.
    const tags = [...html.matchAll(/<\/?([a-z0-9!]+)([^>]*)>/gi)];
    const names = new Set(tags.map((m) => m[1]!.toLowerCase()));
    assert.deepEqual(
      [...names].filter((n) => !ALLOWED_TAGS.has(n)),
      [],
    );
    assert.deepEqual(
      tags.filter((m) => /\s(on\w+|src|href|style)\s*=/i.test(m[2]!)).map((m) => m[0]),
      [],
    );
    assert.ok(!/url\(|@import/i.test(html), 'no external style resource');
    assert.match(html, /<style>[^<]*@media print/);
    const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;&#39;&amp;';
    assert.ok(
      html.split(escaped).length - 1 >= 8,
      'project, task title and description, decision, rationale, asset (and in its rollout), comment',
    );
    assert.ok(html.includes('Макет 6×3 для Казани'));
    assert.ok(html.includes('Campaign record') && html.includes('Decisions') && html.includes('Rollouts'));
    // People and channels by name, not by id: the exporter, assignees, approvers, receipts, downloads.
    const olga = 'Olga Smirnova <span class="meta">@olga</span>';
    assert.ok(
      html.includes(`Exported `) && html.includes(`by ${olga} · Channels: Spring Campaign · HQ <span class="meta">~campaign-hq</span>`),
    );
    assert.ok(!html.includes(`<code>${U.olga.id}</code>`) && !html.includes(`<code>${C.kazan}</code>`), 'no bare id where a name is known');
    assert.match(
      html,
      new RegExp(`<th>Downloads</th>.*<li>[^<]+ · ${olga} · Spring Campaign · HQ <span class="meta">~campaign-hq</span></li>`),
    );
    assert.ok(html.includes('Айгуль Хасанова <span class="meta">@kazan</span> · Region · Kazan'));
    assert.ok(
      html.trimEnd().endsWith('<p class="meta">End of the record: tasks: 5, decisions: 1, assets: 1, rollouts: 1.</p></body></html>'),
    );
  });

  it('speaks Russian when asked, or when the browser prefers it', async () => {
    assert.ok((await exportOf('?format=html&locale=ru')).body.includes('Журнал кампании'));
    const byHeader = await exportOf('?format=html', U.olga.token, { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.5' });
    assert.ok(byHeader.body.includes('Журнал кампании') && byHeader.body.includes('<html lang="ru">'));
    assert.ok((await exportOf('?format=html', U.olga.token, { 'accept-language': 'en-US' })).body.includes('Campaign record'));
  });

  it('refuses bad input, guests, strangers, removed members and no token, writing nothing', async () => {
    const before = { tasks: await count(s.db, 'tasks'), outbox: await count(s.db, 'outbox'), history: await count(s.db, 'task_history') };
    const refused = async (r: Promise<{ status: number; body: any; headers: Headers }>, status: number, code: string) => {
      const a = await r;
      assert.equal(a.status, status, JSON.stringify(a.body));
      assert.equal(a.body.error.code, code);
      assert.match(a.headers.get('content-type')!, /^application\/json/);
      assert.equal(a.headers.get('content-disposition'), null);
    };
    await refused(exportOf('?format=pdf'), 400, 'validation_failed');
    await refused(exportOf('?format=html&locale=de'), 400, 'validation_failed');
    await refused(exportOf('?format=json&extra=1'), 400, 'validation_failed');
    await refused(exportOf(`?format=${'x'.repeat(5000)}`), 400, 'validation_failed');
    await refused(req('GET', '/api/v1/projects/not-a-uuid/export', U.olga.token), 400, 'validation_failed');
    await refused(req('GET', `/api/v1/projects/${newId()}/export`, U.olga.token), 404, 'not_found');
    await refused(exportOf('', U.kazan.token), 403, 'forbidden'); // a guest of a linked channel
    await refused(exportOf('', U.agency.token), 403, 'forbidden'); // a guest of the home channel itself
    await refused(exportOf('', U.pavel.token), 403, 'forbidden'); // staff of a linked channel, not of the home channel
    const elsewhere = (await ok(req('POST', '/api/v1/projects', U.olga.token, { name: 'Elsewhere', channel_id: C.novosibirsk }))).id;
    await refused(req('GET', `/api/v1/projects/${elsewhere}/export`, U.pavel.token), 404, 'not_found'); // a stranger
    await refused(req('GET', `/api/v1/projects/${elsewhere}/export`, null), 401, 'unauthorized');
    await refused(req('GET', `/api/v1/projects/${elsewhere}/export`, 'x'.repeat(26)), 401, 'unauthorized');
    assert.equal((await req('GET', `/api/v1/projects/${elsewhere}/export`, U.dmitry.token)).status, 200);
    s.mm.removeMember(C.novosibirsk, U.dmitry.id);
    await refused(req('GET', `/api/v1/projects/${elsewhere}/export`, U.dmitry.token), 404, 'not_found'); // removed
    assert.deepEqual(
      { tasks: await count(s.db, 'tasks'), outbox: await count(s.db, 'outbox'), history: await count(s.db, 'task_history') },
      before,
    );
  });

  it('streams a project of a few thousand tasks in full, in pages, in both formats', async () => {
    bigId = (await ok(req('POST', '/api/v1/projects', U.olga.token, { name: 'Big', channel_id: C.hq }))).id;
    const N = 3210;
    const ids = await insertTasks(bigId, N, () => C.hq);
    const r = await req('GET', `/api/v1/projects/${bigId}/export`, U.olga.token);
    assert.equal(r.status, 200);
    assert.equal(r.body.tasks.length, N);
    assert.deepEqual(
      r.body.tasks.map((t: any) => t.id),
      [...ids].sort(),
      'every task once, by id',
    );
    assert.ok(r.body.tasks.every((t: any) => t.history.length === 1 && t.history[0].task_id === t.id));
    const html = await req('GET', `/api/v1/projects/${bigId}/export?format=html`, U.olga.token);
    assert.equal(html.body.split('<tr><td><b>Store ').length - 1, N);
  });

  it('stops when the client goes away mid-stream, and keeps serving', async () => {
    // A reader that takes the first chunk of a few-thousand-task record and hangs up.
    const got = await new Promise<number>((resolve, reject) => {
      const r = http.get(
        `${s.url}/api/v1/projects/${bigId}/export?format=html`,
        { headers: { authorization: `Bearer ${U.olga.token}` } },
        (res) => {
          res.once('data', (chunk: Buffer) => {
            r.destroy();
            resolve(res.statusCode === 200 ? chunk.length : -1);
          });
        },
      );
      r.on('error', (e) =>
        e.message.includes('socket hang up') || (e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e),
      );
    });
    assert.ok(got > 0);
    const again = await req('GET', `/api/v1/projects/${bigId}/export`, U.olga.token);
    assert.equal(again.body.tasks.length, 3210);
  });

  it('escapes the names it prints, and a failure mid-stream leaves a failed download, not a file that looks whole', async () => {
    const odd = s.mm.addChannel({ id: newId().replace(/-/g, '').slice(0, 26), name: 'odd-one', display_name: `Odd ${HOSTILE}` });
    for (const u of [U.olga, U.throughline]) s.mm.addMember(odd.id, u.id);
    const loud = (await ok(req('POST', '/api/v1/projects', U.olga.token, { name: 'Loud', channel_id: C.hq }))).id;
    await ok(req('POST', `/api/v1/projects/${loud}/channels`, U.olga.token, { channel_id: odd.id }));
    const page = (await req('GET', `/api/v1/projects/${loud}/export?format=html&locale=en`, U.olga.token)).body as string;
    assert.ok(
      page.includes(
        `Odd ${HOSTILE.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')}`,
      ),
    );
    assert.ok(!page.includes(HOSTILE));

    // The second page of tasks lives in a channel Mattermost fails to answer for, once the first page is on its way.
    const broken = newId().replace(/-/g, '').slice(0, 26);
    await insertTasks(loud, 600, () => C.hq);
    await new Promise((r) => setTimeout(r, 5)); // ids are time-ordered: these sort after the first 600
    await insertTasks(loud, 100, () => broken);
    s.mm.answerWrongly({ prefix: `/api/v4/channels/${broken}`, status: 500, body: { id: 'app.error', message: 'boom', status_code: 500 } });
    try {
      for (const format of ['json', 'html'] as const) {
        const got = await new Promise<{ status: number; complete: boolean; body: string }>((resolve, reject) => {
          http
            .get(
              `${s.url}/api/v1/projects/${loud}/export?format=${format}&locale=en`,
              { headers: { authorization: `Bearer ${U.olga.token}` } },
              (res) => {
                let body = '';
                res.setEncoding('utf8');
                res.on('data', (c: string) => (body += c));
                res.on('error', () => undefined);
                res.on('close', () => resolve({ status: res.statusCode!, complete: res.complete, body }));
              },
            )
            .on('error', reject);
        });
        assert.equal(got.status, 200, format);
        assert.equal(got.complete, false, `${format}: the reply is cut, so the download fails`);
        const sent = got.body.split(format === 'json' ? '"title":"Store ' : '<tr><td><b>Store ').length - 1;
        assert.equal(sent, 500, `${format}: the first page of tasks was sent, the second was not`);
        if (format === 'json') {
          assert.throws(() => JSON.parse(got.body));
          assert.ok(!got.body.includes('"people"'), 'the record never closes');
        } else {
          assert.ok(!got.body.includes('</html>') && !got.body.includes('End of the record'));
          assert.ok(
            got.body.trimEnd().endsWith('<div class="failed">The export failed here: this record is incomplete. Export it again.</div>'),
          );
        }
      }
    } finally {
      s.mm.clearFaults();
    }
    // Mattermost answering again, the same record is whole.
    const whole = await req('GET', `/api/v1/projects/${loud}/export`, U.olga.token);
    assert.equal(whole.body.tasks.length, 700);
  });
});
