// Browser helpers for the end-to-end suites: Debian's Chromium driven by playwright-core (never a
// downloaded browser), pages that keep their console log, and artifacts under test-results/ —
// screenshots of key states, and on failure the last screenshot plus the console log.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export type TrackedPage = {
  page: Page;
  context: BrowserContext;
  console: string[];
  /** Saves test-results/<suite>/<name>.png. */
  shot: (name: string) => Promise<string>;
  /** Writes the console log (and a final screenshot) next to the screenshots; call on failure. */
  dumpFailure: (testName: string) => Promise<void>;
  close: () => Promise<void>;
};

function safe(name: string): string {
  return name
    .replace(/[^a-zA-Z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
}

export async function openPage(browser: Browser, suite: string): Promise<TrackedPage> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  // tsx compiles test files with esbuild's keepNames, which wraps functions handed to
  // page.evaluate in a __name() helper that only exists in Node: give the page a no-op one.
  await context.addInitScript({ content: 'window.__name = (fn) => fn;' });
  const page = await context.newPage();
  const log: string[] = [];
  page.on('console', (msg) => log.push(`[${msg.type()}] ${msg.text()}`));
  page.on('pageerror', (err) => log.push(`[pageerror] ${err.stack ?? err.message}`));
  page.on('requestfailed', (req) => log.push(`[requestfailed] ${req.method()} ${req.url()} ${req.failure()?.errorText ?? ''}`));
  // The console says only "Failed to load resource: 404"; name the request.
  page.on('response', (res) => {
    if (res.status() >= 400) {
      log.push(`[http ${res.status()}] ${res.request().method()} ${res.url()}`);
    }
  });
  const dir = path.join(RESULTS_DIR, safe(suite));
  mkdirSync(dir, { recursive: true });
  const shot = async (name: string) => {
    const file = path.join(dir, `${safe(name)}.png`);
    await page.screenshot({ path: file, fullPage: false });
    return file;
  };
  return {
    page,
    context,
    console: log,
    shot,
    dumpFailure: async (testName: string) => {
      try {
        await shot(`FAILED-${testName}`);
      } catch {
        // The page may be gone; the console log still helps.
      }
      writeFileSync(path.join(dir, `FAILED-${safe(testName)}.console.log`), log.join('\n') + '\n');
    },
    close: () => context.close(),
  };
}

/** Waits until the host says it is ready (logged in, plugins loaded and initialized). */
export async function waitForHost(page: Page, timeoutMs = 20_000): Promise<void> {
  await page.waitForFunction(() => (window as any).__sandbox?.ready === true, undefined, { timeout: timeoutMs });
}

/** Opens the sandbox as `user` (a key of SANDBOX_USERS) at `pathAndQuery`, through the real login. */
export async function openAs(page: Page, baseUrl: string, user: string, pathAndQuery = '/'): Promise<void> {
  const url = new URL(pathAndQuery, baseUrl);
  url.searchParams.set('user', user);
  await page.goto(url.toString());
  await page.waitForURL((u) => !u.searchParams.has('user'));
  await waitForHost(page);
}
