// Helpers for the Throughline flows in the sandbox: the service API as a fixture user (setup, from
// Node with the user's token) or as the page's own session (cookies + CSRF, as the webapp calls it),
// the sidebar, the post menus, and waiting on what the stand-in stores.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';

import type { Browser, Locator, Page } from 'playwright-core';

import type { Post } from '@mattermost/types/posts';

import { fixtures, type FixtureUserName } from '../standin/index.ts';
import { buildHost } from '../sandbox/build.ts';
import { REAL_PLUGIN } from '../sandbox/plugins.ts';
import { startStack, type Stack } from '../sandbox/stack.ts';

import { launchChromium, openAs, openPage, RESULTS_DIR, type TrackedPage } from './browser.ts';

export const C = fixtures.channels;
export const P = fixtures.posts;
export const U = fixtures.users;
export const PLUGIN_ID = 'throughline';
export const channelPath = (name: string) => `/${fixtures.team.name}/channels/${name}`;

export type ApiAnswer<T = any> = { status: number; body: T; text: string };

/** The service as a fixture user, straight from Node with the user's token (Bearer: no CSRF). */
export async function serviceApi<T = any>(
  stack: Stack,
  user: FixtureUserName,
  method: string,
  route: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiAnswer<T>> {
  const res = await fetch(`${stack.serviceUrl}/api/v1${route}`, {
    method,
    headers: {
      Authorization: `Bearer ${U[user].token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  if (res.status >= 500) {
    throw new Error(`${method} ${route} as ${user}: ${res.status} ${text}`);
  }
  return { status: res.status, body: parsed as T, text };
}

/** The service from inside the page, with the page's cookies, as the webapp calls it. */
export async function pageApi<T = any>(page: Page, method: string, route: string, body?: unknown): Promise<ApiAnswer<T>> {
  return page.evaluate(
    async ({ method: m, route: r, body: b }) => {
      const csrf = /(?:^|;\s*)MMCSRF=([^;]*)/.exec(document.cookie)?.[1] ?? '';
      const res = await fetch(`/throughline-api/api/v1${r}`, {
        method: m,
        credentials: 'include',
        headers: {
          'X-Requested-With': 'XMLHttpRequest',
          'X-CSRF-Token': decodeURIComponent(csrf),
          ...(b === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      const text = await res.text();
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = text;
      }
      return { status: res.status, body: parsed as any, text };
    },
    { method, route, body },
  );
}

/** Uploads a version of an asset as Olga (multipart, as the sidebar sends it). */
export async function uploadVersion(stack: Stack, assetId: string, name: string, bytes: Buffer): Promise<any> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), name);
  const res = await fetch(`${stack.serviceUrl}/api/v1/assets/${assetId}/versions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${U.olga.token}` },
    body: form,
  });
  if (res.status !== 201) {
    throw new Error(`uploading ${name}: ${res.status} ${await res.text()}`);
  }
  return res.json();
}

export const CAMPAIGN_REGIONS = [C.regionKazan.id, C.regionSamara.id, C.regionNovosibirsk.id];

/**
 * The campaign project with HQ as home and the three regions linked; made through the API if an
 * earlier test (which makes it through the UI) did not run. Idempotent.
 */
export async function ensureCampaign(stack: Stack): Promise<{ id: string; name: string; channel_ids: string[] }> {
  const found = await serviceApi(stack, 'olga', 'GET', `/projects?channel_id=${C.campaignHq.id}`);
  let project = found.body.items?.find((p: any) => p.channel_id === C.campaignHq.id);
  if (!project) {
    const made = await serviceApi(stack, 'olga', 'POST', '/projects', { name: C.campaignHq.display_name, channel_id: C.campaignHq.id });
    if (made.status !== 201) {
      throw new Error(`making the campaign project: ${made.status} ${made.text}`);
    }
    project = made.body;
  }
  for (const channelId of CAMPAIGN_REGIONS) {
    if (!project.channel_ids.includes(channelId)) {
      const linked = await serviceApi(stack, 'olga', 'POST', `/projects/${project.id}/channels`, { channel_id: channelId });
      if (linked.status !== 200) {
        throw new Error(`linking ${channelId}: ${linked.status} ${linked.text}`);
      }
      project = linked.body;
    }
  }
  return project;
}

/** Waits (polling what the stand-in stores) until a post in `channelId` matches. */
export async function waitForStoredPost(
  stack: Stack,
  channelId: string,
  match: (p: Post) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<Post> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const post = stack.standin.postsIn(channelId).find((p) => !p.delete_at && match(p));
    if (post) {
      return post;
    }
    if (Date.now() > deadline) {
      throw new Error(`no ${what} in channel ${channelId} within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const isBotPost = (p: Post) => p.user_id === U.throughline.id;

/** The Throughline sidebar (RHS), opened from the App Bar if it is not open yet. */
export async function openSidebar(page: Page): Promise<Locator> {
  const sidebar = page.locator(`#sidebar-right .sidebar--right__content[data-plugin-id="${PLUGIN_ID}"] .tl-sidebar`);
  if (!(await sidebar.isVisible())) {
    await page.locator(`.app-bar__icon[data-plugin-id="${PLUGIN_ID}"]`).click();
  }
  await sidebar.waitFor();
  return sidebar;
}

/** A task row's title button in the sidebar list. */
export const taskRow = (sidebar: Locator, title: string) => sidebar.locator('.tl-row__title', { hasText: title });

/** Throughline's own right-click menu on a post, then one of its items. */
export async function rightClickAction(page: Page, postId: string, label: string, menuLabel = 'Throughline actions'): Promise<void> {
  await page.locator(`[id="${postId}_message"]`).click({ button: 'right' });
  const menu = page.getByRole('menu', { name: menuLabel });
  await menu.waitFor();
  await menu.getByRole('menuitem', { name: label }).click();
}

/**
 * Mattermost's order on a slow network: the host's own locale file arrives after the plugin's, so
 * the host stores the locale only after the plugin registered its strings (actions/views/root).
 */
export async function hostLocaleFileAfterPlugins(page: Page, locale: string): Promise<void> {
  const ours = page.waitForResponse((r) => r.url().endsWith(`/plugins/${PLUGIN_ID}/public/i18n/${locale}.json`), { timeout: 60_000 });
  await page.route(`**/static/i18n/${locale}.json`, async (route) => {
    await ours;
    await route.continue();
  });
}

/** Mattermost's message-actions menu (the apps icon on hover), then a plugin item. */
export async function messageAction(page: Page, postId: string, label: string): Promise<void> {
  await page.hover(`[id="post_${postId}"]`);
  await page.click(`[id="CENTER_actions_button_${postId}"]`);
  const menu = page.locator(`[id="CENTER_actions_dropdown_${postId}"]`);
  await menu.waitFor();
  await menu.locator('[role=menuitem]', { hasText: label }).click();
}

/** Opens a post's thread in the RHS (the reply arrow on hover). */
export async function openThread(page: Page, postId: string): Promise<Locator> {
  // The reply icon shows on hover; a post re-rendered meanwhile (an edit arriving) drops the hover
  // and the icon with it, so hover and click again until the click lands.
  const post = page.locator(`[id="post_${postId}"]`);
  const icon = page.locator(`[id="CENTER_commentIcon_${postId}"]`);
  for (let attempt = 1; ; attempt++) {
    await post.hover();
    try {
      await icon.click({ timeout: 3_000 });
      break;
    } catch (err) {
      if (attempt >= 10) throw err;
    }
  }
  const thread = page.locator('#rhsContainer');
  await thread.locator(`[id="rhsPost_${postId}"]`).waitFor();
  return thread;
}

/** Switches channel through the channel list, as a user would. */
export async function goToChannel(page: Page, name: string): Promise<void> {
  await page.click(`[id="sidebarItem_${name}"]`);
  await page.locator(`[id="sidebarItem_${name}"][aria-current="page"]`).waitFor();
  await page.waitForFunction(
    (id) => (window as any).__sandbox.store.getState().entities.channels.currentChannelId === id,
    Object.values(C).find((c) => c.name === name)!.id,
  );
}

/**
 * What React's development builds log about a component: React 17 and 18 prefix every warning
 * with "Warning: "; React 19 dropped the prefix, so its messages are known by their wording.
 */
const REACT_WARNING = new RegExp(
  [
    '^Warning: ',
    'react\\.dev/link/',
    'unique "key" prop',
    'two children with the same key',
    'not wrapped in act',
    'React does not recognize',
    'Invalid DOM property',
    'cannot be a (descendant|child) of',
    'cannot contain a nested',
    'Cannot update a component',
    'Maximum update depth exceeded',
    'A component is changing an? (un)?controlled',
    'for a non-boolean attribute',
    'cannot be given refs',
    'An error occurred in the <',
  ].join('|'),
);

/** Pages of one test: each logged in as a fixture user; on failure all of them leave a screenshot and their console log. */
export class Session {
  private pages: Array<{ who: string; t: TrackedPage }> = [];

  constructor(
    private readonly browser: Browser,
    private readonly suite: string,
    private readonly baseUrl: string,
  ) {
    rmSync(path.join(RESULTS_DIR, suite), { recursive: true, force: true });
  }

  /** `before` runs on the new page before it opens (routes to hold, listeners). */
  async as(user: FixtureUserName, at: string, baseUrl = this.baseUrl, before?: (page: Page) => Promise<void>): Promise<TrackedPage> {
    const t = await openPage(this.browser, this.suite);
    this.pages.push({ who: user, t });
    await before?.(t.page);
    await openAs(t.page, baseUrl, user, at);
    return t;
  }

  /** Console errors of every page (uncaught exceptions and console.error). */
  errors(): string[] {
    return this.pages.flatMap(({ who, t }) =>
      t.console.filter((l) => l.startsWith('[pageerror]') || l.startsWith('[error]')).map((l) => `${who}: ${l}`),
    );
  }

  /** React's errors and warnings in every page's console (see REACT_WARNING). */
  reactWarnings(): string[] {
    return this.pages.flatMap(({ who, t }) =>
      t.console.filter((l) => /^\[(error|warning)\] /.test(l) && REACT_WARNING.test(l.replace(/^\[\w+\] /, ''))).map((l) => `${who}: ${l}`),
    );
  }

  /** Runs one test; it fails, too, when React logged an error or a warning on any of its pages. */
  async run(name: string, body: (s: Session) => Promise<void>): Promise<void> {
    try {
      await body(this);
      const warnings = this.reactWarnings();
      if (warnings.length) {
        throw new Error(`React logged ${warnings.length} error(s) or warning(s):\n${warnings.join('\n')}`);
      }
    } catch (err) {
      for (const [i, { who, t }] of this.pages.entries()) {
        await t.dumpFailure(`${name}-${i + 1}-${who}`);
      }
      throw err;
    } finally {
      for (const [i, { who, t }] of this.pages.entries()) {
        if (process.env.E2E_CONSOLE) {
          // Every page's console log, passing or not, for a closer look.
          writeFileSync(path.join(RESULTS_DIR, this.suite, `${name}-${i + 1}-${who}.console.log`), t.console.join('\n') + '\n');
        }
        await t.close().catch(() => undefined);
      }
    }
  }
}

/** The host profiles every browser flow runs on (tests/sandbox/host/profile.ts): Mattermost 12.1, 11.2, 7.3. */
export const HOST_REACTS = ['19', '18', '17'] as const;
export type HostReact = (typeof HOST_REACTS)[number];

/** One host of `onEveryHost`: its React, the URL switch that picks it, its stack and its pages. */
export type Host = {
  react: HostReact;
  /** `?react=<N>`, to append to a path the pages open. */
  q: string;
  /** The host's stand-in, service and front (started before the tests of the host run). */
  readonly stack: Stack;
  /** Pages of one test, their artifacts under test-results/<suite>-react<N>/. */
  session(suite: string): Session;
};

/**
 * A suite on every host profile: one Chromium for the file (the sandbox host page built first), and
 * for each host a fresh stand-in, a fresh service database (`serviceEnv` added to its environment)
 * and a front on the real bundle. Skipped when webapp/dist/main.js is not built.
 */
export function onEveryHost(title: string, serviceEnv: Record<string, string>, body: (host: Host) => void): void {
  let browser: Browser | undefined;
  before(async () => {
    await buildHost();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });
  const built = existsSync(REAL_PLUGIN.bundleFile);
  for (const react of HOST_REACTS) {
    describe(`${title} on React ${react}`, { skip: built ? false : 'webapp/dist/main.js is not built (npm run build -w webapp)' }, () => {
      let stack: Stack | undefined;
      let dataDir: string | undefined;
      before(async () => {
        dataDir = mkdtempSync(path.join(os.tmpdir(), `throughline-e2e-${react}-`));
        stack = await startStack({ dataDir, plugins: 'real', react, serviceEnv });
      });
      after(async () => {
        await stack?.stop();
        if (dataDir) {
          rmSync(dataDir, { recursive: true, force: true });
        }
      });
      body({
        react,
        q: `?react=${react}`,
        get stack() {
          if (!stack) throw new Error('the stack is started before the tests');
          return stack;
        },
        session: (suite) => new Session(browser!, `${suite}-react${react}`, stack!.front.url),
      });
    });
  }
}
