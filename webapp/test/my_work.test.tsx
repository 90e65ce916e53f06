import {act, screen, waitFor, within} from '@testing-library/react';
import type {MyWork, Task} from '@throughline/contract';

import {pluginState} from '../src/selectors';

import {FakeBackend} from './fake_backend';
import {FakeEventSource} from './fake_event_source';
import {CHANNEL, ME, OTHER_CHANNEL} from './fixtures';
import {boot} from './harness';

const api = '/throughline-api/api/v1';
const WORK = new RegExp(`^${api}/me/work$`);
const empty = {items: [], count: 0, next_cursor: null};

function work(tasks: {overdue?: Task[]; today?: Task[]; later?: Task[]}, more: Partial<MyWork> = {}): MyWork {
    const section = (items: Task[] = []) => ({items, count: items.length, next_cursor: null});
    return {
        time_zone: 'Europe/Moscow', now: '2025-03-12T20:30:00.000Z', today_starts_at: '2025-03-11T21:00:00.000Z',
        tomorrow_starts_at: '2025-03-12T21:00:00.000Z', week_ends_at: '2025-03-16T21:00:00.000Z',
        overdue: section(tasks.overdue), today: section(tasks.today), this_week: empty, later: section(tasks.later),
        decisions: empty, versions: empty, receipts: empty, rollouts: empty, ...more,
    };
}

// The sidebar with no channel in view (the App Bar's sidebar outside channels), over a service whose answer the test sets.
function seed() {
    const backend = new FakeBackend();
    const late = backend.addTask({title: 'Send the Kazan proofs', assignee_id: ME, due_at: '2025-03-10T09:00:00.000Z'});
    const soon = backend.addTask({title: 'Approve the flyer', assignee_id: ME, due_at: '2025-03-12T20:45:00.000Z', channel_id: OTHER_CHANNEL});
    const state = {answer: work({overdue: [late], today: [soon]}, {
        decisions: {items: [{id: '00000000-0000-7000-8000-0000000000d1', project_id: '00000000-0000-7000-8000-0000000000a1', statement: 'Slogan B is final', source_channel_id: CHANNEL, proposed_by: ME, created_at: '2025-03-10T09:00:00.000Z'}], count: 1, next_cursor: null},
        receipts: {
            items: [{kind: 'asset_version', subject_id: '00000000-0000-7000-8000-0000000000b1', channel_id: CHANNEL, project_id: '00000000-0000-7000-8000-0000000000a1', title: 'Outdoor 6×3', asset_id: '00000000-0000-7000-8000-0000000000c1', number: 2, since: '2025-03-11T09:00:00.000Z'}],
            count: 3,
            next_cursor: '1',
        },
    })};
    backend.http.on('GET', WORK, (req) => {
        if (req.query.section === 'receipts') {
            return {status: 200, data: {...work({}), receipts: {items: [{...state.answer.receipts.items[0], channel_id: OTHER_CHANNEL}], count: 3, next_cursor: null}}};
        }
        return {status: 200, data: state.answer};
    });
    return {backend, state, late, soon};
}

const section = (name: string) => screen.findByRole('region', {name: new RegExp('^' + name)});

describe('my work', () => {
    test('is the sidebar with no channel in view: tasks by due day, approvals, receipts; a task opens, a section pages', async () => {
        const {backend, late} = seed();
        const env = boot({backend, currentChannelId: ''});
        env.renderSidebar();
        expect(await screen.findByRole('heading', {name: 'My work'})).toBeInTheDocument();
        const overdue = await section('Overdue');
        expect(within(overdue).getByRole('heading')).toHaveTextContent('Overdue (1)');
        expect(overdue).toHaveTextContent('Send the Kazan proofs');
        expect(await section('Due today')).toHaveTextContent('Approve the flyer');
        expect(await section('Decisions waiting for your approval')).toHaveTextContent('Slogan B is final');
        const receipts = await section('Receipts your channels owe');
        expect(within(receipts).getByRole('heading')).toHaveTextContent('(3)');
        expect(receipts).toHaveTextContent('Outdoor 6×3, version 2');
        expect(screen.queryByRole('region', {name: /^Later/})).toBeNull();
        expect(screen.getByText('Days counted in Europe/Moscow')).toBeInTheDocument();
        expect(backend.http.find('GET', WORK)[0].query).toEqual({});

        await env.user.click(within(receipts).getByRole('button', {name: 'Show more'}));
        await waitFor(() => expect(within(receipts).getAllByRole('listitem')).toHaveLength(2));
        expect(backend.http.find('GET', WORK)[1].query).toEqual({section: 'receipts', cursor: '1', limit: '1'});
        expect(within(receipts).queryByRole('button', {name: 'Show more'})).toBeNull();

        await env.user.click(within(overdue).getByRole('button', {name: 'Send the Kazan proofs'}));
        await waitFor(() => expect(pluginState(env.store.getState()).selectedTaskId).toBe(late.id));
    });

    test('says when nothing waits, and loads again when live events settle', async () => {
        const {backend, state, soon} = seed();
        state.answer = work({});
        const env = boot({backend, currentChannelId: ''});
        env.renderSidebar();
        expect(await screen.findByText('Nothing waits for you. Open a channel to see its tasks.')).toBeInTheDocument();
        const before = backend.http.find('GET', WORK).length;

        state.answer = work({today: [soon]});
        act(() => FakeEventSource.latest().open(1));
        act(() => {
            for (let i = 2; i < 6; i++) {
                FakeEventSource.latest().send('task.updated', {task: {...soon, version: i}}, i);
            }
        });
        expect(await section('Due today')).toHaveTextContent('Approve the flyer');
        expect(backend.http.find('GET', WORK).length - before).toBe(1);
    });

    test('offers the calendar feed of the person\'s tasks: subscribing to their due dates in a calendar app', async () => {
        const {backend} = seed();
        backend.http.on('GET', new RegExp(`^${api}/me/feeds$`), () => ({status: 200, data: {items: []}}));
        backend.http.on('POST', new RegExp(`^${api}/me/feeds$`), () => ({status: 201, data: {
            feed: {id: '00000000-0000-7000-8000-00000000f001', kind: 'person', project_id: null, project_name: null, created_at: '2025-03-12T20:30:00.000Z', last_fetched_at: null},
            url: 'https://chat.example/throughline-api/api/v1/feeds/' + 'k'.repeat(43) + '.ics',
        }}));
        const env = boot({backend, currentChannelId: ''});
        env.renderSidebar();
        await section('Overdue');
        expect(screen.getByText('Your due dates in your calendar app: subscribe to a feed of your tasks.')).toBeInTheDocument();
        const toggle = screen.getByRole('button', {name: 'Calendar feeds'});
        expect(toggle).toHaveAttribute('aria-expanded', 'false');
        await env.user.click(toggle);
        const panel = await screen.findByRole('region', {name: 'Calendar feeds'});
        expect(await within(panel).findByText('No calendar feeds yet.')).toBeInTheDocument();
        expect(within(panel).queryByRole('button', {name: /^New feed of (?!my tasks)/})).toBeNull(); // no project in view
        await env.user.click(within(panel).getByRole('button', {name: 'New feed of my tasks'}));
        expect(await within(panel).findByLabelText('Address of the new feed')).toHaveValue('https://chat.example/throughline-api/api/v1/feeds/' + 'k'.repeat(43) + '.ics');
        expect(backend.http.find('POST', /\/me\/feeds$/)[0].body).toEqual({kind: 'person'});
    });

    test('shows the error with a retry; in Russian', async () => {
        const {backend} = seed();
        backend.http.failNext('GET', WORK, {status: 503, data: {error: {code: 'unavailable', message: 'Mattermost is not answering'}}});
        const env = boot({backend, currentChannelId: '', locale: 'ru'});
        env.renderSidebar();
        expect(await screen.findByRole('heading', {name: 'Моя работа'})).toBeInTheDocument();
        const retry = await screen.findByRole('button', {name: /Повторить/});
        await env.user.click(retry);
        const overdue = await section('Просрочено');
        expect(overdue).toHaveTextContent('Send the Kazan proofs');
        expect(await section('Ваши каналы должны подтвердить получение')).toHaveTextContent('Outdoor 6×3, версия 2');
        expect(screen.getByText('Дни считаются по поясу Europe/Moscow')).toBeInTheDocument();
        expect(screen.getByText('Ваши сроки в приложении календаря: подпишитесь на ленту своих задач.')).toBeInTheDocument();
        expect(screen.getByRole('button', {name: 'Ленты для календаря'})).toBeInTheDocument();
    });
});
