import {render, screen, waitFor, within} from '@testing-library/react';
import React from 'react';
import {Provider} from 'react-redux';

import {pluginState} from '../src/selectors';

import {FakeBackend} from './fake_backend';
import {DUE_TASKS, fakeOverview} from './fake_overview';
import {CHANNEL, OTHER_CHANNEL} from './fixtures';
import {boot} from './harness';

afterEach(() => window.history.pushState(null, '', '/'));

// The overview page of a seeded project, as the host draws the team route.
async function openOverview(locale = 'en', change?: (o: ReturnType<typeof fakeOverview>) => void) {
    const backend = new FakeBackend();
    const project = backend.addProject('Spring campaign', [CHANNEL, OTHER_CHANNEL]);
    const state = fakeOverview(backend.http, project.id, project.name);
    change?.(state);
    const env = boot({backend, locale});
    window.history.pushState(null, '', `/marketing/throughline/overview/${project.id}`);
    const {component: Page} = env.registry.all('NeedsTeamComponent')[0] as unknown as {component: React.ComponentType};
    render(<Provider store={env.store}><Page/></Provider>);
    await screen.findByRole('heading', {level: 1});
    return {...env, backend, project};
}

const region = (name: string) => screen.getByRole('region', {name});

describe('the overview views', () => {
    test('the region × stage matrix shows the counts, and a cell opens the tasks behind it in the sidebar', async () => {
        const {user, store, backend} = await openOverview();
        const matrix = within(region('Regions by stage')).getByRole('table');
        const rows = within(matrix).getAllByRole('row').map((r) => r.textContent);
        expect(rows[0]).toBe('ChannelTo doIn progressIn reviewDoneCancelledOverdueRolloutReceipts owedDecisions not confirmed');
        expect(rows[1]).toBe('Kazan region(home)2103011 of 310');
        expect(rows[2]).toBe('Samara region0010100 of 002');
        expect(within(matrix).queryByRole('button', {name: 'Samara region, To do: 0'})).toBeNull();

        await user.click(within(matrix).getByRole('button', {name: 'Kazan region, To do: 2'}));
        const cell = await screen.findByRole('region', {name: 'Kazan region · To do'});
        await within(cell).findByRole('button', {name: 'Approve the layout'});
        expect(backend.http.requests.find((r) => r.path.endsWith('/overview/cell'))?.query).toEqual({channel_id: CHANNEL, kind: 'status', status: 'todo', limit: '50'});
        await user.click(within(cell).getByRole('button', {name: 'Brief the printer'}));
        await waitFor(() => expect(pluginState(store.getState()).selectedTaskId).toBe('00000000-0000-7000-8000-000000000105'));
        await user.click(within(cell).getByRole('button', {name: 'Close the list'}));
        expect(screen.queryByRole('region', {name: 'Kazan region · To do'})).toBeNull();
    });

    test('stalls oldest first with their age, durations, files gone quiet and overdue work', async () => {
        await openOverview();
        const stalls = within(region('Where approval stalls')).getAllByRole('listitem').map((li) => li.textContent);
        expect(stalls).toEqual([
            'Version 2 of Outdoor 6×3 — waiting 5 days for an approver in Kazan region',
            'Decision: Slogan B is final — waiting 3 hours for Me Myself',
        ]);
        expect(region('Where approval stalls')).toHaveTextContent('…and 1 more');

        const [byChannel, byAssignee] = within(region('Median time in each status')).getAllByRole('table');
        expect(within(byChannel).getByRole('row', {name: /Kazan region/}).textContent).toBe('Kazan region36 hours (2 tasks)–4 days (1 task)––');
        expect(within(byAssignee).getByRole('row', {name: /Anna Ivanova/}).textContent).toBe('Anna Ivanova–5 hours (3 tasks)–––');
        expect(within(byAssignee).getByRole('row', {name: /Unassigned/}).textContent).toBe('Unassigned3 days (1 task)––––');

        expect(region('Where a file disappears')).toHaveTextContent(
            'Version 1 of Poster (poster-v1.png)Samara region: downloaded 2 times, not confirmedKazan region: neither downloaded nor confirmed',
        );
        const overdue = region('Overdue');
        expect(within(overdue).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
            'Anna Ivanova2 tasks, the oldest due Mar 3',
            'Unassigned1 task, the oldest due Mar 7',
            'Kazan region3 tasks, the oldest due Mar 3',
        ]);
    });

    test('the cumulative flow is an SVG chart, one stacked area per status, described in words', async () => {
        await openOverview();
        const chart = within(region('Cumulative flow')).getByRole('img');
        expect(chart.tagName.toLowerCase()).toBe('svg');
        expect(chart).toHaveAccessibleName('Tasks by status each day from Mar 8 to Mar 10; on the last day: Done 3, In review 1, In progress 1, To do 2, Cancelled 1');
        const areas = chart.querySelectorAll('path');
        expect(areas).toHaveLength(5);

        // Done is the bottom layer: on the first day it is empty, its path starts on the axis.
        const done = areas[0].getAttribute('d')!;
        expect(done.startsWith('M40.0,198.0')).toBe(true);
        expect(chart).toHaveTextContent('8'); // the top of the axis: 8 tasks on the last day
    });

    test('the calendar: a month of due dates, a day lists what is due, a week lists each day', async () => {
        const {user, backend} = await openOverview();
        const calendar = region('Due dates');
        const march = await within(calendar).findByRole('button', {name: 'March 12: 2 due'});
        expect(backend.http.requests.find((r) => r.path.endsWith('/due'))?.query).toEqual({from: '2025-02-24', to: '2025-04-06', limit: '500'});
        expect(within(calendar).getByRole('button', {name: 'March 18: 1 due'})).toBeInTheDocument();
        expect(within(calendar).getByRole('button', {name: 'March 11: nothing due'})).toBeInTheDocument();
        expect(within(calendar).getByText('March 2025')).toBeInTheDocument();

        await user.click(march);
        expect(within(calendar).getByRole('heading', {name: 'March 12'})).toBeInTheDocument();
        expect(within(calendar).getAllByRole('button', {name: /Print the flyers|Hang the banner/})).toHaveLength(2);

        await user.click(within(calendar).getByRole('button', {name: 'Week'}));
        const wednesday = await within(calendar).findByRole('group', {name: 'March 12: 2 due'});
        expect(within(wednesday).getAllByRole('button').map((b) => b.textContent)).toEqual(['Print the flyers', 'Hang the banner']);
        await user.click(within(calendar).getByRole('button', {name: 'Next'}));
        const tuesday = await within(calendar).findByRole('group', {name: 'March 18: 1 due'});
        expect(within(tuesday).getByRole('button')).toHaveTextContent(DUE_TASKS[2].title);
        expect(backend.http.requests.filter((r) => r.path.endsWith('/due')).map((r) => r.query.from)).toEqual(['2025-02-24', '2025-03-10', '2025-03-17']);
    });

    test('loading, then a failure with a retry; a guest who sees no channel gets the empty states', async () => {
        const backend = new FakeBackend();
        const project = backend.addProject('Spring campaign', [CHANNEL]);
        const state = fakeOverview(backend.http, project.id, project.name);
        state.overview = {...state.overview, rows: [], stalls: {items: [], total: 0}, durations: {by_channel: [], by_assignee: []}, flow: [], disappearing: [], overdue: {by_person: [], by_channel: []}};
        const release = backend.http.hold('GET', /\/overview$/);
        backend.http.failNext('GET', /\/overview$/, {status: 503, data: {error: {code: 'mattermost_unavailable', message: 'down'}}});
        const env = boot({backend});
        window.history.pushState(null, '', `/marketing/throughline/overview/${project.id}`);
        const {component: Page} = env.registry.all('NeedsTeamComponent')[0] as unknown as {component: React.ComponentType};
        render(<Provider store={env.store}><Page/></Provider>);
        expect(await screen.findByText('Counting the project…')).toBeInTheDocument();
        release();
        const alert = await screen.findByRole('alert');
        await env.user.click(within(alert).getByRole('button', {name: 'Retry'}));
        await screen.findByRole('heading', {level: 1, name: 'Spring campaign: overview'});
        expect(region('Regions by stage')).toHaveTextContent('No channel of this project is yours to see.');
        expect(region('Where approval stalls')).toHaveTextContent('Nothing is waiting for approval.');
        expect(region('Cumulative flow')).toHaveTextContent('No tasks in this period.');
        expect(region('Overdue')).toHaveTextContent('Nothing is overdue.');
        expect(region('Where a file disappears')).toHaveTextContent('Every channel has confirmed the approved versions.');
    });

    test('the period is chosen, and the page reads in Russian', async () => {
        const {user, backend} = await openOverview('ru');
        expect(screen.getByRole('heading', {level: 1})).toHaveTextContent('Spring campaign: обзор');
        const matrix = within(screen.getByRole('region', {name: 'Регионы по этапам'})).getByRole('table');
        expect(within(matrix).getByRole('button', {name: 'Kazan region, К выполнению: 2'})).toBeInTheDocument();
        expect(screen.getByRole('region', {name: 'Где застревает согласование'})).toHaveTextContent('Версия 2 — Outdoor 6×3 — ждёт 5 дней');
        expect(within(screen.getByRole('region', {name: 'Накопительная диаграмма'})).getByRole('img')).toHaveAccessibleName(/^Задачи по статусам/);
        await within(screen.getByRole('region', {name: 'Сроки'})).findByRole('button', {name: '12 марта: 2 к сроку'});
        await user.selectOptions(screen.getByLabelText('Период'), '26 недель');
        await waitFor(() => expect(backend.http.requests.filter((r) => r.path.endsWith('/overview')).map((r) => r.query.weeks)).toEqual(['8', '26']));
    });
});
