import {screen, waitFor} from '@testing-library/react';

import {FakeBackend} from './fake_backend';
import {ME} from './fixtures';
import {boot} from './harness';

// A task edited 120 times after it was made: its history comes a page (50) at a time, newest first.
function seed() {
    const backend = new FakeBackend();
    const task = backend.addTask({title: 'Window display'});
    for (let i = 1; i <= 120; i++) {
        backend.history.push({
            id: `hist-${String(i).padStart(4, '0')}`, task_id: task.id, actor_id: ME, action: 'updated', field: 'description',
            from: `Draft ${i - 1}`, to: `Draft ${i}`, at: new Date(Date.UTC(2025, 1, 1) + (i * 60_000)).toISOString(),
        });
    }
    return {backend, task};
}

async function openTask(backend: FakeBackend, locale = 'en') {
    const env = boot({backend, locale});
    env.renderSidebar();
    await env.user.click(await screen.findByRole('button', {name: 'Window display'}));
    await waitFor(() => expect(shown()).toHaveLength(50));
    return env;
}

const shown = () => [...document.querySelectorAll('.tl-history > li')].map((li) => li.textContent ?? '');

describe('task history, a page at a time', () => {
    test('newest first; "Show older changes" walks to the first entry, nothing repeated or lost', async () => {
        const {backend} = seed();
        const {user} = await openTask(backend);
        expect(shown()).toHaveLength(50);
        expect(shown()[0]).toMatch(/to “Draft 120”/);
        expect(screen.queryByText(/created the task/)).toBeNull();

        await user.click(screen.getByRole('button', {name: 'Show older changes'}));
        await waitFor(() => expect(shown()).toHaveLength(100));
        await user.click(screen.getByRole('button', {name: 'Show older changes'}));
        await waitFor(() => expect(shown()).toHaveLength(121));
        expect(screen.getByText(/Maria Ivanova created the task/)).toBeInTheDocument();
        expect(screen.queryByRole('button', {name: 'Show older changes'})).toBeNull();

        const drafts = shown().slice(0, 120).map((text) => Number(/to “Draft (\d+)”/.exec(text)?.[1]));
        expect(drafts).toEqual(Array.from({length: 120}, (_, i) => 120 - i));

        const asked = backend.http.find('GET', /\/history$/);
        expect(asked.map((r) => [r.query.limit, r.query.cursor])).toEqual([['50', undefined], ['50', 'hist-0071'], ['50', 'hist-0021']]);
    });

    test('an older page that fails says so and can be asked again', async () => {
        const {backend} = seed();
        const {user} = await openTask(backend);
        backend.http.failNext('GET', /\/history$/, {status: 503, data: {error: {code: 'mattermost_unavailable', message: 'Mattermost is unavailable'}}});
        await user.click(screen.getByRole('button', {name: 'Show older changes'}));
        const alert = await screen.findByRole('alert');
        expect(shown()).toHaveLength(50);
        await user.click(screen.getByRole('button', {name: 'Retry'}));
        await waitFor(() => expect(shown()).toHaveLength(100));
        expect(alert).not.toBeInTheDocument();
    });

    test('the control in Russian', async () => {
        const {backend} = seed();
        await openTask(backend, 'ru');
        expect(shown()[0]).toMatch(/«Draft 119» → «Draft 120»/);
        expect(await screen.findByRole('button', {name: 'Показать более ранние изменения'})).toBeInTheDocument();
    });
});
