// First render of the project overview in Chromium, per host profile: the sandbox on the real
// bundle, a campaign of four channels with BENCH_OVERVIEW_TASKS tasks (due dates spread over two
// months), and the overview opened cold (a fresh browser context: main.js, the chunk and the
// overview fetched anew) RUNS times. Read from the page's performance timeline: the navigation's
// start to the moment the matrix is in the document (a mark the page sets from a MutationObserver),
// and the overview chunk's own fetch.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { launchChromium, openAs, openPage } from '../e2e/browser.ts';
import { buildHost } from '../sandbox/build.ts';
import { startStack } from '../sandbox/stack.ts';
import { fixtures } from '../standin/index.ts';

const TASKS = Number(process.env.BENCH_OVERVIEW_TASKS ?? 400);
const RUNS = 5;
const DAY = 86_400_000;
const STATUSES = ['todo', 'in_progress', 'review', 'done'] as const;

export type OverviewRender = { react: string; tasks: number; runs: number[]; chunkMs: number[]; p50: number; max: number };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function api(base: string, method: string, route: string, body?: unknown): Promise<any> {
  const res = await fetch(`${base}/api/v1${route}`, {
    method,
    headers: { authorization: `Bearer ${fixtures.users.olga.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  return res.json();
}

// Marks the first moment the overview's matrix is in the document.
const MARK_SCRIPT = `new MutationObserver((_, o) => {
  if (document.querySelector('.tl-matrix')) { performance.mark('tl-overview-matrix'); o.disconnect(); }
}).observe(document, { childList: true, subtree: true });`;

export async function benchOverviewRender(): Promise<OverviewRender[]> {
  await buildHost();
  const browser = await launchChromium();
  const results: OverviewRender[] = [];
  try {
    for (const react of ['19', '18', '17'] as const) {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), `throughline-bench-overview-${react}-`));
      const stack = await startStack({ dataDir, plugins: 'real', react });
      try {
        const C = fixtures.channels;
        const channels = [C.campaignHq.id, C.regionKazan.id, C.regionSamara.id, C.regionNovosibirsk.id];
        const project = await api(stack.serviceUrl, 'POST', '/projects', { name: 'Bench campaign', channel_id: channels[0] });
        for (const id of channels.slice(1)) await api(stack.serviceUrl, 'POST', `/projects/${project.id}/channels`, { channel_id: id });
        for (let i = 0; i < TASKS; i++) {
          const due = new Date(Date.now() + ((i % 60) - 20) * DAY).toISOString();
          const task = await api(stack.serviceUrl, 'POST', '/tasks', {
            channel_id: channels[i % channels.length],
            project_id: project.id,
            title: `Bench task ${i}`,
            due_at: due,
          });
          const status = STATUSES[i % STATUSES.length]!;
          if (status !== 'todo') await api(stack.serviceUrl, 'PATCH', `/tasks/${task.id}`, { status, version: task.version });
        }
        const url = `/${fixtures.team.name}/throughline/overview/${project.id}?react=${react}`;
        const runs: number[] = [];
        const chunkMs: number[] = [];
        for (let run = 0; run < RUNS; run++) {
          const t = await openPage(browser, 'bench-overview');
          try {
            await t.context.addInitScript({ content: MARK_SCRIPT });
            await openAs(t.page, stack.front.url, 'olga', url);
            await t.page.waitForFunction(() => performance.getEntriesByName('tl-overview-matrix').length > 0, undefined, {
              timeout: 60_000,
            });
            const timing = await t.page.evaluate(() => {
              const mark = performance.getEntriesByName('tl-overview-matrix')[0]!.startTime;
              const chunk = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((r) =>
                /throughline-overview\.[0-9a-f]+\.js$/.test(r.name),
              );
              return { mark, chunk: chunk ? chunk.responseEnd - chunk.startTime : -1 };
            });
            runs.push(Math.round(timing.mark));
            chunkMs.push(Math.round(timing.chunk));
          } finally {
            await t.close();
          }
        }
        results.push({ react, tasks: TASKS, runs, chunkMs, p50: median(runs), max: Math.max(...runs) });
      } finally {
        await stack.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
  }
  return results;
}
