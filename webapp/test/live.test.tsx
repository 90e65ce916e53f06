import {act, screen, waitFor, within} from '@testing-library/react';
import type {Task} from '@throughline/contract';

import {assetsReceived, projectsReceived} from '../src/actions';
import {pluginState} from '../src/selectors';

import {FakeBackend} from './fake_backend';
import {FakeEventSource} from './fake_event_source';
import {CHANNEL, OTHER_CHANNEL} from './fixtures';
import {boot} from './harness';

const EVENTS = '/throughline-api/api/v1/events';

function seed() {
    const backend = new FakeBackend();
    const project = backend.addProject('Spring campaign', [CHANNEL, OTHER_CHANNEL]);
    const poster = backend.addTask({title: 'Print posters', project_id: project.id});
    return {backend, project, poster};
}

const groups = () => screen.getAllByRole('button', {expanded: true}).map((b) => b.textContent?.replace(/^▾/, ''));
const send = (type: string, data: unknown, id?: number) => act(() => FakeEventSource.latest().send(type, data, id));

describe('live updates', () => {
    test('one stream per initialize, same origin with credentials; uninitialize closes it', () => {
        const {plugin} = boot();
        expect(FakeEventSource.instances).toHaveLength(1);
        const es = FakeEventSource.latest();
        expect(es.url).toBe(EVENTS);
        expect(es.withCredentials).toBe(true);
        plugin.uninitialize();
        expect(es.readyState).toBe(FakeEventSource.CLOSED);
    });

    test('created, updated and deleted tasks reach every open sidebar at once', async () => {
        const {backend, project, poster} = seed();
        const env = boot({backend});
        env.renderSidebar();
        env.renderSidebar();
        await waitFor(() => expect(screen.getAllByRole('button', {name: 'Print posters'})).toHaveLength(2));
        act(() => FakeEventSource.latest().open(10));

        const fresh = backend.addTask({title: 'Order banner', project_id: project.id, channel_id: OTHER_CHANNEL});
        send('task.created', {seq: 11, type: 'task.created', channel_id: OTHER_CHANNEL, task: fresh}, 11);
        expect(screen.getAllByRole('button', {name: 'Order banner'})).toHaveLength(2);

        send('task.updated', {seq: 12, type: 'task.updated', task: {...poster, status: 'review', version: 2}, fields: ['status']}, 12);
        const counts = ['To do (1)', 'In progress (0)', 'In review (1)', 'Done (0)', 'Cancelled (0)'];
        expect(groups()).toEqual([...counts, ...counts]);
        const lists = screen.getAllByRole('list', {name: 'Tasks by status'});
        for (const list of lists) {
            expect(within(list).getByRole('combobox', {name: 'Status of “Print posters”'})).toHaveValue('review');
        }

        // An older copy arriving late changes nothing.
        send('task.updated', {seq: 13, task: {...poster, status: 'done', version: 1}}, 13);
        expect(within(lists[0]).getByRole('combobox', {name: 'Status of “Print posters”'})).toHaveValue('review');

        send('task.deleted', {seq: 14, task_id: fresh.id, project_id: project.id}, 14);
        expect(screen.queryByRole('button', {name: 'Order banner'})).toBeNull();
        expect(Object.keys(pluginState(env.store.getState()).tasks)).toEqual([poster.id]);
    });

    test('a task moved to another project leaves the list; malformed events are ignored', async () => {
        const {backend, poster} = seed();
        const env = boot({backend});
        env.renderSidebar();
        await screen.findByRole('button', {name: 'Print posters'});
        act(() => FakeEventSource.latest().open(1));
        act(() => FakeEventSource.latest().send('task.updated', 'not json{'));
        send('task.updated', {task: {id: 'x'}}, 2);
        expect(screen.getByRole('button', {name: 'Print posters'})).toBeInTheDocument();
        send('task.updated', {task: {...poster, project_id: 'another', version: 2} as Task}, 3);
        expect(screen.queryByRole('button', {name: 'Print posters'})).toBeNull();
        expect(pluginState(env.store.getState()).tasks[poster.id].project_id).toBe('another');
    });

    test('a deleted task open in the detail view returns to the list', async () => {
        const {backend, poster} = seed();
        const env = boot({backend});
        env.renderSidebar();
        await env.user.click(await screen.findByRole('button', {name: 'Print posters'}));
        expect(await screen.findByRole('heading', {name: 'Print posters'})).toBeInTheDocument();
        await screen.findByText('Maria Ivanova created the task');
        send('task.deleted', {task_id: poster.id, project_id: poster.project_id}, 5);
        expect(screen.queryByRole('heading', {name: 'Print posters'})).toBeNull();
        expect(screen.getByText('No tasks yet — right-click a message to create one.')).toBeInTheDocument();
    });

    test('"reset" reloads what is shown', async () => {
        const {backend, project} = seed();
        const env = boot({backend});
        env.renderSidebar();
        await screen.findByRole('button', {name: 'Print posters'});
        act(() => FakeEventSource.latest().open(3));
        const before = backend.http.find('GET', /\/tasks$/).length;
        backend.addTask({title: 'Missed while away', project_id: project.id});
        act(() => FakeEventSource.latest().send('reset', {reason: 'too_old'}));
        expect(await screen.findByRole('button', {name: 'Missed while away'})).toBeInTheDocument();
        expect(backend.http.find('GET', /\/tasks$/).length).toBe(before + 1);
        expect(pluginState(env.store.getState()).refresh).toBe(1);
    });

    test('asset events refetch the asset only where its project\'s assets are loaded', async () => {
        const {backend, project} = seed();
        const asset = backend.assets.add(project.id, 'Outdoor 6×3', [CHANNEL]);
        const env = boot({backend});
        act(() => FakeEventSource.latest().open(1));

        // Nothing shows this project's assets: no request (the one below is then the only one).
        send('asset.version_added', {asset_id: asset.id, project_id: project.id}, 2);
        expect(backend.http.find('GET', /\/assets\//)).toHaveLength(0);

        act(() => {
            env.store.dispatch(assetsReceived(project.id, [JSON.parse(JSON.stringify(asset))]));
        });
        backend.assets.addVersion(asset.id, {file_name: 'outdoor-v1.png', state: 'approved'});
        send('asset.version_approved', {asset_id: asset.id, project_id: project.id, version_id: asset.versions[0].id}, 3);
        await waitFor(() => expect(pluginState(env.store.getState()).assets[asset.id].approved_version_id).toBe(asset.versions[0].id));
        expect(backend.http.find('GET', /\/assets\//).map((r) => r.path)).toEqual([`/throughline-api/api/v1/assets/${asset.id}`]);

        // Someone took this user out of the channel: the asset is gone for them.
        backend.members[CHANNEL] = backend.members[CHANNEL].filter((id) => id !== backend.assets.me.user_id);
        send('asset.receipt_confirmed', {asset_id: asset.id, project_id: project.id}, 4);
        await waitFor(() => expect(pluginState(env.store.getState()).assets[asset.id]).toBeUndefined());
        expect(pluginState(env.store.getState()).assetLists[project.id].ids).toEqual([]);
    });

    test('a channel leaving a project drops the project from that channel\'s projects only', async () => {
        const {backend, project} = seed();
        const other = backend.addProject('Autumn campaign', [CHANNEL]);
        const env = boot({backend});
        act(() => FakeEventSource.latest().open(1));
        act(() => {
            env.store.dispatch(projectsReceived(CHANNEL, [project, other]));
            env.store.dispatch(projectsReceived(OTHER_CHANNEL, [project]));
        });
        const ids = (channelId: string) => pluginState(env.store.getState()).projects[channelId]?.map((p) => p.id);

        // Told to a channel still in the project: its projects stay.
        send('project.channel_unlinked', {project_id: project.id, removed: false, asset_ids: [], channel_id: CHANNEL}, 2);
        expect(ids(CHANNEL)).toEqual([project.id, other.id]);

        send('project.channel_unlinked', {project_id: project.id, removed: true, asset_ids: [], channel_id: OTHER_CHANNEL}, 3);
        expect(ids(OTHER_CHANNEL)).toEqual([]);
        expect(ids(CHANNEL)).toEqual([project.id, other.id]);
    });

    test('a channel joining a project: each channel that shows projects asks again, the others do not', async () => {
        const {backend, project} = seed();
        const env = boot({backend});
        act(() => FakeEventSource.latest().open(1));
        act(() => env.store.dispatch(projectsReceived(CHANNEL, [])));
        const ids = (channelId: string) => pluginState(env.store.getState()).projects[channelId]?.map((p) => p.id);

        send('project.channel_linked', {project_id: project.id, added: true, channel_id: CHANNEL}, 2);
        await waitFor(() => expect(ids(CHANNEL)).toEqual([project.id]));

        // A channel whose projects nothing shows is not asked about.
        send('project.channel_linked', {project_id: project.id, added: false, channel_id: OTHER_CHANNEL}, 3);
        await waitFor(() => expect(backend.http.find('GET', /\/projects$/)).toHaveLength(1));
        expect(ids(OTHER_CHANNEL)).toBeUndefined();
    });
});

describe('live reconnection', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    test('a dropped connection with an id seen is left to the browser (it sends Last-Event-ID)', () => {
        boot();
        const es = FakeEventSource.latest();
        es.open(4);
        es.send('task.deleted', {task_id: 't'}, 5);
        es.drop();
        jest.advanceTimersByTime(120000);
        expect(FakeEventSource.instances).toHaveLength(1);
        expect(es.lastEventIdHeader).toBe('5');
    });

    test('dropped before any id: resume from the position "ready" gave, not from now', () => {
        boot();
        FakeEventSource.latest().open(42);
        FakeEventSource.latest().drop();
        expect(FakeEventSource.instances).toHaveLength(2);
        expect(FakeEventSource.instances[0].readyState).toBe(FakeEventSource.CLOSED);
        expect(FakeEventSource.latest().url).toBe(EVENTS + '?last_event_id=42');
    });

    test('when the browser gives up, retry with a growing wait from the last seen id', () => {
        boot();
        const first = FakeEventSource.latest();
        first.open(7);
        first.send('task.deleted', {task_id: 't'}, 9);
        first.refuse();
        expect(FakeEventSource.instances).toHaveLength(1);
        jest.advanceTimersByTime(1200);
        expect(FakeEventSource.instances).toHaveLength(2);
        expect(FakeEventSource.latest().url).toBe(EVENTS + '?last_event_id=9');

        FakeEventSource.latest().refuse();
        jest.advanceTimersByTime(1500);
        expect(FakeEventSource.instances).toHaveLength(2); // the second wait is 2 s ± 20%
        jest.advanceTimersByTime(1000);
        expect(FakeEventSource.instances).toHaveLength(3);

        // Once connected again the wait starts small.
        FakeEventSource.latest().open(9);
        FakeEventSource.latest().refuse();
        jest.advanceTimersByTime(1200);
        expect(FakeEventSource.instances).toHaveLength(4);
        expect(FakeEventSource.live()).toHaveLength(1);
    });

    test('the host\'s reconnect skips the wait; uninitialize cancels a pending retry', () => {
        const {registry, plugin} = boot();
        FakeEventSource.latest().open(3);
        FakeEventSource.latest().refuse();
        expect(registry.reconnectHandlers).toHaveLength(1);
        registry.reconnectHandlers[0]();
        expect(FakeEventSource.instances).toHaveLength(2);
        expect(FakeEventSource.latest().url).toBe(EVENTS + '?last_event_id=3');

        registry.reconnectHandlers[0](); // connecting already: nothing more
        expect(FakeEventSource.instances).toHaveLength(2);

        FakeEventSource.latest().refuse();
        plugin.uninitialize();
        jest.advanceTimersByTime(120000);
        expect(FakeEventSource.instances).toHaveLength(2);
    });

    test('refused before it ever connected: reload everything once connected', () => {
        const env = boot();
        const before = pluginState(env.store.getState()).refresh;
        FakeEventSource.latest().refuse();
        jest.advanceTimersByTime(1200);
        expect(FakeEventSource.latest().url).toBe(EVENTS);
        FakeEventSource.latest().open(8);
        expect(pluginState(env.store.getState()).refresh).toBe(before + 1);
    });
});
