import {act, render, screen, within} from '@testing-library/react';
import React from 'react';
import {Provider} from 'react-redux';

import {PROFILES} from '../../tests/sandbox/host/profile';

import {FakeBackend} from './fake_backend';
import {fakeOverview} from './fake_overview';
import {CHANNEL, OTHER_CHANNEL} from './fixtures';
import {boot} from './harness';
import {StrictRegistry} from './registry_double';

type Route = {route: string; component: React.ComponentType};
const routes = (registry: StrictRegistry) => registry.all('NeedsTeamComponent') as unknown as Route[];

// The browser at `path`, and the host's router there (Mattermost's WebappUtils.browserHistory).
function at(path: string) {
    window.history.pushState(null, '', path);
    const pushed: string[] = [];
    window.WebappUtils = {browserHistory: {push: (p: string) => pushed.push(p)}};
    return pushed;
}

afterEach(() => {
    delete window.WebappUtils;
    window.history.pushState(null, '', '/');
});

function seed() {
    const backend = new FakeBackend();
    const project = backend.addProject('Spring campaign', [CHANNEL, OTHER_CHANNEL]);
    fakeOverview(backend.http, project.id, project.name);
    return {backend, project};
}

// What Mattermost's team controller does at /<team>/<route>: draws the registered component.
function renderRoute(env: ReturnType<typeof boot>) {
    const {component: Page} = routes(env.registry)[0];
    return render(<Provider store={env.store}><Page/></Provider>);
}

describe('the overview page', () => {
    test.each([['17'], ['18'], ['19']] as const)('is a team route on the host of React %s, linked from the sidebar\'s project view', async (react) => {
        const {backend, project} = seed();
        const env = boot({backend, registry: (store) => new StrictRegistry(store, 'throughline', PROFILES[react])});
        expect(routes(env.registry).map((r) => r.route)).toEqual(['throughline/overview']);

        const pushed = at('/marketing/channels/chan');
        env.renderSidebar();
        const link = await screen.findByRole('link', {name: 'Overview'});
        expect(link).toHaveAttribute('href', `/marketing/throughline/overview/${project.id}`);
        await env.user.click(link);
        expect(pushed).toEqual([`/marketing/throughline/overview/${project.id}`]);
    });

    test('a host without team routes gets no link to the page', async () => {
        const {backend} = seed();
        const env = boot({backend, registry: (store) => {
            const r = new StrictRegistry(store, 'throughline') as Partial<StrictRegistry>;
            delete r.registerNeedsTeamRoute;
            return r as StrictRegistry;
        }});
        env.renderSidebar();
        await screen.findByLabelText('Project');
        expect(screen.queryByRole('link', {name: 'Overview'})).toBeNull();
    });

    test('draws the project its address names and links back to its home channel', async () => {
        const {backend, project} = seed();
        const env = boot({backend});
        const pushed = at(`/marketing/throughline/overview/${project.id}`);
        renderRoute(env);
        const head = await screen.findByRole('banner');
        expect(within(head).getByRole('heading', {level: 1})).toHaveTextContent('Spring campaign: overview');
        const back = within(head).getByRole('link', {name: 'Back to Kazan region'});
        expect(back).toHaveAttribute('href', '/marketing/channels/kazan-region');
        await env.user.click(back);
        expect(pushed).toEqual(['/marketing/channels/kazan-region']);
        expect(backend.http.requests.filter((r) => r.path.includes('/overview')).map((r) => [r.path, r.query])).toEqual([
            [`/throughline-api/api/v1/projects/${project.id}/overview`, {weeks: '8'}],
        ]);
    });

    test('follows the router to another project, and says so when the address names none or one the reader may not see', async () => {
        const {backend, project} = seed();
        backend.http.on('GET', /\/projects\/hidden\/overview$/, () => ({status: 404, data: {error: {code: 'not_found', message: 'Project not found'}}}));
        const env = boot({backend});
        at('/marketing/throughline/overview/hidden');
        renderRoute(env);
        expect(await screen.findByRole('alert')).toHaveTextContent('This no longer exists, or you cannot see it.');

        act(() => {
            window.history.pushState(null, '', `/marketing/throughline/overview/${project.id}`);
            window.dispatchEvent(new PopStateEvent('popstate'));
        });
        expect(await screen.findByRole('heading', {name: 'Spring campaign: overview'})).toBeInTheDocument();

        act(() => {
            window.history.pushState(null, '', '/marketing/throughline/overview');
            window.dispatchEvent(new PopStateEvent('popstate'));
        });
        expect(await screen.findByText(/This address names no project/)).toBeInTheDocument();
    });

    test('in Russian', async () => {
        const {backend, project} = seed();
        const env = boot({backend, locale: 'ru'});
        at(`/marketing/throughline/overview/${project.id}`);
        renderRoute(env);
        expect(await screen.findByRole('heading', {name: 'Spring campaign: обзор'})).toBeInTheDocument();
        expect(screen.getByRole('link', {name: 'Назад в Kazan region'})).toBeInTheDocument();
    });
});
