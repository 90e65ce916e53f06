import {act, fireEvent, screen, waitFor, within} from '@testing-library/react';
import type {Task} from '@throughline/contract';

import {taskCreated, taskSelected} from '../src/actions';
import {pluginState} from '../src/selectors';

import {FakeBackend} from './fake_backend';
import {ANNA, BORIS, CHANNEL, ME, OTHER_CHANNEL, POST} from './fixtures';
import {boot} from './harness';

const PAST = '2020-01-01T12:00:00.000Z';
const FUTURE = new Date(Date.now() + (30 * 24 * 60 * 60 * 1000)).toISOString(); // not yet overdue, whatever today is

function seed() {
    const backend = new FakeBackend();
    const project = backend.addProject('Spring campaign', [CHANNEL, OTHER_CHANNEL]);
    const t = (title: string, extra: Partial<Task> = {}) => backend.addTask({title, project_id: project.id, ...extra});
    const tasks = {
        poster: t('Print posters', {assignee_id: ME, due_at: PAST, description: 'Layout B', source_post_id: POST, files: [{id: 'f1', name: 'poster.pdf', size: 10, mime_type: 'application/pdf', extension: 'pdf'}]}),
        banner: t('Order banner', {assignee_id: ANNA, due_at: FUTURE}),
        copy: t('Write copy', {status: 'in_progress', assignee_id: ME}),
        review: t('Approve layout', {status: 'review', assignee_id: BORIS, due_at: PAST}),
        done: t('Brief the agency', {status: 'done', due_at: PAST}),
        samara: t('Samara flyers', {channel_id: OTHER_CHANNEL}),
    };
    return {backend, project, tasks};
}

// The sidebar once its task list (or the failure to load it) is shown, with the assignees' names.
async function openSidebar(backend: FakeBackend) {
    const env = boot({backend});
    env.renderSidebar();
    await waitFor(() => {
        expect(screen.queryByText('Loading tasks…')).toBeNull();
        expect(screen.queryByText('Unknown user')).toBeNull();
    });
    return env;
}

const groups = () => screen.getAllByRole('button', {expanded: true}).map((b) => b.textContent?.replace(/^▾/, ''));
const titles = () => within(screen.getByRole('list', {name: 'Tasks by status'})).queryAllByRole('button', {name: /^(?!.*\()/}).
    map((b) => b.textContent).filter((t) => t && !t.startsWith('▾') && !t.startsWith('▸'));

describe('project sidebar', () => {
    test('shows the whole project grouped by status with counts', async () => {
        const {backend} = seed();
        await openSidebar(backend);
        expect(backend.http.find('GET', /\/tasks$/)[0].query).toMatchObject({project_id: backend.projects[0].id, limit: '500'});
        expect(groups()).toEqual(['To do (3)', 'In progress (1)', 'In review (1)', 'Done (1)', 'Cancelled (0)']);
        expect(screen.getByLabelText('Project')).toHaveDisplayValue('Spring campaign');
        expect(screen.getByRole('combobox', {name: 'Status of “Write copy”'})).toHaveValue('in_progress');
    });

    test('filters: mine, overdue, assignee, and this channel only', async () => {
        const {backend} = seed();
        const {user} = await openSidebar(backend);

        await user.click(screen.getByRole('checkbox', {name: 'Mine'}));
        expect(titles()).toEqual(['Print posters', 'Write copy']);
        await user.click(screen.getByRole('checkbox', {name: 'Overdue'}));
        expect(titles()).toEqual(['Print posters']);
        await user.click(screen.getByRole('checkbox', {name: 'Mine'}));
        expect(titles()).toEqual(['Print posters', 'Approve layout']);
        await user.click(screen.getByRole('checkbox', {name: 'Overdue'}));

        await user.selectOptions(screen.getByLabelText('Assignee'), ANNA);
        expect(titles()).toEqual(['Order banner']);
        await user.selectOptions(screen.getByLabelText('Assignee'), 'none');
        expect(titles()).toEqual(['Samara flyers', 'Brief the agency']);

        await user.selectOptions(screen.getByLabelText('Show tasks from'), 'channel');
        await waitFor(() => expect(titles()).toEqual(['Brief the agency']));
        expect(backend.http.find('GET', /\/tasks$/).pop()!.query).toMatchObject({channel_id: CHANNEL});

        await user.selectOptions(screen.getByLabelText('Assignee'), ME);
        await user.click(screen.getByRole('checkbox', {name: 'Overdue'}));
        await user.click(screen.getByRole('checkbox', {name: 'Mine'}));
        await user.selectOptions(screen.getByLabelText('Assignee'), ANNA);
        expect(screen.getByText('No tasks match these filters.')).toBeInTheDocument();
        await user.click(screen.getByRole('button', {name: 'Clear filters'}));
        expect(titles()).toHaveLength(5);
    });

    test('quick status change sends the version and moves the task', async () => {
        const {backend, tasks} = seed();
        const {user} = await openSidebar(backend);
        await user.selectOptions(screen.getByRole('combobox', {name: 'Status of “Order banner”'}), 'done');
        await waitFor(() => expect(screen.getByRole('combobox', {name: 'Status of “Order banner”'})).toBeEnabled());
        expect(backend.http.find('PATCH', /\/tasks\//)[0]).toMatchObject({path: `/throughline-api/api/v1/tasks/${tasks.banner.id}`, body: {status: 'done', version: 1}});
        expect(groups()).toEqual(['To do (2)', 'In progress (1)', 'In review (1)', 'Done (2)', 'Cancelled (0)']);
    });

    test('a 409 says someone else changed it and shows their version', async () => {
        const {backend, tasks} = seed();
        const {user} = await openSidebar(backend);
        backend.touch(tasks.banner.id, {title: 'Order two banners', status: 'review'});
        await user.selectOptions(screen.getByRole('combobox', {name: 'Status of “Order banner”'}), 'done');
        expect(await screen.findByRole('alert')).toHaveTextContent('“Order two banners” was changed by someone else.');
        expect(screen.getByRole('combobox', {name: 'Status of “Order two banners”'})).toHaveValue('review');
        expect(groups()).toEqual(['To do (2)', 'In progress (1)', 'In review (2)', 'Done (1)', 'Cancelled (0)']);

        await user.selectOptions(screen.getByRole('combobox', {name: 'Status of “Order two banners”'}), 'done');
        await waitFor(() => expect(groups()).toEqual(['To do (2)', 'In progress (1)', 'In review (1)', 'Done (2)', 'Cancelled (0)']));
        expect(backend.tasks.find((t) => t.id === tasks.banner.id)).toMatchObject({status: 'done', version: 3});
    });

    test('task detail: fields, files, history and a link to the message', async () => {
        const {backend, tasks} = seed();
        const {store, user} = await openSidebar(backend);
        await user.click(screen.getByRole('button', {name: 'Print posters'}));
        expect(await screen.findByText('Maria Ivanova created the task')).toBeInTheDocument();
        expect(pluginState(store.getState()).selectedTaskId).toBe(tasks.poster.id);
        expect(screen.getByRole('heading', {name: 'Print posters'})).toBeInTheDocument();
        expect(screen.getByText('Layout B')).toBeInTheDocument();
        expect(screen.getByRole('link', {name: 'poster.pdf'})).toHaveAttribute('href', '/api/v4/files/f1?download=1');
        expect(screen.getByRole('link', {name: 'Jump to message'})).toHaveAttribute('href', `/_redirect/pl/${POST}`);

        await user.selectOptions(screen.getByRole('combobox', {name: 'Status of “Print posters”'}), 'in_progress');
        expect(await screen.findByText(/Maria Ivanova changed status from/)).toHaveTextContent('Maria Ivanova changed status from To do to In progress');

        await user.click(screen.getByRole('button', {name: 'Back to tasks'}));
        expect(screen.getByRole('list', {name: 'Tasks by status'})).toBeInTheDocument();
    });

    test('loading, then an error with retry', async () => {
        const {backend} = seed();
        backend.http.failNext('GET', /\/tasks$/, {status: 503, data: {error: {code: 'mattermost_unavailable', message: 'Mattermost is unavailable'}}});
        const {user} = await openSidebar(backend);
        const alert = screen.getByRole('alert');
        expect(alert).toHaveTextContent('Mattermost could not be asked right now.');
        await user.click(within(alert).getByRole('button', {name: 'Retry'}));
        await waitFor(() => expect(groups()[0]).toBe('To do (3)'));
    });

    test('a channel without a project: empty state and one click to make it one', async () => {
        const backend = new FakeBackend();
        const release = backend.http.hold('GET', /\/tasks$/);
        const env = boot({backend});
        env.renderSidebar();
        expect(await screen.findByText('This channel is not part of a project yet.')).toBeInTheDocument();
        expect(screen.getByText('Loading tasks…')).toBeInTheDocument();
        release();
        expect(await screen.findByText('No tasks yet — right-click a message to create one.')).toBeInTheDocument();
        await env.user.click(await screen.findByRole('button', {name: 'Make this channel a project'}));
        expect(await screen.findByLabelText('Project')).toHaveDisplayValue('Kazan region');
    });

    test('a guest, whom the service would refuse, is not offered to make the channel a project', async () => {
        const backend = new FakeBackend();
        backend.assets.guest = true;
        const env = boot({backend});
        env.renderSidebar();
        expect(await screen.findByText('This channel is not part of a project yet.')).toBeInTheDocument();
        await waitFor(() => expect(pluginState(env.store.getState()).me).not.toBeNull());
        expect(screen.queryByRole('button', {name: 'Make this channel a project'})).toBeNull();
    });

    test('a task created elsewhere shows up without a reload', async () => {
        const {backend} = seed();
        const {store} = await openSidebar(backend);
        const task = backend.addTask({title: 'Fresh task', project_id: backend.projects[0].id});
        act(() => {
            store.dispatch(taskCreated(task));
        });
        expect(groups()[0]).toBe('To do (4)');
        expect(screen.getByRole('button', {name: 'Fresh task'})).toBeInTheDocument();
    });

    test('thousands of tasks: every page loaded, few rows in the DOM', async () => {
        const backend = new FakeBackend();
        for (let i = 0; i < 2600; i++) {
            backend.addTask({title: `Task ${i}`});
        }
        await openSidebar(backend);
        expect(backend.http.find('GET', /\/tasks$/)).toHaveLength(6);
        expect(groups()[0]).toBe('To do (2600)');
        const list = screen.getByRole('list', {name: 'Tasks by status'});
        expect(within(list).getAllByRole('listitem').length).toBeLessThan(40);
        const scroller = list.parentElement!;
        scroller.scrollTop = 44 * 2590;
        fireEvent.scroll(scroller);
        expect(within(list).getByRole('button', {name: 'Task 0'})).toBeInTheDocument();
        expect(within(list).queryByRole('button', {name: 'Task 2599'})).toBeNull();
    });

    test('the footer toggles the right-click preference', async () => {
        const {backend} = seed();
        const {store, user} = await openSidebar(backend);
        const toggle = screen.getByRole('checkbox', {name: 'Right-click on a message opens the Throughline menu'});
        expect(toggle).toBeChecked();
        await user.click(toggle);
        expect(localStorage.getItem('throughline.rightClick')).toBe('false');
        expect(pluginState(store.getState()).rightClick).toBe(false);
    });

    test('opening a task by id (from a card) fetches it', async () => {
        const {backend, tasks} = seed();
        const env = boot({backend});
        act(() => {
            env.store.dispatch(taskSelected(tasks.samara.id));
        });
        env.renderSidebar();
        expect(await screen.findByRole('heading', {name: 'Samara flyers'})).toBeInTheDocument();
    });
});
