import {act, screen, waitFor, within} from '@testing-library/react';

import manifest from '../src/manifest';
import {pluginState} from '../src/selectors';

import {seedAssets} from './asset_fixtures';
import {FakeBackend} from './fake_backend';
import {CHANNEL, FILE_A, FILE_B, FILE_POST, FILES_POST, POST, SYSTEM_POST, posts} from './fixtures';
import {boot, mountPostElement, rightClick} from './harness';
import {StrictRegistry} from './registry_double';

const API = '/throughline-api/api/v1';
const ADD = 1; // the post menu item's index: after "Create task"
const fileInfo = {...posts[FILE_POST].metadata.files![0], post_id: FILE_POST, channel_id: CHANNEL};

// The dialog, once it knows the channel's projects and (with a project) its assets, whose
// permissions say which choices the user gets.
async function settledDialog() {
    const dialog = screen.getByRole('dialog', {name: 'Add file as asset version'});
    await waitFor(() => expect(within(dialog).queryByText(/^Loading (projects|assets)…$/)).toBeNull());
    return dialog;
}

async function fromFileMenu(backend: FakeBackend) {
    const env = boot({backend});
    env.renderRoot();
    act(() => env.registry.clickFileMenuItem(0, fileInfo));
    return {...env, dialog: await settledDialog()};
}

async function fromPostMenu(backend: FakeBackend, postId = FILES_POST) {
    const env = boot({backend});
    env.renderRoot();
    act(() => env.registry.clickPostMenuItem(ADD, postId));
    return {...env, dialog: await settledDialog()};
}

describe('add a Mattermost file as an asset version', () => {
    test('the post menu item shows only on ordinary posts with files; the file menu item on every file', () => {
        const {registry} = boot();
        expect(registry.fileMenu[0].match(fileInfo)).toBe(true);
        const {filter} = registry.postMenu[ADD];
        expect(filter!(FILE_POST)).toBe(true);
        expect(filter!(FILES_POST)).toBe(true);
        expect(filter!(POST)).toBe(false);
        expect(filter!(SYSTEM_POST)).toBe(false);
    });

    test('from a file\'s menu into an existing asset', async () => {
        const {backend, outdoor} = seedAssets();
        const {dialog, user, store} = await fromFileMenu(backend);
        expect(within(dialog).getByText('poster-v3.pdf')).toBeInTheDocument();
        expect(within(dialog).queryByLabelText('Project')).toBeNull(); // one project: nothing to choose
        const asset = within(dialog).getByLabelText('Asset');
        expect(within(asset).getAllByRole('option').map((o) => o.textContent)).toEqual(['Flyer A5', 'Outdoor 6×3, slogan B', 'New asset…']);

        await user.selectOptions(asset, outdoor.id);
        await user.click(within(dialog).getByRole('button', {name: 'Add version'}));
        expect(await within(dialog).findByRole('status')).toHaveTextContent('Added as version 4 of “Outdoor 6×3, slogan B”.');
        expect(backend.http.find('POST', /from-mattermost$/)[0]).toMatchObject({
            path: `${API}/assets/${outdoor.id}/versions/from-mattermost`,
            body: {file_id: 'file1', post_id: FILE_POST},
        });
        await waitFor(() => expect(pluginState(store.getState()).assets[outdoor.id].versions[0]).toMatchObject({number: 4, file_name: 'poster-v3.pdf'}));

        const done = within(dialog).getByRole('button', {name: 'Done'});
        expect(done).toHaveFocus();
        await user.click(done);
        expect(screen.queryByRole('dialog')).toBeNull();
    });

    test('from the post menu: pick one of several files, into a new asset', async () => {
        const {backend, project} = seedAssets();
        const {dialog, user} = await fromPostMenu(backend);
        const fileSelect = within(dialog).getByLabelText('File');
        expect(fileSelect).toHaveFocus();
        expect(within(fileSelect).getAllByRole('option').map((o) => o.textContent)).toEqual(['billboard-a.png', 'billboard-b.png']);
        await user.selectOptions(fileSelect, FILE_B);
        await user.selectOptions(within(dialog).getByLabelText('Asset'), 'new');
        expect(within(dialog).getByLabelText('Name')).toHaveValue('billboard-a');
        expect(within(dialog).getByRole('checkbox', {name: 'Kazan region'})).toBeChecked();
        await user.clear(within(dialog).getByLabelText('Name'));
        await user.type(within(dialog).getByLabelText('Name'), 'Billboard');
        await user.click(within(dialog).getByRole('button', {name: 'Add version'}));
        expect(await within(dialog).findByRole('status')).toHaveTextContent('Added as version 1 of “Billboard”.');

        expect(backend.http.find('POST', /\/assets$/)[0].body).toEqual({project_id: project.id, name: 'Billboard', channel_ids: [CHANNEL]});
        const created = backend.assets.items.find((a) => a.name === 'Billboard')!;
        expect(backend.http.find('POST', /from-mattermost$/)[0]).toMatchObject({path: `${API}/assets/${created.id}/versions/from-mattermost`, body: {file_id: FILE_B, post_id: FILES_POST}});
    });

    test('a new asset whose version then fails is not created twice on retry', async () => {
        const {backend} = seedAssets();
        const {dialog, user} = await fromPostMenu(backend);
        await user.selectOptions(within(dialog).getByLabelText('Asset'), 'new');
        backend.http.failNext('POST', /from-mattermost$/, 'network');
        await user.click(within(dialog).getByRole('button', {name: 'Add version'}));
        expect(await within(dialog).findByRole('alert')).toHaveTextContent('Could not reach Throughline');
        await waitFor(() => expect(within(dialog).getByLabelText('Asset')).toHaveDisplayValue('billboard-a'));

        await user.click(within(dialog).getByRole('button', {name: 'Add version'}));
        expect(await within(dialog).findByRole('status')).toHaveTextContent('Added as version 1 of “billboard-a”.');
        expect(backend.http.find('POST', /\/assets$/)).toHaveLength(1);
    });

    test('the same file twice: "already version N"', async () => {
        const {backend, flyer} = seedAssets();
        backend.assets.addVersion(flyer.id, {file_name: 'billboard-a.png', content: 'mm:' + FILE_A});
        const {dialog, user} = await fromPostMenu(backend);
        await user.click(within(dialog).getByRole('button', {name: 'Add version'}));
        expect(await within(dialog).findByRole('alert')).toHaveTextContent('These exact bytes are already version 1.');
        expect(within(dialog).getByRole('button', {name: 'Add version'})).toBeInTheDocument();
    });

    test('the right-click menu offers it on a post with files', async () => {
        const {backend} = seedAssets();
        const env = boot({backend});
        env.renderRoot();
        const el = mountPostElement(FILES_POST, '<p>Two layouts</p>', 'rhs');
        rightClick(el.querySelector('p')!);
        expect(screen.getAllByRole('menuitem').map((i) => i.textContent)).toEqual(['Create task', 'Add file as asset version', 'Record as decision']);
        await env.user.click(screen.getByRole('menuitem', {name: 'Add file as asset version'}));
        expect(pluginState(env.store.getState()).assetModal).toEqual({postId: FILES_POST, fileId: null, channelId: null});
        expect(await settledDialog()).toBeInTheDocument();
    });

    test('a channel outside any project: make it one, then a new asset', async () => {
        const backend = new FakeBackend();
        const {dialog, user} = await fromFileMenu(backend);
        expect(within(dialog).getByText('This channel is not part of a project yet, so it has no assets.')).toBeInTheDocument();
        expect(within(dialog).getByRole('button', {name: 'Add version'})).toBeDisabled();
        await user.click(await within(dialog).findByRole('button', {name: 'Make this channel a project'}));
        expect(await within(dialog).findByLabelText('Asset')).toHaveDisplayValue('New asset…');
        expect(within(dialog).getByLabelText('Name')).toHaveValue('poster-v3');
    });

    test('guests choose among existing assets only', async () => {
        const {backend} = seedAssets();
        backend.assets.guest = true;
        const {dialog} = await fromFileMenu(backend);
        expect(within(within(dialog).getByLabelText('Asset')).getAllByRole('option').map((o) => o.textContent)).toEqual(['Flyer A5', 'Outdoor 6×3, slogan B']);
    });

    test('a guest with no asset to add to is told so', async () => {
        const backend = new FakeBackend();
        backend.addProject('Spring campaign', [CHANNEL]);
        backend.assets.guest = true;
        const {dialog} = await fromFileMenu(backend);
        expect(within(dialog).getByText('No assets are shared with your channels yet.')).toBeInTheDocument();
        expect(within(dialog).getByRole('button', {name: 'Add version'})).toBeDisabled();
    });

    test('a host without registerFileDropdownMenuAction still gets the rest', () => {
        const {registry} = boot({registry: (store) => {
            const r = new StrictRegistry(store, manifest.id) as Partial<StrictRegistry>;
            delete r.registerFileDropdownMenuAction;
            return r as StrictRegistry;
        }});
        expect(registry.postMenu).toHaveLength(3);
        expect(registry.fileMenu).toHaveLength(0);
    });
});
