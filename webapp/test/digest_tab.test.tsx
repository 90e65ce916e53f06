import {screen, waitFor, within} from '@testing-library/react';
import type {Digest, DigestLine, DigestSettings, DigestSummary} from '@throughline/contract';

import {pluginState} from '../src/selectors';

import {FakeBackend} from './fake_backend';
import {ANNA, CHANNEL, ME, OTHER_CHANNEL, REPLY_A} from './fixtures';
import {boot} from './harness';

const api = '/throughline-api/api/v1';

const line = (l: Partial<DigestLine> & Pick<DigestLine, 'kind' | 'id' | 'title'>): DigestLine => ({
    parent_id: null, detail: null, channel_id: CHANNEL, post_id: null, permalink: null, user_id: null, days: null, at: null,
    event: null, confirmed: [], pending: [], number: null, total: null, ...l,
});

// The service's digest routes over one stored digest whose lines cite a task, a decision and a version.
function seed(locale = 'en') {
    const backend = new FakeBackend();
    const project = backend.addProject('Spring campaign', [CHANNEL, OTHER_CHANNEL]);
    const task = backend.addTask({title: 'Outdoor 6×3 layout', channel_id: CHANNEL, project_id: project.id});
    const decision = backend.decisions.add({project_id: project.id, statement: 'Slogan B is final', channel_ids: [CHANNEL]});
    const digest: Digest = {
        id: '00000000-0000-7000-8000-0000000000d1', project_id: project.id, project_name: 'Spring campaign',
        window_start: '2025-03-03T06:00:00.000Z', slot: '2025-03-10T06:00:00.000Z', time_zone: 'Europe/Moscow', trigger: 'schedule',
        audience_kind: 'user', audience_id: ME, locale: locale as 'en', channel_ids: [CHANNEL, OTHER_CHANNEL], markdown: '', created_at: '2025-03-10T06:00:05.000Z', post_id: null,
        sections: [
            {key: 'done', more: 0, lines: [line({kind: 'task', id: task.id, title: task.title, user_id: ANNA, post_id: REPLY_A})]},
            {key: 'overdue', more: 2, lines: [line({kind: 'task', id: task.id, title: task.title, user_id: ANNA, days: 3})]},
            {key: 'approved', more: 0, lines: [line({kind: 'asset_version', id: '00000000-0000-7000-8000-0000000000a2', parent_id: '00000000-0000-7000-8000-0000000000a1', title: 'Poster', detail: 'poster-v1.png', number: 1, confirmed: [CHANNEL], pending: [OTHER_CHANNEL]})]},
            {key: 'decisions', more: 0, lines: [line({kind: 'decision', id: decision.id, title: decision.statement, event: 'decided'})]},
            {key: 'stalled', more: 0, lines: []},
        ],
    };
    let settings: DigestSettings = {project_id: project.id, weekday: 1, time: '09:00', time_zone: 'Europe/Moscow', stalled_days: 7, next_slot: '2025-03-17T06:00:00.000Z', subscribed: false, can_configure: true};
    const summary: DigestSummary = {id: digest.id, project_id: project.id, window_start: digest.window_start, slot: digest.slot, trigger: 'schedule', audience_kind: 'user', audience_id: ME, locale: 'en', lines: 6, created_at: digest.created_at};
    const h = backend.http;
    h.on('GET', new RegExp(`^${api}/projects/[^/]+/digest-settings$`), () => ({status: 200, data: settings}));
    h.on('PATCH', new RegExp(`^${api}/projects/[^/]+/digest-settings$`), (req) => {
        settings = {...settings, ...(req.body as object)};
        return {status: 200, data: settings};
    });
    h.on('PUT', new RegExp(`^${api}/projects/[^/]+/digest-subscription$`), () => ({status: 200, data: {project_id: project.id, subscribed: true}}));
    h.on('DELETE', new RegExp(`^${api}/projects/[^/]+/digest-subscription$`), () => ({status: 200, data: {project_id: project.id, subscribed: false}}));
    h.on('GET', new RegExp(`^${api}/projects/[^/]+/digests$`), () => ({status: 200, data: {items: [summary]}}));
    h.on('POST', new RegExp(`^${api}/projects/[^/]+/digests$`), () => ({status: 201, data: {...digest, id: '00000000-0000-7000-8000-0000000000d2', trigger: 'demand'}}));
    h.on('GET', new RegExp(`^${api}/digests/([^/]+)$`), (_req, [id]) => (id === digest.id ? {status: 200, data: digest} : {status: 404, data: {error: {code: 'not_found', message: 'Digest not found'}}}));
    return {backend, project, task, decision};
}

async function openDigest(backend: FakeBackend, locale = 'en') {
    const env = boot({backend, locale});
    env.renderSidebar();
    await screen.findByLabelText(locale === 'ru' ? 'Проект' : 'Project');
    await env.user.click(screen.getByRole('tab', {name: locale === 'ru' ? 'Сводка' : 'Digest'}));
    return env;
}

describe('digest tab', () => {
    test('the schedule and the history; a digest shows line by line, and its lines open their records', async () => {
        const {backend, task} = seed();
        const {user, store} = await openDigest(backend);
        expect(await screen.findByText(/Every Monday at 09:00 \(Europe\/Moscow\).*Stalled: no change for 7 days/)).toBeInTheDocument();
        await user.click(await screen.findByRole('button', {name: /^Yours · .* · 6 lines$/}));

        const done = await screen.findByRole('region', {name: 'Done this week'});
        expect(within(done).getByRole('heading')).toHaveTextContent('Done this week (1)');
        expect(within(done).getByRole('listitem')).toHaveTextContent(/^Outdoor 6×3 layout — .+ · Source post$/);
        expect(within(done).getByRole('link', {name: 'Source post'})).toHaveAttribute('href', expect.stringContaining('/_redirect/pl/' + REPLY_A));
        const overdue = screen.getByRole('region', {name: 'Overdue'});
        expect(within(overdue).getByRole('heading')).toHaveTextContent('Overdue (3)');
        expect(within(overdue).getAllByRole('listitem')[0]).toHaveTextContent(/3 days late$/);
        expect(within(overdue).getAllByRole('listitem')[1]).toHaveTextContent('…and 2 more');
        expect(screen.getByRole('region', {name: 'Versions approved'})).toHaveTextContent(/Version 1 of Poster \(poster-v1.png\).*Receipts 1 of 2/);
        expect(screen.queryByRole('region', {name: 'Stalled'})).toBeNull();

        await user.click(within(done).getByRole('button', {name: 'Outdoor 6×3 layout'}));
        await waitFor(() => expect(pluginState(store.getState()).selectedTaskId).toBe(task.id));
    });

    test('compile now opens the fresh digest; the subscription toggles; the schedule saves', async () => {
        const {backend} = seed();
        const {user} = await openDigest(backend);
        const box = await screen.findByRole('checkbox', {name: 'Send me this digest every week'});
        await waitFor(() => expect(box).not.toBeChecked());
        await user.click(box);
        await waitFor(() => expect(box).toBeChecked());
        expect(backend.http.find('PUT', /digest-subscription$/)).toHaveLength(1);

        await user.click(screen.getByText('Schedule'));
        await user.selectOptions(screen.getByLabelText('Day'), 'Friday');
        await user.click(screen.getByRole('button', {name: 'Save schedule'}));
        await waitFor(() => expect(backend.http.find('PATCH', /digest-settings$/)[0].body).toEqual({weekday: 5, time: '09:00', time_zone: 'Europe/Moscow', stalled_days: 7}));
        expect(await screen.findByText(/Every Friday at 09:00/)).toBeInTheDocument();

        await user.click(screen.getByRole('button', {name: 'Compile my digest now'}));
        expect(await screen.findByRole('region', {name: 'Done this week'})).toBeInTheDocument();
        expect(backend.http.find('POST', /\/digests$/)).toHaveLength(1);
        await user.click(screen.getByRole('button', {name: '← All digests'}));
        expect(await screen.findByRole('button', {name: 'Compile my digest now'})).toBeInTheDocument();
    });

    test('in Russian', async () => {
        const {backend, decision} = seed('ru');
        const {user, store} = await openDigest(backend, 'ru');
        await user.click(await screen.findByRole('button', {name: /^Ваша · .* · 6 строк$/}));
        const overdue = await screen.findByRole('region', {name: 'Просрочено'});
        expect(within(overdue).getAllByRole('listitem')[0]).toHaveTextContent(/просрочено на 3 дня$/);
        expect(screen.getByRole('region', {name: 'Сделано за неделю'})).toHaveTextContent('Исходное сообщение');
        expect(screen.getByRole('region', {name: 'Утверждённые версии'})).toHaveTextContent(/Получение подтверждено: 1 из 2/);
        await user.click(within(screen.getByRole('region', {name: 'Решения'})).getByRole('button', {name: 'Slogan B is final'}));
        expect(pluginState(store.getState()).openDecisionId).toBe(decision.id);
    });
});
