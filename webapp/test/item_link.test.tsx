import {act, render, screen, waitFor, within} from '@testing-library/react';
import React from 'react';
import {Provider} from 'react-redux';

import {PROFILES} from '../../tests/sandbox/host/profile';

import {FakeBackend} from './fake_backend';
import {CHANNEL, OTHER_CHANNEL} from './fixtures';
import {boot} from './harness';
import {StrictRegistry} from './registry_double';

type Route = {route: string; component: React.ComponentType};
const routes = (registry: StrictRegistry) => registry.all('NeedsTeamComponent') as unknown as Route[];

// The browser at `path`, and the host's router there (Mattermost's WebappUtils.browserHistory).
function at(path: string) {
    window.history.pushState(null, '', path);
    const replaced: string[] = [];
    window.WebappUtils = {browserHistory: {push: () => undefined, replace: (p: string) => replaced.push(p)}};
    return replaced;
}

afterEach(() => {
    delete window.WebappUtils;
    window.history.pushState(null, '', '/');
});

// What Mattermost's team controller draws at /<team>/throughline/item/…
function renderItemRoute(env: ReturnType<typeof boot>) {
    const {component: Page} = routes(env.registry).find((r) => r.route === 'throughline/item')!;
    return render(<Provider store={env.store}><Page/></Provider>);
}

// The host landing in a channel after the route moved its router there.
const selectChannel = (env: ReturnType<typeof boot>, channelId: string) => act(() => {
    env.store.dispatch({type: 'SELECT_CHANNEL', data: channelId});
});

const rhsOpen = (env: ReturnType<typeof boot>) => env.store.getState().views.rhs.pluggableId === env.registry.rhs[0].id;
const plugin = (env: ReturnType<typeof boot>) => (env.store.getState() as unknown as Record<string, {selectedTaskId: string | null; openDecisionId: string | null; itemLinkNotice: string | null}>)['plugins-throughline'];

function seed() {
    const backend = new FakeBackend();
    const project = backend.addProject('Spring campaign', [CHANNEL, OTHER_CHANNEL]);
    return {backend, project};
}

describe('an item link', () => {
    test.each([['17'], ['18'], ['19']] as const)('is a team route beside the overview on the host of React %s', (react) => {
        const env = boot({backend: seed().backend, registry: (store) => new StrictRegistry(store, 'throughline', PROFILES[react])});
        expect(routes(env.registry).map((r) => r.route)).toEqual(['throughline/overview', 'throughline/item']);
    });

    test('opens a task of another channel: the channel in place of the page, then the task in the sidebar', async () => {
        const {backend, project} = seed();
        const task = backend.addTask({title: 'Samara flyers', channel_id: OTHER_CHANNEL, project_id: project.id});
        const env = boot({backend});
        const replaced = at(`/marketing/throughline/item/task/${task.id}`);
        renderItemRoute(env);
        expect(screen.getByRole('status')).toHaveTextContent('Opening it in the Throughline sidebar…');
        await waitForReplace(replaced);
        expect(replaced).toEqual(['/marketing/channels/samara-region']);
        expect(plugin(env).selectedTaskId).toBeNull();
        expect(rhsOpen(env)).toBe(false);

        selectChannel(env, OTHER_CHANNEL);
        expect(plugin(env).selectedTaskId).toBe(task.id);
        expect(rhsOpen(env)).toBe(true);
        env.renderSidebar();
        expect(await screen.findByRole('heading', {name: 'Samara flyers'})).toBeInTheDocument();
    });

    test('opens a decision from the project’s home channel, at once when the reader is already there', async () => {
        const {backend, project} = seed();
        const decision = backend.decisions.add({project_id: project.id, statement: 'Slogan B is final', channel_ids: [CHANNEL], status: 'decided'});
        const env = boot({backend});
        const replaced = at(`/marketing/throughline/item/decision/${decision.id}`);
        renderItemRoute(env);
        await waitForReplace(replaced);
        expect(replaced).toEqual(['/marketing/channels/kazan-region']);
        expect(plugin(env).openDecisionId).toBe(decision.id);
        expect(rhsOpen(env)).toBe(true);
        env.renderSidebar();
        expect(await screen.findByText('Slogan B is final')).toBeInTheDocument();
    });

    test('opens an asset in the sidebar’s Assets tab', async () => {
        const {backend, project} = seed();
        const asset = backend.assets.add(project.id, 'Billboard 3×6', [CHANNEL]);
        backend.assets.addVersion(asset.id, {file_name: 'billboard-v1.png'});
        const env = boot({backend});
        const replaced = at(`/marketing/throughline/item/asset/${asset.id}`);
        renderItemRoute(env);
        await waitForReplace(replaced);
        expect(replaced).toEqual(['/marketing/channels/kazan-region']);
        env.renderSidebar();
        expect(await screen.findByRole('heading', {name: 'Billboard 3×6'})).toBeInTheDocument();
        expect(screen.getByRole('tab', {name: 'Assets'})).toHaveAttribute('aria-selected', 'true');
    });

    test('opens a rollout at its parent task, or a guest outside the parent’s channel at their own channel’s task', async () => {
        const {backend, project} = seed();
        const parent = backend.addTask({title: 'Spring rollout', channel_id: OTHER_CHANNEL, project_id: project.id});
        const rolloutId = '00000000-0000-4000-d000-000000000001';
        parent.rollout_id = rolloutId;
        const child = backend.addTask({title: 'Spring rollout · Kazan', channel_id: CHANNEL, project_id: project.id, parent_id: parent.id, rollout_id: rolloutId});
        backend.rollouts.items.push({id: rolloutId, task_id: parent.id, project_id: project.id, asset_id: null, channel_ids: [CHANNEL], created_at: parent.created_at});

        const staff = boot({backend});
        const replaced = at(`/marketing/throughline/item/rollout/${rolloutId}`);
        const {unmount} = renderItemRoute(staff);
        await waitForReplace(replaced);
        expect(replaced).toEqual(['/marketing/channels/samara-region']);
        selectChannel(staff, OTHER_CHANNEL);
        expect(plugin(staff).selectedTaskId).toBe(parent.id);
        unmount();

        backend.assets.guest = true;
        const again = at(`/marketing/throughline/item/rollout/${rolloutId}`);
        const {component: Page} = routes(staff.registry).find((r) => r.route === 'throughline/item')!;
        render(<Provider store={staff.store}><Page/></Provider>);
        await waitForReplace(again);
        expect(again).toEqual(['/marketing/channels/kazan-region']);
        selectChannel(staff, CHANNEL);
        expect(plugin(staff).selectedTaskId).toBe(child.id);
    });

    test.each([
        ['an unknown kind', '/marketing/throughline/item/poster/123', 'This Throughline link names nothing the sidebar can open: it shows tasks, decisions, assets and rollouts.'],
        ['a task that is gone or hidden', '/marketing/throughline/item/task/00000000-0000-4000-a000-00000000dead', 'This Throughline link leads to an item that no longer exists, or to one in a channel you are not a member of.'],
        ['no id', '/marketing/throughline/item/decision', 'This Throughline link leads to an item that no longer exists, or to one in a channel you are not a member of.'],
    ])('says why it opened nothing for %s, on the page and in the sidebar, and leaves for the team', async (_, path, text) => {
        const env = boot({backend: seed().backend});
        const replaced = at(path);
        renderItemRoute(env);
        expect(await screen.findByRole('alert')).toHaveTextContent(text);
        expect(replaced).toEqual(['/marketing']);
        expect(rhsOpen(env)).toBe(true);
        document.body.innerHTML = '';
        env.renderSidebar();
        const notice = await screen.findByRole('alert');
        expect(notice).toHaveTextContent(text);
        await env.user.click(within(notice).getByRole('button', {name: 'Dismiss'}));
        expect(screen.queryByRole('alert')).toBeNull();
        expect(plugin(env).itemLinkNotice).toBeNull();
    });

    test('says the service did not answer, in Russian', async () => {
        const {backend, project} = seed();
        const task = backend.addTask({title: 'Samara flyers', channel_id: CHANNEL, project_id: project.id});
        backend.http.failNext('GET', /\/tasks\/[^/]+$/, {status: 503, data: {error: {code: 'mattermost_unavailable', message: 'Mattermost is not answering'}}});
        const env = boot({backend, locale: 'ru'});
        at(`/marketing/throughline/item/task/${task.id}`);
        renderItemRoute(env);
        expect(await screen.findByRole('alert')).toHaveTextContent('Не удалось открыть запись Throughline: сервис не ответил. Попробуйте открыть ссылку ещё раз чуть позже.');
    });
});

// The route has asked the service and moved the router.
const waitForReplace = (replaced: string[]) => waitFor(() => expect(replaced).not.toHaveLength(0));
