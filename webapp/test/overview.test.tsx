import {act, fireEvent, render, screen, waitFor, within} from '@testing-library/react';
import React from 'react';
import {Provider} from 'react-redux';

import {PROFILES} from '../../tests/sandbox/host/profile';

import {FakeBackend} from './fake_backend';
import {FakeEventSource} from './fake_event_source';
import {DUE_TASKS, fakeOverview} from './fake_overview';
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
    const overview = fakeOverview(backend.http, project.id, project.name);
    return {backend, project, overview};
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
        expect(routes(env.registry).map((r) => r.route)).toEqual(['throughline/overview', 'throughline/item']);

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

describe('the overview, live', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    const OVERVIEW = /\/projects\/[^/]+\/overview$/;
    const DUE = /\/projects\/[^/]+\/due$/;

    test('a burst of events about its project is one reload a second later, in place, with the period chosen', async () => {
        const {backend, project, overview} = seed();
        const env = boot({backend});
        at(`/marketing/throughline/overview/${project.id}`);
        renderRoute(env);
        await screen.findByRole('heading', {name: 'Spring campaign: overview'});
        fireEvent.change(screen.getByLabelText('Period'), {target: {value: '12'}});
        await waitFor(() => expect(backend.http.find('GET', OVERVIEW)).toHaveLength(2));
        await waitFor(() => expect(backend.http.find('GET', DUE)).toHaveLength(1));
        const es = FakeEventSource.latest();
        act(() => es.open(1));

        // Events of another project, or of no project, leave this one alone.
        const elsewhere = {...DUE_TASKS[0], project_id: '00000000-0000-7000-8000-00000000ffff'};
        act(() => {
            es.send('task.updated', {task: elsewhere, fields: ['status']}, 2);
            es.send('task.created', {task: {...DUE_TASKS[1], project_id: null}}, 3);
            es.send('decision.recorded', {decision_id: '00000000-0000-7000-8000-00000000fff1', project_id: elsewhere.project_id}, 4);
        });
        await act(async () => {
            jest.advanceTimersByTime(5000);
        });
        expect(backend.http.find('GET', OVERVIEW)).toHaveLength(2);

        // A rollout reaching twenty channels: twenty events, one reload.
        const release = backend.http.hold('GET', OVERVIEW);
        overview.overview = {...overview.overview, project_name: 'Spring campaign, week 2'};
        act(() => {
            for (let i = 0; i < 20; i++) {
                es.send('task.updated', {task: {...DUE_TASKS[0], project_id: project.id, version: 2 + i}, fields: ['status']}, 10 + i);
            }
            es.send('asset.version_added', {asset_id: '00000000-0000-7000-8000-00000000aaa1', project_id: project.id, version_id: '00000000-0000-7000-8000-00000000aaa2', channel_id: CHANNEL}, 40);
        });
        await act(async () => {
            jest.advanceTimersByTime(999);
        });
        expect(backend.http.find('GET', OVERVIEW)).toHaveLength(2);
        await act(async () => {
            jest.advanceTimersByTime(1);
        });
        expect(backend.http.find('GET', OVERVIEW)).toHaveLength(3);
        expect(backend.http.find('GET', OVERVIEW)[2].query).toEqual({weeks: '12'});

        // While it loads, what was counted stays on screen: no loading state in between.
        expect(screen.getByRole('heading', {name: 'Spring campaign: overview'})).toBeInTheDocument();
        expect(screen.queryByText('Counting the project…')).toBeNull();
        expect(screen.getByLabelText('Period')).toHaveValue('12');
        release();
        expect(await screen.findByRole('heading', {name: 'Spring campaign, week 2: overview'})).toBeInTheDocument();
        expect(backend.http.find('GET', DUE)).toHaveLength(2); // the calendar's due dates too

        await act(async () => {
            jest.advanceTimersByTime(5000);
        });
        expect(backend.http.find('GET', OVERVIEW)).toHaveLength(3);
    });

    test('a steady stream of events still reloads every second; a lost stream (reset) reloads too', async () => {
        const {backend, project} = seed();
        const env = boot({backend});
        at(`/marketing/throughline/overview/${project.id}`);
        renderRoute(env);
        await screen.findByRole('heading', {name: 'Spring campaign: overview'});
        const es = FakeEventSource.latest();
        act(() => es.open(1));
        for (let i = 0; i < 10; i++) {
            act(() => es.send('task.deleted', {task_id: DUE_TASKS[2].id, project_id: project.id}, 2 + i));
            await act(async () => {
                jest.advanceTimersByTime(300);
            });
        }

        // 3 s of events every 300 ms: a reload a second after the first (t = 1 s), after the first one
        // since (1.2 → 2.2 s), and so on (2.4 → 3.4 s), not one at the end only.
        expect(backend.http.find('GET', OVERVIEW)).toHaveLength(3);
        await act(async () => {
            jest.advanceTimersByTime(400);
        });
        expect(backend.http.find('GET', OVERVIEW)).toHaveLength(4);

        act(() => es.send('reset', {}));
        await waitFor(() => expect(backend.http.find('GET', OVERVIEW)).toHaveLength(5));
        await act(async () => {
            jest.advanceTimersByTime(0); // its answer lands
        });
    });
});
