import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../src/config.js';
import { C, ENGINE, P, U, call, startStack, type Stack } from './helpers.js';
import { SseClient, eventually } from './sse.js';

const TOKEN = 'metrics-token-0123456789';

interface Series {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The Prometheus text format (0.0.4): `# HELP`/`# TYPE` lines, then `name{label="value",…} number`. */
function parse(text: string): Series[] {
  const out: Series[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    assert.ok(m, `a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!.replace(/\\(.)/g, '$1');
    out.push({ name: m[1]!, labels, value: m[3] === 'NaN' ? Number.NaN : Number(m[3]) });
  }
  return out;
}

/** The sum of every series of `name` whose labels include `labels`. */
function total(series: Series[], name: string, labels: Record<string, string> = {}): number {
  return series
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

describe(`metrics [${ENGINE}]`, () => {
  let s: Stack;
  let metricsUrl: string;
  const scrape = async () => {
    const res = await fetch(`${metricsUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    return parse(await res.text());
  };

  before(async () => {
    // No bot token: the bot's messages are queued and stay pending, as while Mattermost refuses them.
    s = await startStack({ METRICS_PORT: '0', METRICS_TOKEN: TOKEN, MM_BOT_TOKEN: '' });
    metricsUrl = s.app.metricsUrl()!;
    assert.ok(metricsUrl, 'the metrics listener tells its address');
  });
  after(async () => {
    await s.close();
  });

  it('are off unless asked for: no /metrics on the main port and no listener', async () => {
    const plain = await startStack();
    try {
      assert.equal(plain.app.metricsUrl(), null);
      const r = await plain.request('GET', '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(r.status, 404);
    } finally {
      await plain.close();
    }
  });

  it('answer on the main port only to the bearer of METRICS_TOKEN; the metrics port asks for it too when set', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-0123456789' },
      { authorization: `Basic ${TOKEN}` },
    ];
    for (const headers of attempts) {
      const r = await s.request('GET', '/metrics', { headers });
      assert.equal(r.status, 401);
      assert.equal(r.body.error.code, 'unauthorized');
      assert.equal((await fetch(`${metricsUrl}/metrics`, { headers })).status, 401);
    }
    const ok = await s.request('GET', '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(ok.status, 200);
    assert.ok(parse(ok.body).some((x) => x.name === 'process_resident_memory_bytes'));
    assert.equal((await fetch(`${metricsUrl}/anything-else`)).status, 404);
  });

  it('count requests by route pattern and status, never by raw URL, with a latency histogram', async () => {
    const task = await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { channel_id: C.hq, title: 'Counted' } });
    assert.equal(task.status, 201);
    const before = await scrape();
    const route = { method: 'GET', route: '/api/v1/tasks/:id' };
    assert.equal((await s.request('GET', `/api/v1/tasks/${task.body.id}`, { token: U.olga.token })).status, 200);
    assert.equal((await s.request('GET', `/api/v1/tasks/${task.body.id}`, { token: U.olga.token })).status, 200);
    assert.equal((await s.request('GET', `/api/v1/tasks/${task.body.id}`, { token: U.kazan.token })).status, 404);
    assert.equal((await s.request('GET', '/no/such/path/at/all')).status, 404);
    const res = await fetch(`${metricsUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const text = await res.text();
    assert.ok(!text.includes(task.body.id), 'no id in any label');
    assert.ok(!text.includes('/no/such/path'), 'an unknown path is not a label');
    const now = parse(text);
    const moved = (labels: Record<string, string>, name = 'throughline_http_requests_total') =>
      total(now, name, labels) - total(before, name, labels);
    assert.equal(moved({ ...route, status: '200' }), 2);
    assert.equal(moved({ ...route, status: '404' }), 1);
    assert.equal(moved({ method: 'GET', route: 'unmatched', status: '404' }), 1);
    assert.equal(moved(route, 'throughline_http_request_duration_seconds_count'), 3);
    assert.equal(moved({ ...route, le: '+Inf' }, 'throughline_http_request_duration_seconds_bucket'), 3);
  });

  it('count Mattermost calls by operation, and a call that gets no answer as failed', async () => {
    const before = await scrape();
    assert.equal((await s.request('GET', '/api/v1/me', { token: U.dmitry.token })).status, 200);
    s.mm.setDown(true);
    try {
      const r = await s.request('GET', '/api/v1/me', { token: U.dmitry.token });
      assert.equal(r.status, 503);
    } finally {
      s.mm.setDown(false);
    }
    const now = await scrape();
    const op = { operation: 'GET /users/me' };
    const moved = (labels: Record<string, string>, name = 'throughline_mattermost_requests_total') =>
      total(now, name, labels) - total(before, name, labels);
    assert.ok(moved({ ...op, outcome: 'ok' }) >= 1);
    assert.equal(moved({ ...op, outcome: 'failed' }), 1);
    assert.ok(moved(op, 'throughline_mattermost_request_duration_seconds_count') >= 2);
    const operations = new Set(now.filter((x) => x.name === 'throughline_mattermost_requests_total').map((x) => x.labels.operation));
    for (const o of operations) assert.doesNotMatch(o!, /[a-z0-9]{26}/, `ids elided in ${o}`);
    assert.ok(operations.has('GET /channels/{id}/members/me') || operations.has('GET /users/me/teams/{id}/channels/members'));
  });

  it('tell the outbox depth and the age of its oldest pending message', async () => {
    const first = await scrape();
    const pendingBefore = total(first, 'throughline_outbox_pending_messages');
    const queuedFrom = Date.now();
    const task = await s.request('POST', '/api/v1/tasks', { token: U.olga.token, body: { post_id: P.multiLine.id, title: 'Card waits' } });
    assert.equal(task.status, 201);
    const now = await scrape();
    assert.ok(total(now, 'throughline_outbox_pending_messages') > pendingBefore, 'the task card waits');
    const age = total(now, 'throughline_outbox_oldest_pending_age_seconds');
    assert.ok(age > 0, `an age (${age})`);
    if (pendingBefore === 0) assert.ok(age <= (Date.now() - queuedFrom) / 1000 + 1, 'the card is the oldest');
    assert.equal(total(now, 'throughline_outbox_parked_messages'), 0);
  });

  it('count open event streams and the bytes of stored versions', async () => {
    const stream = await SseClient.open(s.url, U.olga.token);
    try {
      assert.equal(total(await scrape(), 'throughline_event_streams_open'), 1);
    } finally {
      stream.close();
    }
    await eventually(async () => total(await scrape(), 'throughline_event_streams_open') === 0, 5000, 'the stream counted closed');

    const project = await s.request('POST', '/api/v1/projects', { token: U.olga.token, body: { name: 'Metered', channel_id: C.hq } });
    const asset = await s.request('POST', '/api/v1/assets', {
      token: U.olga.token,
      body: { project_id: project.body.id, name: 'Poster', channel_ids: [C.hq] },
    });
    const before = total(await scrape(), 'throughline_upload_bytes_total', { source: 'upload' });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(12_345).fill(7)], { type: 'image/png' }), 'poster.png');
    const up = await fetch(`${s.url}/api/v1/assets/${asset.body.id}/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${U.olga.token}` },
      body: form,
    });
    assert.equal(up.status, 201);
    assert.equal(total(await scrape(), 'throughline_upload_bytes_total', { source: 'upload' }) - before, 12_345);
  });

  it('are configured strictly: a bad port, a short token, a host without a port are each named', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (err) {
        return (err as { problems: string[] }).problems;
      }
    };
    assert.match(problems({ METRICS_PORT: 'ninety' }).join(), /METRICS_PORT/);
    assert.match(problems({ METRICS_PORT: '8787' }).join(), /METRICS_PORT must differ from PORT/);
    assert.match(problems({ METRICS_TOKEN: 'short' }).join(), /METRICS_TOKEN/);
    assert.match(problems({ METRICS_TOKEN: 'has spaces in it, sixteen+' }).join(), /METRICS_TOKEN/);
    assert.match(problems({ METRICS_HOST: '0.0.0.0' }).join(), /METRICS_HOST/);
    assert.deepEqual(problems({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0', METRICS_TOKEN: TOKEN }), []);
    const c = loadConfig({});
    assert.equal(c.metricsPort, null);
    assert.equal(c.metricsToken, null);
  });

  it('a listener on the metrics port does not serve the API', async () => {
    const r = await call(metricsUrl, 'GET', `/api/v1/me`, { token: U.olga.token });
    assert.equal(r.status, 404);
  });
});
