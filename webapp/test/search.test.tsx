import {screen, waitFor, within} from '@testing-library/react';
import type {SearchHit} from '@throughline/contract';

import {LIMITS} from '../../contract/dist/limits.js';
import {SEARCH_LIMITS} from '../src/features/search/limits';
import {pluginState} from '../src/selectors';

import {FakeBackend} from './fake_backend';
import {CHANNEL, POST} from './fixtures';
import {boot} from './harness';

const SEARCH = /\/throughline-api\/api\/v1\/search$/;

let n = 0;
const id = () => `00000000-0000-4000-c000-${String(++n).padStart(12, '0')}`;

const hit = (over: Partial<SearchHit> & Pick<SearchHit, 'kind' | 'title'>): SearchHit => ({
    id: id(),
    project_id: null,
    channel_id: CHANNEL,
    asset_id: null,
    status: null,
    snippet: {text: '', marks: []},
    permalink: null,
    source_post_id: null,
    ...over,
});

// The service's search, in memory: the hits it would answer, filtered by kind and status as it does.
function seedSearch(hits: SearchHit[], backend = new FakeBackend()) {
    backend.http.on('GET', SEARCH, (req) => {
        const found = hits.filter((h) => (!req.query.kind || h.kind === req.query.kind) && (!req.query.status || h.status === req.query.status));
        const offset = Number(req.query.cursor ?? 0);
        const limit = Number(req.query.limit ?? 20);
        const page = found.slice(offset, offset + limit);
        return {status: 200, data: {items: page, next_cursor: offset + limit < found.length ? String(offset + limit) : null}};
    });
    return backend;
}

const MAKET = hit({
    kind: 'task',
    status: 'todo',
    title: {text: 'Макет 6×3', marks: [{start: 0, end: 5}]},
    snippet: {text: 'Согласовать <b>макеты</b> до пятницы', marks: [{start: 15, end: 21}]},
    permalink: 'http://mm.test/_redirect/pl/' + POST,
});
const DECISION = hit({kind: 'decision', status: 'decided', title: {text: 'Макеты утверждены', marks: [{start: 0, end: 6}]}});

async function searchFor(q: string, backend: FakeBackend, locale = 'en') {
    const env = boot({backend, locale});
    env.renderSidebar();
    const box = await screen.findByRole('searchbox', {name: locale === 'ru' ? 'Искать задачи, решения и материалы' : 'Search tasks, decisions and assets'});
    await env.user.type(box, q + '{Enter}');
    return env;
}

const results = (name = 'Search results') => screen.findByRole('list', {name});
const lastQuery = (backend: FakeBackend) => backend.http.find('GET', SEARCH).slice(-1)[0].query;

describe('search', () => {
    test('the box asks the service and shows the hits with the matched words marked, as text', async () => {
        const backend = seedSearch([MAKET, DECISION]);
        await searchFor('макетов', backend);
        const list = await results();
        expect(lastQuery(backend)).toEqual({q: 'макетов', limit: '20'});
        const [first, second] = within(list).getAllByRole('listitem');
        expect(first).toHaveTextContent(/Task · To do/);
        expect(within(first).getByRole('button', {name: 'Макет 6×3'})).toBeInTheDocument();
        const marks = first.querySelectorAll('mark');
        expect([...marks].map((m) => m.textContent)).toEqual(['Макет', 'макеты']);

        // What someone wrote stays text: no element comes of it.
        expect(first.querySelector('b')).toBeNull();
        expect(first).toHaveTextContent('Согласовать <b>макеты</b> до пятницы');
        expect(within(first).getByRole('link', {name: 'Source message'})).toHaveAttribute('href', MAKET.permalink);
        expect(second).toHaveTextContent(/Decision · Decided/);
        expect(screen.queryByRole('tab', {name: 'Tasks'})).toBeNull();
    });

    test('loading, then nothing found; a query of punctuation only says what to type', async () => {
        const backend = seedSearch([]);
        const release = backend.http.hold('GET', SEARCH);
        const env = await searchFor('несуществующее', backend);
        expect(await screen.findByText('Searching…')).toBeInTheDocument();
        release();
        expect(await screen.findByText('Nothing found in your channels.')).toBeInTheDocument();

        const box = screen.getByRole('searchbox');
        await env.user.clear(box);
        await env.user.type(box, '"*()^:-{Enter}');
        expect(await screen.findByText('Type a word to search for: letters or digits.')).toBeInTheDocument();
        expect(backend.http.find('GET', SEARCH)).toHaveLength(1);
    });

    test('a failed search offers a retry', async () => {
        const backend = seedSearch([MAKET]);
        backend.http.failNext('GET', SEARCH, 'network');
        const {user} = await searchFor('макет', backend);
        const alert = (await screen.findByText(/Could not reach Throughline/)).closest<HTMLElement>('[role="alert"]')!;
        await user.click(within(alert).getByRole('button', {name: 'Retry'}));
        expect(within(await results()).getAllByRole('listitem')).toHaveLength(1);
    });

    test('a refusal of the service reads in the user\'s words', async () => {
        const backend = seedSearch([]);
        backend.http.failNext('GET', SEARCH, {status: 400, data: {error: {code: 'validation_failed', message: 'querystring/q must NOT have more than 200 characters'}}});
        await searchFor('макет', backend);
        expect(await screen.findByRole('alert')).toBeInTheDocument();
        expect(screen.queryByText(/querystring/)).toBeNull();
    });

    test('filters by kind, project and status go to the service; none matching offers to clear them', async () => {
        const backend = seedSearch([MAKET, DECISION]);
        const project = backend.addProject('Spring campaign', [CHANNEL]);
        const {user} = await searchFor('макет', backend);
        await results();

        await user.selectOptions(screen.getByLabelText('Kind'), 'decision');
        await waitFor(() => expect(within(screen.getByRole('list', {name: 'Search results'})).getAllByRole('listitem')).toHaveLength(1));
        expect(lastQuery(backend)).toEqual({q: 'макет', limit: '20', kind: 'decision'});

        await user.selectOptions(screen.getByLabelText('Project'), 'Spring campaign');
        await waitFor(() => expect(lastQuery(backend)).toEqual({q: 'макет', limit: '20', kind: 'decision', project_id: project.id}));

        await user.selectOptions(screen.getByLabelText('Status'), 'todo');
        expect(await screen.findByText('Nothing matches these filters.')).toBeInTheDocument();
        await user.click(screen.getByRole('button', {name: 'Clear filters'}));
        await waitFor(() => expect(within(screen.getByRole('list', {name: 'Search results'})).getAllByRole('listitem')).toHaveLength(2));
        expect(lastQuery(backend)).toEqual({q: 'макет', limit: '20'});
    });

    test('more hits page in by the cursor', async () => {
        const many = Array.from({length: 25}, (_, i) => hit({kind: 'task', status: 'todo', title: {text: `Макет ${i + 1}`, marks: [{start: 0, end: 5}]}}));
        const backend = seedSearch(many);
        const {user} = await searchFor('макет', backend);
        expect(within(await results()).getAllByRole('listitem')).toHaveLength(20);
        await user.click(screen.getByRole('button', {name: 'Show more'}));
        await waitFor(() => expect(within(screen.getByRole('list', {name: 'Search results'})).getAllByRole('listitem')).toHaveLength(25));
        expect(backend.http.find('GET', SEARCH).map((r) => r.query.cursor)).toContain('20');
        expect(screen.queryByRole('button', {name: 'Show more'})).toBeNull();
    });

    test('opening a task hit shows the task', async () => {
        const backend = seedSearch([MAKET]);
        const env = await searchFor('макет', backend);
        await env.user.click(within(await results()).getByRole('button', {name: 'Макет 6×3'}));
        expect(pluginState(env.store.getState()).selectedTaskId).toBe(MAKET.id);
    });

    test('Escape in the box brings the tabs back', async () => {
        const backend = seedSearch([MAKET]);
        const env = await searchFor('макет', backend);
        await results();
        await env.user.type(screen.getByRole('searchbox'), '{Escape}');
        expect(await screen.findByRole('tab', {name: 'Tasks'})).toBeInTheDocument();
        expect(screen.getByRole('searchbox')).toHaveValue('');
    });

    test('in Russian: the box, the filters, the kinds and statuses', async () => {
        const backend = seedSearch([MAKET, DECISION]);
        await searchFor('макетов', backend, 'ru');
        const list = await results('Результаты поиска');
        expect(screen.getByText('Найдено по запросу «макетов»')).toBeInTheDocument();
        expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent(/Задача · К выполнению/);
        expect(within(list).getAllByRole('listitem')[1]).toHaveTextContent(/Решение · Принято/);
        expect(screen.getByLabelText('Тип')).toBeInTheDocument();
        expect(screen.getByLabelText('Статус')).toBeInTheDocument();
        expect(within(list).getByRole('link', {name: 'Исходное сообщение'})).toBeInTheDocument();
    });

    test('the box holds at most the contract\'s query length', async () => {
        expect(SEARCH_LIMITS.queryMax).toBe(LIMITS.queryMax);
        boot().renderSidebar();
        expect(await screen.findByRole('searchbox')).toHaveAttribute('maxLength', String(LIMITS.queryMax));
    });
});
