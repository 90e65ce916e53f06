// The sandbox host in Chromium, on React 19 (Mattermost 12), 18 (10–11) and 17 (7–9), each playing
// one Mattermost version's registry (tests/sandbox/host/profile.ts):
// it loads a plugin the way Mattermost does and offers the plugin Mattermost's surfaces. The
// fixture plugin (tests/sandbox/fixtures/plugin) probes every registry call; when the real bundle
// (webapp/dist/main.js) exists, it is loaded on its own and must initialize cleanly.
//   node --import tsx --test tests/e2e/sandbox.e2e.test.ts
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import type { Browser, Page } from 'playwright-core';

import { fixtures } from '../standin/index.ts';
import { buildHost } from '../sandbox/build.ts';
import { PROFILES } from '../sandbox/host/profile.ts';
import { REAL_PLUGIN } from '../sandbox/plugins.ts';
import type { FrontServer } from '../sandbox/server.ts';
import { startStack, type Stack } from '../sandbox/stack.ts';

import { launchChromium, openAs, openPage, waitForHost, type TrackedPage } from './browser.ts';

const REACTS = ['19', '18', '17'] as const;
const P = fixtures.posts;
const C = fixtures.channels;
const HQ_PATH = `/${fixtures.team.name}/channels/${C.campaignHq.name}`;
const FIXTURE_ID = 'sandbox-fixture';

let stack: Stack;
let browser: Browser;
let realFront: FrontServer | null = null;
let dataDir: string;
const realBundle = existsSync(REAL_PLUGIN.bundleFile);

before(async () => {
  await buildHost();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'throughline-e2e-'));
  stack = await startStack({ dataDir, plugins: 'fixture', serviceOptional: true });
  if (realBundle) {
    realFront = await stack.addFront({ plugins: 'real' });
  }
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await stack?.stop();
  if (dataDir) {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** Runs `body` with a fresh browser context; on failure leaves a screenshot and the console log. */
async function withPage(suite: string, name: string, body: (t: TrackedPage) => Promise<void>): Promise<void> {
  const t = await openPage(browser, suite);
  try {
    await body(t);
  } catch (err) {
    await t.dumpFailure(name);
    throw err;
  } finally {
    await t.close();
  }
}

const sandbox = (page: Page) =>
  page.evaluate(() => {
    const s = (window as any).__sandbox;
    return { plugins: s.plugins, violations: s.violations, react: s.react };
  });

const fixtureCalls = (page: Page, kind: string) =>
  page.evaluate((k) => ((window as any).__fixture?.calls ?? []).filter((c: any) => c.kind === k), kind);

async function hoverAndOpenActions(page: Page, postId: string, location = 'CENTER'): Promise<void> {
  const prefix = location === 'CENTER' ? 'post' : 'rhsPost';
  await page.hover(`#${prefix}_${postId}`);
  await page.click(`#${location}_actions_button_${postId}`);
  await page.waitForSelector(`#${location}_actions_dropdown_${postId}`);
}

for (const react of REACTS) {
  const suite = `sandbox-react${react}-fixture`;

  describe(`sandbox host on React ${react}, fixture plugin`, () => {
    before(() => stack.standin.reset());

    test('loads the plugin as Mattermost does: globals, registerPlugin, initialize(registry, store)', async () => {
      await withPage(suite, 'loads', async (t) => {
        const { page } = t;
        await openAs(page, stack.front.url, 'olga', `${HQ_PATH}?react=${react}`);
        const globals = await page.evaluate(() => {
          const w = window as any;
          return {
            react: w.React.version,
            reactDom: w.ReactDOM.version,
            createRoot: typeof w.ReactDOM.createRoot,
            clientCreateRoot: typeof w.ReactDOMClient?.createRoot,
            jsxRuntime: typeof w.ReactJSXRuntime?.jsx,
            intl: typeof w.ReactIntl.IntlProvider,
            redux: typeof w.Redux.combineReducers,
            reactRedux: typeof w.ReactRedux.useSelector,
            propTypes: typeof w.PropTypes.string,
            luxon: typeof w.Luxon.DateTime,
            bootstrap: typeof w.ReactBootstrap,
            router: typeof w.ReactRouterDom,
            script: document.getElementById('plugin_sandbox-fixture')?.getAttribute('src'),
          };
        });
        assert.ok(globals.react.startsWith(`${react}.`), `React ${globals.react}`);
        assert.equal(globals.reactDom, globals.react);
        // React 19's react-dom has no createRoot (nor render); Mattermost 12 exposes react-dom/client and the JSX runtime too.
        assert.equal(globals.createRoot, react === '18' ? 'function' : 'undefined');
        assert.equal(globals.clientCreateRoot, react === '19' ? 'function' : 'undefined');
        assert.equal(globals.jsxRuntime, react === '19' ? 'function' : 'undefined');
        for (const key of ['intl', 'redux', 'reactRedux', 'propTypes', 'luxon'] as const) {
          assert.equal(globals[key], 'function', key);
        }
        assert.equal(globals.bootstrap, 'object');
        assert.equal(globals.router, 'object');
        assert.match(globals.script ?? '', /\/static\/plugins\/sandbox-fixture\/sandbox-fixture_[0-9a-f]{16}_bundle\.js$/);

        const s = await sandbox(page);
        assert.deepEqual(
          { ...s.plugins[FIXTURE_ID], initializeError: s.plugins[FIXTURE_ID].initializeError },
          { registered: 1, initialized: 1, uninitialized: 0, initializeError: null, scriptLoaded: true },
        );
        assert.deepEqual(s.violations, []);
        const [init] = await fixtureCalls(page, 'initialize');
        assert.deepEqual(init.detail, { hasRegistry: true, hasStore: true });

        const state = await page.evaluate(() => {
          const st = (window as any).__sandbox.store.getState();
          return {
            props: st.plugins.plugins['sandbox-fixture']?.props,
            pluginState: st['plugins-sandbox-fixture'],
            me: st.entities.users.currentUserId,
            channel: st.entities.channels.currentChannelId,
          };
        });
        assert.equal(state.props?.note, 'read back by the fixture from state.plugins.plugins');
        assert.deepEqual(state.pluginState, { lastPostId: null, posted: 0 });
        assert.equal(state.me, fixtures.users.olga.id);
        assert.equal(state.channel, C.campaignHq.id);

        const cookies = Object.fromEntries((await t.context.cookies()).map((c) => [c.name, c]));
        assert.equal(cookies.MMAUTHTOKEN?.httpOnly, true, 'MMAUTHTOKEN is HttpOnly');
        assert.equal(cookies.MMUSERID?.value, fixtures.users.olga.id);
        assert.ok(cookies.MMCSRF?.value, 'MMCSRF is set');

        const posts = await page.$$eval('[id^="post_"]', (els) => els.map((e) => e.id).filter((id) => /^post_[a-z0-9]{26}$/.test(id)));
        assert.ok(posts.includes(`post_${P.kickoff.id}`) && posts.includes(`post_${P.layoutsV2.id}`), posts.join(', '));
        await t.shot('1-loaded-campaign-hq');
      });
    });

    test('message actions, right-click, thread, files, header menu and App Bar reach the plugin', async () => {
      await withPage(suite, 'surfaces', async (t) => {
        const { page } = t;
        await openAs(page, stack.front.url, 'olga', `${HQ_PATH}?react=${react}`);
        const id = P.outdoorFinal.id;

        await hoverAndOpenActions(page, id);
        const item = page.locator(`#CENTER_actions_dropdown_${id} [role=menuitem]`, { hasText: 'Fixture: remember post' });
        await item.waitFor();
        await t.shot('2-message-actions-menu');
        await item.click();
        await page.locator('#sandbox-fixture-rhs', { hasText: `Last post: ${id}` }).waitFor();
        await t.shot('3-plugin-rhs-open');
        const [action] = await fixtureCalls(page, 'post-action');
        assert.deepEqual(action.detail, { postId: id, type: 'string' });
        const filters = await fixtureCalls(page, 'post-filter');
        assert.ok(filters.length > 0 && filters.every((f: any) => f.detail.type === 'string'), 'filter(postId) gets a string');

        // The "…" menu is the host's own: plugin post actions are not there.
        await page.hover(`#post_${id}`);
        await page.click(`#CENTER_button_${id}`);
        const dotMenu = page.locator(`#CENTER_dropdown_${id}`);
        await dotMenu.waitFor();
        assert.equal(await dotMenu.locator('text=Fixture: remember post').count(), 0);
        await page.keyboard.press('Escape');

        // Right-click belongs to the plugin: the host has no handler of its own.
        await page.click(`#${id}_message`, { button: 'right' });
        await page.locator('#sandbox-fixture-contextmenu').waitFor();
        assert.deepEqual(
          (await fixtureCalls(page, 'contextmenu')).map((c: any) => c.detail),
          [id],
        );
        await t.shot('4-plugin-context-menu');
        await page.keyboard.press('Escape');

        // Replies open in the thread view, where posts are #rhsPost_<id> as in Mattermost.
        await page.hover(`#post_${id}`);
        await page.click(`#CENTER_commentIcon_${id}`);
        await page.waitForSelector(`#rhsPost_${P.outdoorReply.id}`);
        assert.equal(await page.locator(`#rhsPost_${id}`).count(), 1);
        assert.equal(await page.locator('#sandbox-fixture-rhs').count(), 0, 'the thread replaced the plugin RHS');
        await hoverAndOpenActions(page, P.outdoorReply.id, 'RHS_COMMENT');
        await page
          .locator(`#RHS_COMMENT_actions_dropdown_${P.outdoorReply.id} [role=menuitem]`, { hasText: 'Fixture: remember post' })
          .waitFor();
        await t.shot('5-thread-view');
        await page.keyboard.press('Escape');

        // A file's menu lists plugin file actions whose match(fileInfo) is true.
        await page.hover(`#post_${P.layoutsV2.id}`);
        await page.click(`#file_menu_button_${fixtures.files.outdoorPng.id}`);
        await page.locator(`#file_menu_${fixtures.files.outdoorPng.id} [role=menuitem]`, { hasText: 'Fixture: use this file' }).click();
        const [file] = await fixtureCalls(page, 'file-action');
        assert.deepEqual(file.detail, { id: fixtures.files.outdoorPng.id, name: fixtures.files.outdoorPng.name });

        // Channel header menu: action(channelId).
        await page.click('#channelHeaderDropdownButton');
        await page.locator('#channelHeaderDropdownMenu [role=menuitem]', { hasText: 'Fixture: channel action' }).click();
        assert.deepEqual(
          (await fixtureCalls(page, 'channel-menu')).map((c: any) => c.detail),
          [{ channelId: C.campaignHq.id }],
        );

        // App Bar on: the plugin's header button is hidden, its App Bar icon toggles its RHS.
        assert.equal(await page.locator(`.channel-header__icon[data-plugin-id="${FIXTURE_ID}"]`).count(), 0);
        const icon = page.locator(`.app-bar__icon[data-plugin-id="${FIXTURE_ID}"]`);
        await icon.click();
        await page.locator('#sandbox-fixture-rhs').waitFor();
        await icon.click();
        await page.locator('#sandbox-fixture-rhs').waitFor({ state: 'detached' });
        assert.deepEqual(
          (await fixtureCalls(page, 'app-bar')).map((c: any) => c.detail),
          [{ channelId: C.campaignHq.id }, { channelId: C.campaignHq.id }],
        );

        const rhsRender = await fixtureCalls(page, 'rhs-render');
        assert.ok(
          rhsRender.every((c: any) => c.detail.hasTheme && c.detail.hasSocket),
          'RHS gets theme and webSocketClient',
        );
        assert.deepEqual((await sandbox(page)).violations, []);
      });
    });

    test('message box: slash-command hooks, posting, posts arriving live, custom post types', async () => {
      await withPage(suite, 'message-box', async (t) => {
        const { page } = t;
        await openAs(page, stack.front.url, 'olga', `${HQ_PATH}?react=${react}`);
        const box = page.locator('#post_textbox');

        await box.fill('/fixture-error please');
        await box.press('Enter');
        await page.locator('[data-testid=post_textbox_error]', { hasText: 'The fixture refuses this command.' }).waitFor();

        await box.fill('/fixture hello');
        await box.press('Enter');
        await page.waitForFunction(() => ((window as any).__fixture.calls as any[]).some((c) => c.kind === 'slash'));
        assert.deepEqual(
          (await fixtureCalls(page, 'slash')).map((c: any) => c.detail),
          [{ message: '/fixture hello', channelId: C.campaignHq.id }],
        );

        const text = `Hello from the React ${react} end-to-end test`;
        await box.fill(text);
        await box.press('Enter');
        await page.locator('[id^="post_"][role=listitem]', { hasText: text }).waitFor();
        await page.waitForFunction(() => (window as any).__sandbox.store.getState()['plugins-sandbox-fixture'].posted >= 1);

        // Posted elsewhere (here: straight into the stand-in): arrives without a reload.
        const other = stack.standin.createPost({
          user_id: fixtures.users.dmitry.id,
          channel_id: C.campaignHq.id,
          message: `Dmitry, live, React ${react}`,
        });
        await page.waitForSelector(`#post_${other.id}`, { timeout: 10_000 });
        const card = stack.standin.createPost({
          user_id: fixtures.users.throughline.id,
          channel_id: C.campaignHq.id,
          message: 'card body',
          type: 'custom_sandbox_fixture',
        });
        await page.locator(`#post_${card.id} .sandbox-fixture-card`, { hasText: 'Fixture card: card body' }).waitFor({ timeout: 10_000 });
        await t.shot('6-posted-and-card');
        assert.deepEqual((await sandbox(page)).violations, []);
      });
    });

    test('locale switch reloads plugin translations; reloading the plugin uninitializes the old instance', async () => {
      await withPage(suite, 'locale-and-reload', async (t) => {
        const { page } = t;
        await openAs(page, stack.front.url, 'olga', `${HQ_PATH}?react=${react}`);
        await page.locator(`.app-bar__icon[data-plugin-id="${FIXTURE_ID}"]`).click();
        await page.locator('#rhsPluginTitle', { hasText: 'Fixture sidebar' }).waitFor();
        // From Mattermost 11.3 every plugin RHS can pop out unless the plugin says showPopout false (12).
        const popout = page.locator('#rhsPopoutButton');
        if (PROFILES[react].rhsPopout) {
          await popout.click();
          assert.deepEqual(await page.evaluate(() => (window as any).__sandbox.popouts.map((p: any) => p.pluginId)), [FIXTURE_ID]);
        } else {
          assert.equal(await popout.count(), 0);
        }
        await page.selectOption('#sandbox-locale-switcher', 'ru');
        await page.locator('#rhsPluginTitle', { hasText: 'Боковая панель фикстуры' }).waitFor();
        await page.locator('#sandbox-fixture-rhs', { hasText: 'Последнее сообщение' }).waitFor();
        await t.shot('7-russian');
        await page.selectOption('#sandbox-locale-switcher', 'en');
        await page.locator('#rhsPluginTitle', { hasText: 'Fixture sidebar' }).waitFor();

        const count = () =>
          page.evaluate((pid) => {
            const c = (window as any).__sandbox.store.getState().plugins.components;
            return ['PostDropdownMenu', 'FilesDropdown', 'AppBar', 'Root', 'RightHandSidebarComponent', 'SlashCommandWillBePosted'].map(
              (n) => c[n].filter((x: any) => x.pluginId === pid).length,
            );
          }, FIXTURE_ID);
        const before = await count();
        await page.evaluate((pid) => (window as any).__sandbox.reloadPlugin(pid), FIXTURE_ID);
        await page.waitForFunction((pid) => (window as any).__sandbox.plugins[pid].initialized === 2, FIXTURE_ID);
        const s = await sandbox(page);
        assert.equal(s.plugins[FIXTURE_ID].uninitialized, 1);
        assert.equal(await page.evaluate(() => (window as any).__fixture.uninitialized), 1);
        assert.deepEqual(await count(), before, 'no registration is duplicated after an upgrade');
        assert.deepEqual(s.violations, []);
      });
    });
  });
}

describe("registry double: Mattermost's argument rules", () => {
  test('positional or one object with exactly the documented keys; anything else is the first argument', async () => {
    await withPage('sandbox-registry-rules', 'rules', async (t) => {
      const { page } = t;
      await openAs(page, stack.front.url, 'olga', HQ_PATH);
      const result = await page.evaluate(async () => {
        const s = (window as any).__sandbox;
        const store = s.store;
        const r = s.registryFor('probe');
        const before = s.violations.length;
        const noop = () => undefined;
        const menu = () => store.getState().plugins.components.PostDropdownMenu.filter((c: any) => c.pluginId === 'probe');

        r.registerPostDropdownMenuAction({ text: 'A', action: noop, filter: () => true });
        r.registerPostDropdownMenuAction({ text: 'B', action: noop, filtr: noop });
        r.registerPostDropdownMenuAction('C', noop);
        r.registerPostDropdownMenuAction('D', 'not a function');
        r.registerPostTypeComponent('task_card', () => null);
        r.registerWebSocketEventHandler('custom_probe_changed', noop);
        r.registerTranslations(() => Promise.resolve({}));
        r.registerAppBarComponent('/plugins/probe/public/missing.svg', noop, 'probe');
        const rhs = r.registerRightHandSidebarComponent(() => null, 'Probe');
        store.dispatch(rhs.toggleRHSPlugin);
        const opened = store.getState().views.rhs.pluggableId;
        store.dispatch(rhs.toggleRHSPlugin);
        const closed = store.getState().views.rhs.pluggableId;
        r.registerReducer((state = { n: 1 }) => state);
        const mainMenu = r.registerMainMenuAction('kept, not drawn', noop);
        await new Promise((res) => setTimeout(res, 500));
        const items = menu();
        return {
          texts: items.map((c: any) => (typeof c.text === 'string' ? c.text : typeof c.text)),
          secondFilter: typeof items[1].filter,
          violations: s.violations.slice(before).map((v: any) => `${v.call}: ${v.message}`),
          rhs: { id: typeof rhs.id, show: rhs.showRHSPlugin, hide: typeof rhs.hideRHSPlugin, toggle: typeof rhs.toggleRHSPlugin },
          opened: opened === rhs.id,
          closed,
          reducer: store.getState()['plugins-probe'],
          mainMenu: typeof mainMenu,
        };
      });
      assert.deepEqual(result.texts, ['A', 'object', 'C', 'D']);
      assert.equal(result.secondFilter, 'undefined');
      const expect = [
        /registerPostDropdownMenuAction: called with one object whose keys \[filtr\]/,
        /registerPostDropdownMenuAction: "action" must be a function \(got undefined\)/,
        /registerPostDropdownMenuAction: "action" must be a function \(got string\)/,
        /registerPostTypeComponent: post type must start with "custom_"/,
        /registerWebSocketEventHandler: "custom_probe_changed" is not a core Mattermost event/,
        /registerTranslations: getTranslationsForLocale\("en"\) must return an object of strings synchronously/,
        /registerAppBarComponent: iconUrl \/plugins\/probe\/public\/missing.svg answers 404/,
      ];
      for (const re of expect) {
        assert.ok(
          result.violations.some((v: string) => re.test(v)),
          `expected a violation matching ${re}; got:\n${result.violations.join('\n')}`,
        );
      }
      assert.deepEqual(result.rhs, {
        id: 'string',
        show: { type: 'UPDATE_RHS_STATE', state: 'plugin', pluggableId: result.rhs.show.pluggableId },
        hide: 'function',
        toggle: 'function',
      });
      assert.equal(result.opened, true);
      assert.equal(result.closed, '');
      assert.deepEqual(result.reducer, { n: 1 });
      assert.equal(result.mainMenu, 'string');
    });
  });
});

for (const react of REACTS) {
  describe(
    `sandbox host on React ${react}, real Throughline bundle`,
    { skip: realBundle ? false : 'webapp/dist/main.js is not built' },
    () => {
      before(() => stack.standin.reset());

      test('webapp/dist/main.js registers, initializes and adds its post action without contract violations', async () => {
        await withPage(`sandbox-react${react}-real`, 'real-bundle', async (t) => {
          const { page } = t;
          await openAs(page, realFront!.url, 'olga', `${HQ_PATH}?react=${react}`);
          await page.waitForSelector(`#post_${P.outdoorFinal.id}`);
          const s = await sandbox(page);
          const plugin = s.plugins.throughline;
          assert.ok(plugin, `plugins seen: ${Object.keys(s.plugins).join(', ')}`);
          assert.equal(plugin.initializeError, null);
          assert.deepEqual([plugin.registered, plugin.initialized, plugin.scriptLoaded], [1, 1, true]);
          assert.deepEqual(s.violations, [], s.violations.map((v: any) => `${v.call}: ${v.message}`).join('\n'));
          await t.shot('1-loaded');
          await hoverAndOpenActions(page, P.outdoorFinal.id);
          const items = page.locator(`#CENTER_actions_dropdown_${P.outdoorFinal.id} [id$="_pluginmenuitem"]`);
          await items.first().waitFor();
          await t.shot('2-message-actions-menu');
          assert.ok((await items.count()) >= 1);
          const errors = t.console.filter((l) => l.startsWith('[pageerror]'));
          assert.deepEqual(errors, []);
        });
      });

      test(`the sidebar on Mattermost ${PROFILES[react].mattermost}: from the App Bar in the form this version offers, never popped out; from the channel header with the App Bar off`, async () => {
        await withPage(`sandbox-react${react}-real`, 'sidebar-surfaces', async (t) => {
          const { page } = t;
          const profile = PROFILES[react];
          await openAs(page, realFront!.url, 'olga', `${HQ_PATH}?react=${react}`);
          assert.equal(await page.evaluate(() => (window as any).__sandbox.mattermost), profile.mattermost);
          const registered = await page.evaluate(() => {
            const c = (window as any).__sandbox.store.getState().plugins.components;
            const rhs = c.RightHandSidebarComponent.filter((x: any) => x.pluginId === 'throughline');
            const bar = c.AppBar.filter((x: any) => x.pluginId === 'throughline');
            return {
              rhs: rhs.length,
              showPopout: rhs[0]?.showPopout ?? null,
              bar: bar.length,
              barCarriesRhs: bar[0]?.rhsComponentId === rhs[0]?.id,
            };
          });
          assert.deepEqual(registered, {
            rhs: 1,
            // Passed everywhere, read from 12 on.
            showPopout: profile.showPopout ? false : null,
            bar: 1,
            // The App Bar's own RHS where the host has one and no popouts (the form cannot say showPopout).
            barCarriesRhs: profile.globalRhs && !profile.rhsPopout,
          });

          // With the App Bar shown, Mattermost draws no plugin buttons in the channel header.
          assert.equal(await page.locator('#channel-header [data-plugin-id="throughline"]').count(), 0);
          const icon = page.locator('.app-bar__icon[data-plugin-id="throughline"]');
          await icon.click();
          const sidebar = page.locator('#sidebar-right .sidebar--right__content[data-plugin-id="throughline"] .tl-sidebar');
          await sidebar.waitFor();
          assert.match((await icon.getAttribute('class')) ?? '', /app-bar__icon--active/);
          assert.equal(await page.locator('#rhsPopoutButton').count(), 0, 'no popout button on the Throughline sidebar');
          await t.shot('3-sidebar-from-app-bar');

          // The App Bar off: the channel header button opens the same sidebar.
          await page.goto(`${realFront!.url}${HQ_PATH}?react=${react}&appbar=0`);
          await waitForHost(page);
          assert.equal(await page.locator('#app-bar').count(), 0);
          await page.locator('#channel-header [data-plugin-id="throughline"]').click();
          await sidebar.waitFor();
          await t.shot('4-sidebar-from-channel-header');
          const s = await sandbox(page);
          assert.deepEqual(s.violations, [], s.violations.map((v: any) => `${v.call}: ${v.message}`).join('\n'));
        });
      });
    },
  );
}
