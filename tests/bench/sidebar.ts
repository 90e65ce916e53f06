// The sidebar in Chromium with 5,000 tasks in one channel, on the React 18.2 and React 19 hosts
// (production builds of the host, as Mattermost ships them, and of the plugin):
// - first render: from the moment the last page of tasks has arrived (its Resource Timing
//   responseEnd) to the frame after the list's rows are in the document — what the webapp spends
//   turning 5,000 tasks into the grouped, virtualised list; and the whole open (App Bar click → rows),
//   network included;
// - a live update: another member renames a task in view; the script time the page spends from the
//   event to the row showing the new status (CDP Performance.getMetrics ScriptDuration), and the
//   wall time from the service's acknowledgement to the row changing.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Page } from 'playwright-core';

import { launchChromium, openAs, openPage, waitForHost } from '../e2e/browser.ts';
import { startStack } from '../sandbox/stack.ts';
import { fixtures } from '../standin/index.ts';
import { percentile } from './common.js';

const TASKS = Number(process.env.BENCH_SIDEBAR_TASKS ?? 5_000);
const UPDATES = Number(process.env.BENCH_SIDEBAR_UPDATES ?? 20);
const OPENS = 5;
const hq = fixtures.channels.campaignHq;
const olga = fixtures.users.olga;
const dmitry = fixtures.users.dmitry;

export interface SidebarFigures {
  react: string;
  tasks: number;
  renderMs: { p50: number; max: number };
  openMs: { p50: number; max: number };
  reopenMs: { p50: number; max: number };
  updateScriptMs: { p50: number; p95: number; max: number };
  updateWallMs: { p50: number; p95: number };
}

type Created = { id: string; version: number; title: string };

async function api<T>(base: string, token: string, method: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}/api/v1${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function seed(base: string): Promise<Created[]> {
  const created: Created[] = [];
  let next = 0;
  const worker = async () => {
    while (next < TASKS) {
      const i = next++;
      created.push(
        await api<Created>(base, olga.token, 'POST', '/tasks', {
          channel_id: hq.id,
          title: `Banner for store ${i}`,
          assignee_id: i % 3 ? dmitry.id : undefined,
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return created;
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: +percentile(s, 50).toFixed(1), p95: +percentile(s, 95).toFixed(1), max: +s[s.length - 1]!.toFixed(1) };
};

/** Opens the sidebar from the App Bar; resolves with [render ms, open ms] once its rows are drawn. */
async function timeOpen(page: Page): Promise<[number, number]> {
  const icon = page.locator('.app-bar__icon[data-plugin-id="throughline"]');
  await page.evaluate(() => performance.clearResourceTimings());
  const drawn = page.evaluate(
    () =>
      new Promise<[number, number]>((resolve) => {
        const start = performance.now();
        const done = () => {
          // The frame after the rows went in: the list has been laid out and painted.
          requestAnimationFrame(() =>
            setTimeout(() => {
              const now = performance.now();
              const pages = performance.getEntriesByType('resource').filter((e) => /\/api\/v1\/tasks\?/.test(e.name));
              // Reopened with the tasks already in the store, the rows come before any fetch ends.
              const last = pages.length ? Math.max(...pages.map((e) => (e as PerformanceResourceTiming).responseEnd)) : start;
              resolve([now - last, now - start]);
            }),
          );
        };
        const seen = () => document.querySelectorAll('.tl-sidebar .tl-row__title').length > 0;
        const observer = new MutationObserver(() => {
          if (seen()) {
            observer.disconnect();
            done();
          }
        });
        observer.observe(document.body, { childList: true, subtree: true });
      }),
  );
  await icon.click();
  const figures = await drawn;
  await icon.click(); // closed again for the next round
  await page.locator('.tl-sidebar').waitFor({ state: 'detached' });
  return figures;
}

async function benchHost(react: '18' | '19'): Promise<SidebarFigures> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `tl-bench-sidebar-${react}-`));
  const stack = await startStack({ dataDir, react, serviceEnv: { LOG_LEVEL: 'warn' } });
  const browser = await launchChromium();
  try {
    const tasks = await seed(stack.serviceUrl);
    const t = await openPage(browser, `bench-sidebar-${react}`);
    const page = t.page;
    await openAs(page, stack.front.url, 'olga', `/${fixtures.team.name}/channels/${hq.name}?react=${react}&build=production`);

    const renders: number[] = [];
    const opens: number[] = [];
    const reopens: number[] = [];
    await timeOpen(page); // warm: the browser's caches, not measured
    for (let i = 0; i < OPENS; i++) {
      // A fresh page: the sidebar's first open fetches every page of tasks, then renders them all.
      await page.reload();
      await waitForHost(page);
      const [render, open] = await timeOpen(page);
      renders.push(render);
      opens.push(open);
      // Closed and opened again, the tasks in the store: the App Bar click to the rows drawn.
      reopens.push((await timeOpen(page))[1]);
    }

    // Live updates into the open sidebar, each to a task in view (a rename keeps it in its place).
    await page.locator('.app-bar__icon[data-plugin-id="throughline"]').click();
    await page.locator('.tl-sidebar .tl-row__title').first().waitFor();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const scriptSeconds = async () =>
      ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) as number;
    // BENCH_PROFILE=1: a CPU profile of the page over the updates, its heaviest functions printed.
    const profiling = process.env.BENCH_PROFILE === '1';
    if (profiling) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const scripts: number[] = [];
    const walls: number[] = [];
    const visible = (await page.locator('.tl-sidebar .tl-row__title').allInnerTexts()).slice(0, UPDATES);
    for (const title of visible) {
      const task = tasks.find((x) => x.title === title.trim());
      if (!task) continue;
      const renamed = `${task.title} (v2)`;
      const changed = page.evaluate(
        (t) =>
          new Promise<number>((resolve) => {
            const observer = new MutationObserver(() => {
              if (![...document.querySelectorAll('.tl-sidebar .tl-row__title')].some((r) => r.textContent?.trim() === t)) return;
              observer.disconnect();
              resolve(Date.now());
            });
            observer.observe(document.body, { childList: true, subtree: true, characterData: true });
          }),
        renamed,
      );
      await new Promise((r) => setTimeout(r, 100)); // let the page go idle before measuring
      const before = await scriptSeconds();
      const sent = Date.now();
      await api(stack.serviceUrl, dmitry.token, 'PATCH', `/tasks/${task.id}`, { version: task.version, title: renamed });
      const at = await changed;
      walls.push(at - sent);
      scripts.push(((await scriptSeconds()) - before) * 1000);
    }
    if (profiling) printProfile(react, (await cdp.send('Profiler.stop')).profile);
    await t.close();
    const render = stats(renders);
    const open = stats(opens);
    const reopen = stats(reopens);
    return {
      react,
      tasks: TASKS,
      renderMs: { p50: render.p50, max: render.max },
      openMs: { p50: open.p50, max: open.max },
      reopenMs: { p50: reopen.p50, max: reopen.max },
      updateScriptMs: stats(scripts),
      updateWallMs: stats(walls),
    };
  } finally {
    await browser.close();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

type CpuProfile = {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }>;
  samples?: number[];
  timeDeltas?: number[];
};

function printProfile(react: string, profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const name = `${f.functionName || '(anonymous)'} ${path.basename(f.url)}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
  process.stderr.write(`bench: sidebar on React ${react}, self time over the updates (ms):\n`);
  for (const [name, ms] of top) process.stderr.write(`  ${ms.toFixed(1).padStart(8)}  ${name}\n`);
}

export async function benchSidebar(): Promise<SidebarFigures[]> {
  return [await benchHost('18'), await benchHost('19')];
}

export function sidebarLines(figures: SidebarFigures[]): string[] {
  if (!figures.length) return [];
  return [
    '',
    `The sidebar in Chromium with ${figures[0]!.tasks.toLocaleString('en')} tasks in one channel (targets: first render under 100 ms, an update under 16 ms of script time)`,
    '',
    '| host | first render after the last page arrives, p50 / max ms | first open incl. fetching, p50 / max ms | reopen with the tasks in the store, p50 / max ms | live update script time, p50 / p95 / max ms | update ack → row, p50 / p95 ms |',
    '|---|---|---|---|---|---|',
    ...figures.map(
      (f) =>
        `| React ${f.react === '18' ? '18.2' : f.react} | ${f.renderMs.p50} / ${f.renderMs.max} | ${f.openMs.p50} / ${f.openMs.max} | ${f.reopenMs.p50} / ${f.reopenMs.max} | ${f.updateScriptMs.p50} / ${f.updateScriptMs.p95} / ${f.updateScriptMs.max} | ${f.updateWallMs.p50} / ${f.updateWallMs.p95} |`,
    ),
  ];
}
