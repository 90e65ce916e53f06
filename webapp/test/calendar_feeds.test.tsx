import {screen, waitFor, within} from '@testing-library/react';
import type {Feed} from '@throughline/contract';

import {FakeBackend} from './fake_backend';
import {CHANNEL} from './fixtures';
import {boot} from './harness';

const api = '/throughline-api/api/v1';
const TOKEN = 'k'.repeat(43);
const URL_OF = (n: number) => `https://chat.example/throughline-api/api/v1/feeds/${TOKEN.slice(0, 42)}${n}.ics`;

// The service's feed routes over a list kept here: made, listed and revoked as the service does.
function seed(initial: Feed[] = []) {
    const backend = new FakeBackend();
    const project = backend.addProject('Spring campaign', [CHANNEL]);
    const feeds = [...initial];
    let made = 0;
    const h = backend.http;
    h.on('GET', new RegExp(`^${api}/me/feeds$`), () => ({status: 200, data: {items: feeds}}));
    h.on('POST', new RegExp(`^${api}/me/feeds$`), (req) => {
        const body = req.body as {kind: Feed['kind']; project_id?: string};
        made += 1;
        const feed: Feed = {
            id: `00000000-0000-7000-8000-00000000f00${made}`,
            kind: body.kind,
            project_id: body.project_id ?? null,
            project_name: body.project_id ? project.name : null,
            created_at: '2026-03-01T09:00:00.000Z',
            last_fetched_at: null,
        };
        feeds.unshift(feed);
        return {status: 201, data: {feed, url: URL_OF(made)}};
    });
    h.on('DELETE', new RegExp(`^${api}/me/feeds/([^/]+)$`), (_req, [id]) => {
        const i = feeds.findIndex((f) => f.id === id);
        if (i < 0) {
            return {status: 404, data: {error: {code: 'not_found', message: 'Calendar feed not found'}}};
        }
        feeds.splice(i, 1);
        return {status: 204, data: null};
    });
    return {backend, project, feeds};
}

async function openFeeds(backend: FakeBackend, locale = 'en') {
    const env = boot({backend, locale});
    env.renderSidebar();
    await screen.findByLabelText(locale === 'ru' ? 'Проект' : 'Project');
    const toggle = screen.getByRole('button', {name: locale === 'ru' ? 'Ленты для календаря' : 'Calendar feeds'});
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await env.user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    return env;
}

const fetched: Feed = {
    id: '00000000-0000-7000-8000-00000000f0aa',
    kind: 'person',
    project_id: null,
    project_name: null,
    created_at: '2026-02-01T09:00:00.000Z',
    last_fetched_at: '2026-02-02T10:30:00.000Z',
};

describe('calendar feeds panel', () => {
    test('empty at first; a person feed and a project feed are made, each address shown once and copied', async () => {
        const {backend, project} = seed();
        const {user} = await openFeeds(backend);
        const panel = await screen.findByRole('region', {name: 'Calendar feeds'});
        expect(await within(panel).findByText('No calendar feeds yet.')).toBeInTheDocument();

        await user.click(within(panel).getByRole('button', {name: 'New feed of my tasks'}));
        const address = await within(panel).findByLabelText('Address of the new feed');
        expect(address).toHaveValue(URL_OF(1));
        expect(backend.http.find('POST', /\/me\/feeds$/)[0].body).toEqual({kind: 'person'});
        await user.click(within(panel).getByRole('button', {name: 'Copy'}));
        expect(await within(panel).findByRole('status')).toHaveTextContent('Copied');
        expect(await navigator.clipboard.readText()).toBe(URL_OF(1));

        const list = within(panel).getByRole('list', {name: 'Your calendar feeds'});
        expect(within(list).getAllByRole('listitem')).toHaveLength(1);
        expect(within(list).getByRole('listitem')).toHaveTextContent(/^My tasks.*Made .*Not fetched by a calendar yet/);

        await user.click(within(panel).getByRole('button', {name: 'New feed of Spring campaign'}));
        await waitFor(() => expect(within(panel).getByLabelText('Address of the new feed')).toHaveValue(URL_OF(2)));
        expect(backend.http.find('POST', /\/me\/feeds$/)[1].body).toEqual({kind: 'project', project_id: project.id});
        expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent(/^Project: Spring campaign/);

        // Gone once dismissed: the address is not kept anywhere to show again.
        await user.click(within(panel).getByRole('button', {name: 'Done'}));
        expect(within(panel).queryByLabelText('Address of the new feed')).toBeNull();
        expect(panel).not.toHaveTextContent(TOKEN.slice(0, 42));
    });

    test('without the Clipboard API the address is selected and copied the older way', async () => {
        const {backend} = seed();
        const {user} = await openFeeds(backend);
        Object.defineProperty(navigator, 'clipboard', {value: undefined, configurable: true});
        const execCommand = jest.fn(() => true);
        Object.defineProperty(document, 'execCommand', {value: execCommand, configurable: true});
        try {
            const panel = await screen.findByRole('region', {name: 'Calendar feeds'});
            await user.click(await within(panel).findByRole('button', {name: 'New feed of my tasks'}));
            const address = (await within(panel).findByLabelText('Address of the new feed')) as HTMLInputElement;
            await user.click(within(panel).getByRole('button', {name: 'Copy'}));
            expect(await within(panel).findByRole('status')).toHaveTextContent('Copied');
            expect(execCommand).toHaveBeenCalledWith('copy');
            expect(document.activeElement).toBe(address);
            expect(address.value.slice(address.selectionStart!, address.selectionEnd!)).toBe(URL_OF(1));

            // A browser that refuses that too: the person is told to copy the selected address.
            execCommand.mockReturnValue(false);
            await user.click(within(panel).getByRole('button', {name: 'Copy'}));
            expect(await within(panel).findByRole('status')).toHaveTextContent('The address is selected: copy it with Ctrl+C (⌘C).');
        } finally {
            delete (document as {execCommand?: unknown}).execCommand;
        }
    });

    test('lists when each feed was made and fetched, and revokes one only once confirmed', async () => {
        const {backend, feeds} = seed([fetched]);
        const {user} = await openFeeds(backend);
        const panel = await screen.findByRole('region', {name: 'Calendar feeds'});
        const row = await within(panel).findByRole('listitem');
        expect(row).toHaveTextContent(/My tasks.*Made .*2026.*Last fetched .*2026/);

        await user.click(within(row).getByRole('button', {name: 'Revoke My tasks'}));
        const ask = within(row).getByRole('group', {name: 'Revoke My tasks'});
        expect(ask).toHaveTextContent('Revoke this feed? Calendars subscribed to it stop getting due dates.');
        await user.click(within(ask).getByRole('button', {name: 'Cancel'}));
        expect(backend.http.find('DELETE', /\/me\/feeds\//)).toHaveLength(0);

        await user.click(within(row).getByRole('button', {name: 'Revoke My tasks'}));
        await user.click(within(panel).getByRole('button', {name: 'Revoke feed'}));
        expect(await within(panel).findByText('No calendar feeds yet.')).toBeInTheDocument();
        expect(backend.http.find('DELETE', /\/me\/feeds\//).map((r) => r.path)).toEqual([`${api}/me/feeds/${fetched.id}`]);
        expect(feeds).toHaveLength(0);
    });

    test('says so when the list cannot be loaded, retries, and shows a refusal in the person’s words', async () => {
        const {backend} = seed([fetched]);
        backend.http.failNext('GET', /\/me\/feeds$/, 'network');
        backend.http.failNext('POST', /\/me\/feeds$/, {status: 409, data: {error: {code: 'too_many_feeds', message: 'You already have 20'}}});
        const {user} = await openFeeds(backend);
        const panel = await screen.findByRole('region', {name: 'Calendar feeds'});
        const alert = await within(panel).findByRole('alert');
        expect(alert).toHaveTextContent('Could not reach Throughline.');
        await user.click(within(alert).getByRole('button', {name: 'Retry'}));
        expect(await within(panel).findByRole('listitem')).toHaveTextContent('My tasks');

        await user.click(within(panel).getByRole('button', {name: 'New feed of my tasks'}));
        expect(await within(panel).findByRole('alert')).toHaveTextContent('You have as many calendar feeds as one person may. Revoke one you no longer use first.');
        expect(within(panel).queryByLabelText('Address of the new feed')).toBeNull();
    });

    test('in Russian', async () => {
        const {backend} = seed([{...fetched, kind: 'project', project_id: '00000000-0000-7000-8000-0000000000b1', project_name: 'Весна'}]);
        const {user} = await openFeeds(backend, 'ru');
        const panel = await screen.findByRole('region', {name: 'Ленты для календаря'});
        expect(await within(panel).findByRole('listitem')).toHaveTextContent(/Проект: Весна.*Создана .*Календарь обращался/);
        await user.click(within(panel).getByRole('button', {name: 'Новая лента моих задач'}));
        expect(await within(panel).findByLabelText('Адрес новой ленты')).toHaveValue(URL_OF(1));
        await user.click(within(panel).getByRole('button', {name: 'Копировать'}));
        expect(await within(panel).findByRole('status')).toHaveTextContent('Скопировано');
        expect(within(panel).getByRole('button', {name: 'Новая лента проекта «Spring campaign»'})).toBeInTheDocument();
    });
});
