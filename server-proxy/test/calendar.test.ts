import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import { LIMITS } from '@throughline/contract';
import { loggerOptions } from '../src/app.js';
import { newId } from '../src/util/ids.js';
import { C, ENGINE, P, U, count, dayFromNow, startStack, taskRow, type Stack } from './helpers.js';

interface Event {
  uid: string;
  summary: string;
  description: string;
  url: string | null;
  allDay: boolean;
  /** YYYY-MM-DD for an all-day event, the ISO instant otherwise. */
  start: string;
  end: string | null;
}

/** The feed parsed back by a calendar library, event by event, keyed by task id. */
function parseFeed(text: string): { name: string; events: Map<string, Event> } {
  const cal = new ICAL.Component(ICAL.parse(text));
  assert.equal(cal.name, 'vcalendar');
  assert.equal(cal.getFirstPropertyValue('version'), '2.0');
  const events = new Map<string, Event>();
  for (const v of cal.getAllSubcomponents('vevent')) {
    const e = new ICAL.Event(v);
    const allDay = e.startDate.isDate;
    const day = (t: ICAL.Time) => t.toString().slice(0, 10);
    const event: Event = {
      uid: e.uid,
      summary: e.summary,
      description: e.description,
      url: (v.getFirstPropertyValue('url') as string | null) ?? null,
      allDay,
      start: allDay ? day(e.startDate) : e.startDate.toJSDate().toISOString(),
      end: v.hasProperty('dtend') ? (allDay ? day(e.endDate) : e.endDate.toJSDate().toISOString()) : null,
    };
    assert.match(event.uid, /@throughline$/);
    events.set(event.uid.replace(/@throughline$/, ''), event);
  }
  return { name: String(cal.getFirstPropertyValue('x-wr-calname')), events };
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe(`calendar feeds [${ENGINE}]`, () => {
  let s: Stack;
  const logs: string[] = [];
  let projectId: string;
  let hqOnlyId: string;
  const t: Record<string, { id: string; title: string; due_at: string | null; permalink: string | null }> = {};
  const tokens: string[] = [];

  const req = (method: string, path: string, token: string | null, body?: unknown) => s.request(method, path, { token, body });
  const task = async (key: string, body: Record<string, unknown>) => {
    const r = await req('POST', '/api/v1/tasks', U.olga.token, body);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    t[key] = r.body;
    return r.body;
  };
  /** Makes a feed, keeping its token so the logs can be searched for it. */
  const createFeed = async (token: string, body: Record<string, unknown>) => {
    const r = await req('POST', '/api/v1/me/feeds', token, body);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const url = new URL(r.body.url);
    const m = /^\/throughline-api(\/api\/v1\/feeds\/([A-Za-z0-9_-]{43})\.ics)$/.exec(url.pathname);
    assert.ok(m, `a feed address under the site mount: ${r.body.url}`);
    tokens.push(m[2]!);
    return { id: r.body.feed.id as string, path: m[1]!, token: m[2]!, body: r.body };
  };
  /** A calendar app's fetch: no cookie, no Authorization. */
  const fetchFeed = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(s.url + path, { headers });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      text,
      body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null,
    };
  };
  const eventsOf = async (path: string) => {
    const r = await fetchFeed(path);
    assert.equal(r.status, 200, r.text);
    return parseFeed(r.text);
  };

  before(async () => {
    s = await startStack({}, { ...(loggerOptions('info') as object), stream: { write: (line: string) => void logs.push(line) } });
    const p = await req('POST', '/api/v1/projects', U.olga.token, { name: 'Spring “launch”', channel_id: C.hq });
    projectId = p.body.id;
    for (const channel of [C.kazan, C.samara])
      assert.equal((await req('POST', `/api/v1/projects/${projectId}/channels`, U.olga.token, { channel_id: channel })).status, 200);
    hqOnlyId = (await req('POST', '/api/v1/projects', U.olga.token, { name: 'HQ only', channel_id: C.hq })).body.id;

    await task('hostile', {
      channel_id: C.hq,
      project_id: projectId,
      title: 'Layout, "final"; v2 \\ @channel <b>bold</b> — 6×3',
      assignee_id: U.dmitry.id,
      due_at: dayFromNow(3),
    });
    await task('timed', {
      channel_id: C.kazan,
      project_id: projectId,
      title: 'Kazan install',
      assignee_id: U.dmitry.id,
      due_at: `${dayFromNow(5)}T14:30:00.000Z`,
    });
    // 23:59:59 in Moscow, the Kazan franchisee's zone: the webapp's "end of the chosen day" for her.
    await task('moscowDay', {
      channel_id: C.kazan,
      project_id: projectId,
      title: 'Kazan photos',
      assignee_id: U.kazan.id,
      due_at: `${dayFromNow(6)}T20:59:59.000Z`,
    });
    await task('samara', {
      channel_id: C.samara,
      project_id: projectId,
      title: 'Samara print',
      assignee_id: U.pavel.id,
      due_at: dayFromNow(2),
    });
    await task('undated', { channel_id: C.hq, project_id: projectId, title: 'No date', assignee_id: U.dmitry.id });
    await task('done', { channel_id: C.hq, project_id: projectId, title: 'Done one', assignee_id: U.dmitry.id, due_at: dayFromNow(1) });
    assert.equal((await req('PATCH', `/api/v1/tasks/${t.done!.id}`, U.olga.token, { version: 1, status: 'done' })).status, 200);
    await task('deleted', {
      channel_id: C.hq,
      project_id: projectId,
      title: 'Deleted one',
      assignee_id: U.dmitry.id,
      due_at: dayFromNow(1),
    });
    assert.equal((await req('DELETE', `/api/v1/tasks/${t.deleted!.id}`, U.olga.token)).status, 204);
    await task('outside', { channel_id: C.townSquare, title: 'Town square chore', assignee_id: U.dmitry.id, due_at: dayFromNow(4) });
    // From a message: the event links back to it.
    const fromPost = await req('POST', '/api/v1/tasks', U.olga.token, {
      post_id: P.hqWithFiles.id,
      project_id: projectId,
      assignee_id: U.dmitry.id,
      due_at: `${dayFromNow(8)}T09:15:00Z`,
    });
    assert.equal(fromPost.status, 201, JSON.stringify(fromPost.body));
    t.fromPost = fromPost.body;
  });

  after(async () => {
    await s.close();
  });

  it('a person feed holds the open, dated tasks assigned to them, in every channel they are in, parsed back event by event', async () => {
    const feed = await createFeed(U.dmitry.token, { kind: 'person' });
    assert.deepEqual(Object.keys(feed.body).sort(), ['feed', 'url']);
    assert.equal(feed.body.feed.kind, 'person');
    assert.equal(feed.body.feed.project_id, null);
    assert.equal(feed.body.feed.last_fetched_at, null);

    const { name, events } = await eventsOf(feed.path);
    assert.equal(name, 'Throughline · my tasks');
    assert.deepEqual([...events.keys()].sort(), [t.hostile!.id, t.timed!.id, t.outside!.id, t.fromPost!.id].sort());

    // A date without a time: the whole day, ending (exclusively) the next day. The title as written, escaped by the library.
    const hostile = events.get(t.hostile!.id)!;
    assert.equal(hostile.summary, t.hostile!.title);
    assert.equal(hostile.allDay, true);
    assert.equal(hostile.start, dayFromNow(3));
    assert.equal(hostile.end, nextDay(dayFromNow(3)));
    assert.match(hostile.description, /^Status: To do/);

    const timed = events.get(t.timed!.id)!;
    assert.equal(timed.allDay, false);
    assert.equal(timed.start, `${dayFromNow(5)}T14:30:00.000Z`);
    assert.equal(timed.summary, 'Kazan install');

    const linked = events.get(t.fromPost!.id)!;
    assert.ok(t.fromPost!.permalink, 'a task made from a message has its permalink');
    assert.equal(linked.url, t.fromPost!.permalink);
    assert.ok(linked.description.includes(t.fromPost!.permalink!));
    assert.equal(linked.summary, t.fromPost!.title);
    assert.equal(events.get(t.outside!.id)!.url, null);
  });

  it('a project feed holds every due date of the project its reader may see; a guest sees only their channels', async () => {
    const olga = await createFeed(U.olga.token, { kind: 'project', project_id: projectId });
    assert.equal(olga.body.feed.project_name, 'Spring “launch”');
    const staff = await eventsOf(olga.path);
    assert.equal(staff.name, 'Throughline · Spring “launch”');
    assert.deepEqual(
      [...staff.events.keys()].sort(),
      [t.hostile!.id, t.timed!.id, t.moscowDay!.id, t.samara!.id, t.fromPost!.id].sort(),
      'open, dated, not deleted, of this project only',
    );
    // Olga is in London: 20:59:59 UTC is a moment of her day, not its end.
    assert.equal(staff.events.get(t.moscowDay!.id)!.allDay, false);
    assert.equal(staff.events.get(t.moscowDay!.id)!.start, `${dayFromNow(6)}T20:59:59.000Z`);

    const kazan = await createFeed(U.kazan.token, { kind: 'project', project_id: projectId });
    const guest = await eventsOf(kazan.path);
    assert.deepEqual([...guest.events.keys()].sort(), [t.timed!.id, t.moscowDay!.id].sort(), 'the Kazan channel only');
    // For her (Moscow) it is the end of the chosen day: the whole day, in her language.
    const day = guest.events.get(t.moscowDay!.id)!;
    assert.equal(day.allDay, true);
    assert.equal(day.start, dayFromNow(6));
    assert.match(day.description, /^Статус: К выполнению/);
    assert.equal(guest.name, 'Throughline · Spring “launch”');

    const mine = await createFeed(U.kazan.token, { kind: 'person' });
    assert.deepEqual([...(await eventsOf(mine.path)).events.keys()], [t.moscowDay!.id]);
  });

  it('needs no cookie or Authorization, ignores whoever else sends one, and answers text/calendar with an ETag', async () => {
    const feed = await createFeed(U.dmitry.token, { kind: 'person' });
    const plain = await fetchFeed(feed.path);
    assert.equal(plain.status, 200);
    assert.equal(plain.headers.get('content-type'), 'text/calendar; charset=utf-8');
    assert.ok(plain.text.startsWith('BEGIN:VCALENDAR\r\n'), 'CRLF lines');
    const etag = plain.headers.get('etag');
    assert.match(etag ?? '', /^"[A-Za-z0-9_-]+"$/);
    const other = await fetchFeed(feed.path, { authorization: `Bearer ${U.pavel.token}`, cookie: `MMAUTHTOKEN=${U.kazan.token}` });
    assert.equal(other.status, 200);
    assert.equal(other.text, plain.text, 'the feed is its owner’s whoever asks');
    assert.ok(parseFeed(other.text).events.has(t.timed!.id), "dmitry's tasks, not pavel's or the franchisee's");
    const again = await fetchFeed(feed.path, { 'if-none-match': etag! });
    assert.equal(again.status, 304);
    assert.equal(again.text, '');
  });

  it('stores only the SHA-256 of the token, and lists feeds with no secret, with when they were last fetched', async () => {
    const feed = await createFeed(U.pavel.token, { kind: 'person' });
    const rows = await s.db.selectFrom('calendar_feeds').selectAll().where('id', '=', feed.id).execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.token_hash, createHash('sha256').update(feed.token).digest('base64url'));
    const everything = JSON.stringify(await s.db.selectFrom('calendar_feeds').selectAll().execute());
    for (const token of tokens) assert.ok(!everything.includes(token), 'no token is stored as such');

    const before = await req('GET', '/api/v1/me/feeds', U.pavel.token);
    assert.equal(before.status, 200);
    assert.deepEqual(before.body.items, [feed.body.feed]);
    assert.equal((await fetchFeed(feed.path)).status, 200);
    const listed = await req('GET', '/api/v1/me/feeds', U.pavel.token);
    const item = listed.body.items[0];
    assert.deepEqual(Object.keys(item).sort(), ['created_at', 'id', 'kind', 'last_fetched_at', 'project_id', 'project_name']);
    assert.ok(Date.parse(item.last_fetched_at) >= Date.parse(item.created_at));
    assert.ok(!JSON.stringify(listed.body).includes(feed.token));
    // Only one's own.
    assert.ok(!(await req('GET', '/api/v1/me/feeds', U.olga.token)).body.items.some((f: { id: string }) => f.id === feed.id));
  });

  it("membership is asked at each fetch: a removed member's feeds lose that channel's tasks, and a project left altogether is gone", async () => {
    const person = await createFeed(U.dmitry.token, { kind: 'person' });
    const project = await createFeed(U.dmitry.token, { kind: 'project', project_id: projectId });
    assert.ok((await eventsOf(person.path)).events.has(t.timed!.id));
    assert.ok((await eventsOf(project.path)).events.has(t.timed!.id));
    s.mm.removeMember(C.kazan, U.dmitry.id);
    try {
      assert.deepEqual([...(await eventsOf(person.path)).events.keys()].sort(), [t.hostile!.id, t.outside!.id, t.fromPost!.id].sort());
      const left = (await eventsOf(project.path)).events;
      assert.ok(!left.has(t.timed!.id) && !left.has(t.moscowDay!.id));
      assert.ok(left.has(t.samara!.id));
      s.mm.removeMember(C.hq, U.dmitry.id);
      s.mm.removeMember(C.samara, U.dmitry.id);
      const gone = await fetchFeed(project.path);
      assert.equal(gone.status, 404);
      assert.equal(gone.body.error.code, 'not_found');
      assert.ok(!gone.text.includes('Spring'));
    } finally {
      s.mm.addMember(C.kazan, U.dmitry.id);
      s.mm.addMember(C.hq, U.dmitry.id);
      s.mm.addMember(C.samara, U.dmitry.id);
    }
    assert.ok((await eventsOf(project.path)).events.has(t.timed!.id), 'back in, back in the feed');
  });

  it('revoking ends the address; wrong, revoked and other users’ tokens and ids are 404 with nothing written', async () => {
    const feed = await createFeed(U.dmitry.token, { kind: 'person' });
    assert.equal((await fetchFeed(feed.path)).status, 200);
    const feeds = await count(s.db, 'calendar_feeds');
    const stamp = (await s.db.selectFrom('calendar_feeds').select('last_fetched_at').where('id', '=', feed.id).executeTakeFirstOrThrow())
      .last_fetched_at;

    // Someone else cannot revoke it.
    const stranger = await req('DELETE', `/api/v1/me/feeds/${feed.id}`, U.pavel.token);
    assert.equal(stranger.status, 404);
    assert.equal(stranger.body.error.code, 'not_found');
    assert.equal(await count(s.db, 'calendar_feeds'), feeds);

    const wrong = [
      `/api/v1/feeds/${randomBytes(32).toString('base64url')}.ics`,
      `/api/v1/feeds/${feed.token}`,
      `/api/v1/feeds/${feed.token}.ics.ics`,
      `/api/v1/feeds/${feed.token.slice(0, 42)}.ics`,
      `/api/v1/feeds/${U.dmitry.token}.ics`,
      `/api/v1/feeds/..%2F..%2Fetc%2Fpasswd`,
      `/api/v1/feeds/%00${feed.token}.ics`,
      `/api/v1/feeds/${encodeURIComponent("' or 1=1 --")}.ics`,
    ];
    for (const path of wrong) {
      const r = await fetchFeed(path);
      assert.equal(r.status, 404, path);
      assert.equal(r.body.error.code, 'not_found', path);
      assert.equal(typeof r.body.error.message, 'string');
    }
    const oversized = await fetchFeed(`/api/v1/feeds/${'a'.repeat(2000)}.ics`);
    assert.equal(oversized.status, 400, oversized.text);
    assert.ok(!oversized.text.includes('aaaa'), 'the address is not echoed');
    assert.equal(oversized.body.error.code, 'validation_failed');
    const after = await s.db.selectFrom('calendar_feeds').select('last_fetched_at').where('id', '=', feed.id).executeTakeFirstOrThrow();
    assert.equal(after.last_fetched_at, stamp, 'a wrong address touches no feed');

    assert.equal((await req('DELETE', `/api/v1/me/feeds/${feed.id}`, U.dmitry.token)).status, 204);
    assert.equal(await count(s.db, 'calendar_feeds'), feeds - 1);
    const revoked = await fetchFeed(feed.path);
    assert.equal(revoked.status, 404);
    assert.equal(revoked.body.error.code, 'not_found');
    assert.ok(!(await req('GET', '/api/v1/me/feeds', U.dmitry.token)).body.items.some((f: { id: string }) => f.id === feed.id));
    assert.equal((await req('DELETE', `/api/v1/me/feeds/${feed.id}`, U.dmitry.token)).status, 404);
    assert.equal((await req('DELETE', '/api/v1/me/feeds/not-an-id', U.dmitry.token)).status, 400);
  });

  it('refuses bad input with a clear 4xx and writes nothing', async () => {
    const feeds = await count(s.db, 'calendar_feeds');
    const cases: [string | null, unknown, number, string][] = [
      [U.dmitry.token, { kind: 'calendar' }, 400, 'validation_failed'],
      [U.dmitry.token, {}, 400, 'validation_failed'],
      [U.dmitry.token, { kind: 42 }, 400, 'validation_failed'],
      [U.dmitry.token, { kind: 'project' }, 400, 'validation_failed'],
      [U.dmitry.token, { kind: 'person', project_id: projectId }, 400, 'validation_failed'],
      [U.dmitry.token, { kind: 'project', project_id: 'x'.repeat(5000) }, 400, 'validation_failed'],
      [U.dmitry.token, { kind: 'project', project_id: "'; drop table tasks; --" }, 400, 'validation_failed'],
      [U.dmitry.token, { kind: 'person', label: '<script>' }, 400, 'validation_failed'],
      [U.dmitry.token, { kind: 'project', project_id: newId() }, 404, 'not_found'],
      // Pavel is in Samara, not in HQ: a project he is not in is one he may not know of.
      [U.pavel.token, { kind: 'project', project_id: hqOnlyId }, 404, 'not_found'],
      [U.agency.token, { kind: 'project', project_id: newId() }, 404, 'not_found'],
      [null, { kind: 'person' }, 401, 'unauthorized'],
      ['x'.repeat(26), { kind: 'person' }, 401, 'unauthorized'],
    ];
    for (const [token, body, status, code] of cases) {
      const r = await req('POST', '/api/v1/me/feeds', token, body);
      assert.equal(r.status, status, `${JSON.stringify(body).slice(0, 80)}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.code, code);
      assert.ok(!JSON.stringify(r.body).includes('HQ only'));
    }
    const huge = await s.request('POST', '/api/v1/me/feeds', {
      token: U.dmitry.token,
      rawBody: JSON.stringify({ kind: 'x'.repeat(200_000) }),
    });
    assert.equal(huge.status, 413);
    const notJson = await s.request('POST', '/api/v1/me/feeds', { token: U.dmitry.token, rawBody: '{kind:' });
    assert.equal(notJson.status, 400);
    assert.equal((await req('GET', '/api/v1/me/feeds', null)).status, 401);
    assert.equal(await count(s.db, 'calendar_feeds'), feeds);
  });

  it(`holds ${LIMITS.feedsPerUserMax} feeds per person at most`, async () => {
    const have = (await req('GET', '/api/v1/me/feeds', U.admin.token)).body.items.length;
    for (let i = have; i < LIMITS.feedsPerUserMax; i++) await createFeed(U.admin.token, { kind: 'person' });
    const over = await req('POST', '/api/v1/me/feeds', U.admin.token, { kind: 'person' });
    assert.equal(over.status, 409);
    assert.equal(over.body.error.code, 'too_many_feeds');
    assert.equal((await req('GET', '/api/v1/me/feeds', U.admin.token)).body.items.length, LIMITS.feedsPerUserMax);
  });

  it(`carries ${LIMITS.feedEventsMax} events at most: what is coming first, then the latest overdue`, async () => {
    const feed = await createFeed(U.kazan.token, { kind: 'person' });
    const now = Date.now();
    const rows = Array.from({ length: LIMITS.feedEventsMax + 10 }, (_, i) => {
      // 20 overdue (1…20 days ago), the rest due from tomorrow on.
      const due = i < 20 ? now - (i + 1) * 86_400_000 : now + (i - 19) * 86_400_000;
      const at = new Date(now).toISOString();
      return taskRow({
        id: newId(),
        title: `Bulk ${i}`,
        search_text: `bulk ${i}`,
        assignee_id: U.kazan.id,
        due_at: new Date(due).toISOString(),
        channel_id: C.kazan,
        created_at: at,
      });
    });
    for (let i = 0; i < rows.length; i += 100)
      await s.db
        .insertInto('tasks')
        .values(rows.slice(i, i + 100))
        .execute();
    const { events } = await eventsOf(feed.path);
    assert.equal(events.size, LIMITS.feedEventsMax);
    const titles = new Set([...events.values()].map((e) => e.summary));
    // Every coming one (490 bulk + her Kazan photos), and the nine latest overdue.
    for (let i = 20; i < rows.length; i++) assert.ok(titles.has(`Bulk ${i}`), `Bulk ${i}`);
    for (let i = 0; i < 9; i++) assert.ok(titles.has(`Bulk ${i}`), `Bulk ${i}`);
    assert.ok(!titles.has('Bulk 9'));
    assert.ok(events.has(t.moscowDay!.id));
  });

  it('fails closed with 503 when Mattermost cannot be asked', async () => {
    const feed = await createFeed(U.olga.token, { kind: 'project', project_id: projectId });
    assert.equal((await fetchFeed(feed.path)).status, 200);
    s.mm.setDown(true);
    try {
      const r = await fetchFeed(feed.path);
      assert.equal(r.status, 503);
      assert.equal(r.body.error.code, 'mattermost_unavailable');
    } finally {
      s.mm.setDown(false);
    }
  });

  it('never writes a feed token to the log', async () => {
    assert.ok(tokens.length > 5);
    const text = logs.join('');
    assert.ok(text.includes('/api/v1/feeds/[redacted]'), 'feed requests are logged, without their token');
    assert.ok(text.includes('/api/v1/me/feeds'), 'other addresses are logged as they are');
    for (const token of tokens) assert.ok(!text.includes(token), 'a feed token reached the log');
  });
});
