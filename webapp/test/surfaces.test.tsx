import {act, render, screen, waitFor, within} from '@testing-library/react';
import React from 'react';
import {Provider} from 'react-redux';

import {PROFILES} from '../../tests/sandbox/host/profile';
import {registerComposerBanner, registerPostHeader} from '../src/host/surfaces';
import type {PluginRegistry} from '../src/host/types';
import manifest from '../src/manifest';
import {pluginState} from '../src/selectors';

import {seedAssets} from './asset_fixtures';
import {FakeBackend} from './fake_backend';
import {FakeEventSource} from './fake_event_source';
import {CHANNEL, FILES_POST, OTHER_CHANNEL, PENDING_POST, POST, SYSTEM_POST, channels, posts} from './fixtures';
import {boot} from './harness';
import {makeHostStore} from './host_store';
import {StrictRegistry} from './registry_double';

const SOURCES = /\/tasks\/sources$/;
const on12 = {registry: (store: ReturnType<typeof makeHostStore>) => new StrictRegistry(store, manifest.id, PROFILES['19'])};
const send = (type: string, data: unknown, id: number) => act(() => FakeEventSource.latest().send(type, data, id));

type Env = ReturnType<typeof boot>;

// Post headers as Mattermost 12 draws them: the registered component once per post, given the post.
function renderHeaders(env: Env, ids: string[]) {
    const Header = env.registry.postHeaders[0];
    return render(
        <Provider store={env.store}>
            {ids.map((id) => (
                <div
                    key={id}
                    data-testid={'header-' + id}
                >
                    <Header post={posts[id as keyof typeof posts]}/>
                </div>
            ))}
        </Provider>,
    );
}

function renderBanner(env: Env, channelId: string) {
    const Banner = env.registry.composerBanners[0];
    return render(
        <Provider store={env.store}>
            <div data-testid='banner'>
                <Banner channel={channels[channelId as keyof typeof channels]}/>
            </div>
        </Provider>,
    );
}

describe('the surfaces Mattermost 12 offers', () => {
    test('are registered on 12.1, and on 7.3 and 11.2 nothing is (their registries have neither call)', () => {
        const env = boot(on12);
        expect(env.registry.postHeaders).toHaveLength(1);
        expect(env.registry.composerBanners).toHaveLength(1);
        env.plugin.uninitialize();

        for (const version of ['17', '18'] as const) {
            const registry = new StrictRegistry(makeHostStore(), manifest.id, PROFILES[version]);
            expect(registry).not.toHaveProperty('registerChannelComposerBannerComponent');
            expect(registerPostHeader(registry, () => null)).toBeNull();
            expect(registerComposerBanner(registry, () => null)).toBeNull();
            expect(registry.postHeaders).toEqual([]);
            expect(registry.composerBanners).toEqual([]);
        }
    });

    test('a registry without the calls at all is left alone, without an error', () => {
        const bare = {} as PluginRegistry;
        expect(registerPostHeader(bare, () => null)).toBeNull();
        expect(registerComposerBanner(bare, () => null)).toBeNull();
    });
});

describe('the status beside a task’s message', () => {
    test('all posts drawn together are asked about in one request, system and pending posts not at all; only a source shows a chip', async () => {
        const backend = new FakeBackend();
        backend.addTask({title: 'Print posters', source_post_id: POST});
        const env = boot({...on12, backend});
        renderHeaders(env, [POST, FILES_POST, SYSTEM_POST, PENDING_POST]);

        const chip = await screen.findByRole('button', {name: 'Task “Print posters”: To do. Open it in Throughline'});
        expect(within(screen.getByTestId('header-' + POST)).getByRole('button')).toBe(chip);
        expect(screen.getByTestId('header-' + FILES_POST)).toBeEmptyDOMElement();
        const asked = backend.http.find('POST', SOURCES);
        expect(asked).toHaveLength(1);
        expect(asked[0].body).toEqual({post_ids: [POST, FILES_POST]});

        // Drawn again (another channel and back): known already, not asked again.
        renderHeaders(env, [POST, FILES_POST]);
        await screen.findAllByRole('button', {name: /^Task “Print posters”/});
        expect(backend.http.find('POST', SOURCES)).toHaveLength(1);
    });

    test('follows the live stream: a changed status, a task made from a message, a deleted task; a click opens the task', async () => {
        const backend = new FakeBackend();
        const poster = backend.addTask({title: 'Print posters', source_post_id: POST});
        const env = boot({...on12, backend});
        FakeEventSource.latest().open();
        renderHeaders(env, [POST, FILES_POST]);
        await screen.findByRole('button', {name: /^Task “Print posters”: To do/});

        send('task.updated', {task: backend.touch(poster.id, {status: 'review'}), fields: ['status'], channel_id: CHANNEL}, 2);
        expect(await screen.findByRole('button', {name: /^Task “Print posters”: In review/})).toBeInTheDocument();

        const layouts = backend.addTask({title: 'Pick a layout', source_post_id: FILES_POST});
        send('task.created', {task: layouts, channel_id: CHANNEL}, 3);
        const chip = await within(screen.getByTestId('header-' + FILES_POST)).findByRole('button', {name: /^Task “Pick a layout”: To do/});
        expect(backend.http.find('POST', SOURCES)).toHaveLength(1);

        await env.user.click(chip);
        expect(pluginState(env.store.getState()).selectedTaskId).toBe(layouts.id);
        expect(env.store.getState().views.rhs.pluggableId).toBe(env.registry.rhs[0].id);

        send('task.deleted', {task_id: poster.id, project_id: null, channel_id: CHANNEL}, 4);
        await waitFor(() => expect(screen.getByTestId('header-' + POST)).toBeEmptyDOMElement());
    });

    test('shows nothing of tasks the caller may not see (a guest outside their channel)', async () => {
        const backend = new FakeBackend();
        backend.assets.guest = true;
        backend.addTask({title: 'Samara only', source_post_id: FILES_POST, channel_id: OTHER_CHANNEL});
        backend.addTask({title: 'Ours', source_post_id: POST});
        const env = boot({...on12, backend});
        renderHeaders(env, [POST, FILES_POST]);
        await screen.findByRole('button', {name: /^Task “Ours”/});
        expect(screen.queryByRole('button', {name: /Samara only/})).toBeNull();
        expect(screen.getByTestId('header-' + FILES_POST)).toBeEmptyDOMElement();
    });

    test('in Russian', async () => {
        const backend = new FakeBackend();
        backend.addTask({title: 'Печать плакатов', source_post_id: POST, status: 'review'});
        const env = boot({...on12, backend, locale: 'ru'});
        renderHeaders(env, [POST]);
        expect(await screen.findByRole('button', {name: 'Задача «Печать плакатов»: На проверке. Открыть в Throughline'})).toBeInTheDocument();
    });
});

describe('the banner of approved versions above the message box', () => {
    test('names the approved version of each asset shared with the channel; a click shows the asset in the sidebar', async () => {
        const seeded = seedAssets();
        const env = boot({...on12, backend: seeded.backend});
        renderBanner(env, CHANNEL);
        const banner = await screen.findByRole('note', {name: 'Approved versions for this channel'});
        expect(banner).toHaveTextContent('Approved:');
        const item = within(banner).getByRole('button', {name: 'Outdoor 6×3, slogan B · v2'});
        expect(item).toHaveAttribute('title', 'Outdoor 6×3, slogan B, version 2 (outdoor-v2.png): open in Throughline');
        expect(within(banner).getAllByRole('button')).toHaveLength(1); // the flyer has no approved version

        env.renderSidebar();
        await env.user.click(item);
        expect(env.store.getState().views.rhs.pluggableId).toBe(env.registry.rhs[0].id);
        expect(await screen.findByRole('tab', {name: 'Assets', selected: true})).toBeInTheDocument();
        expect(await screen.findByRole('heading', {name: 'Outdoor 6×3, slogan B'})).toBeInTheDocument();
    });

    test('follows approvals for its channel live', async () => {
        const seeded = seedAssets();
        const env = boot({...on12, backend: seeded.backend});
        FakeEventSource.latest().open();
        renderBanner(env, CHANNEL);
        const banner = await screen.findByRole('note', {name: 'Approved versions for this channel'});
        await within(banner).findByRole('button', {name: 'Outdoor 6×3, slogan B · v2'});

        const v4 = seeded.backend.assets.addVersion(seeded.flyer.id, {file_name: 'flyer-v1.png', state: 'approved'});
        send('asset.version_approved', {asset_id: seeded.flyer.id, project_id: seeded.project.id, version_id: v4.id, channel_id: CHANNEL}, 2);
        expect(await within(banner).findByRole('button', {name: 'Flyer A5 · v1'})).toBeInTheDocument();
        expect(within(banner).getAllByRole('button').map((b) => b.textContent)).toEqual(['Flyer A5 · v1', 'Outdoor 6×3, slogan B · v2']);
    });

    test('follows a channel leaving the project live: its assets are unshared from it, and the banner says so', async () => {
        const seeded = seedAssets();
        const env = boot({...on12, backend: seeded.backend});
        FakeEventSource.latest().open();
        renderBanner(env, CHANNEL);
        const banner = await screen.findByRole('note', {name: 'Approved versions for this channel'});
        await within(banner).findByRole('button', {name: 'Outdoor 6×3, slogan B · v2'});
        const shelfAsks = () => seeded.backend.http.find('GET', /\/channels\/[a-z0-9]+\/shelf$/).length;
        const asked = shelfAsks();

        // Another channel leaving, told to a channel still in the project: this channel's banner stays as it is.
        send('project.channel_unlinked', {project_id: seeded.project.id, removed: false, asset_ids: [], channel_id: OTHER_CHANNEL}, 2);

        // This channel leaves: the service stopped sharing the project's assets with it.
        seeded.outdoor.channel_ids.splice(seeded.outdoor.channel_ids.indexOf(CHANNEL), 1);
        send('project.channel_unlinked', {project_id: seeded.project.id, removed: true, asset_ids: [seeded.outdoor.id, seeded.flyer.id], channel_id: CHANNEL}, 3);
        await waitFor(() => expect(screen.getByTestId('banner')).toBeEmptyDOMElement());
        expect(shelfAsks()).toBe(asked + 1); // once, for this channel's event only
    });

    test('is empty in a channel with no approved version, and for a channel the caller is not in', async () => {
        const backend = new FakeBackend();
        const env = boot({...on12, backend});
        renderBanner(env, CHANNEL);
        await waitFor(() => expect(backend.http.find('GET', /\/channels\/[a-z0-9]+\/shelf$/)).toHaveLength(1));
        expect(screen.getByTestId('banner')).toBeEmptyDOMElement();

        const seeded = seedAssets(backend);
        expect(seeded.outdoor.channel_ids).toContain(OTHER_CHANNEL);
        renderBanner(env, OTHER_CHANNEL); // ME is not a member there: the service answers 404
        await waitFor(() => expect(backend.http.find('GET', /\/channels\/[a-z0-9]+\/shelf$/)).toHaveLength(2));
        expect(screen.getAllByTestId('banner')[1]).toBeEmptyDOMElement();
    });

    test('in Russian', async () => {
        const seeded = seedAssets();
        const env = boot({...on12, backend: seeded.backend, locale: 'ru'});
        renderBanner(env, CHANNEL);
        const banner = await screen.findByRole('note', {name: 'Утверждённые версии для этого канала'});
        await waitFor(() => expect(banner).toHaveTextContent('Утверждено:'));
    });
});
