import {act, screen, waitFor} from '@testing-library/react';

import {pluginState} from '../src/selectors';

import {seedAssets} from './asset_fixtures';
import {FakeEventSource} from './fake_event_source';
import {ANNA, BOT, CHANNEL, OTHER_CHANNEL, post} from './fixtures';
import {boot} from './harness';

const API = '/throughline-api/api/v1';

const MESSAGE = 'Maria Ivanova approved “Outdoor 6×3, slogan B” version 2 (outdoor-v2.png).\nConfirm that your channel received it.';

// The bot's card in its channel, unless the test says otherwise.
const cardPost = (id: string, approval: unknown, extra: {user_id?: string; channel_id?: string; message?: string} = {}) =>
    post(id.padEnd(26, 'x'), extra.message ?? MESSAGE, {
        type: 'custom_throughline_approval' as never,
        user_id: BOT,
        channel_id: (approval as {channel_id?: string}).channel_id ?? CHANNEL,
        props: {approval},
        ...extra,
    });

function setup() {
    const seeded = seedAssets();
    const {outdoor, v2} = seeded;
    const approval = (extra: Record<string, unknown> = {}) => ({
        asset_id: outdoor.id, version_id: v2.id, channel_id: CHANNEL, version_number: 2, asset_name: outdoor.name, file_name: 'outdoor-v2.png', ...extra,
    });
    const env = boot({backend: seeded.backend});
    return {...seeded, ...env, approval};
}

describe('approval card post', () => {
    test('shows the approved version and confirms receipt for its channel', async () => {
        const {backend, outdoor, v2, approval, renderPost, user} = setup();
        renderPost(cardPost('carda', approval()));
        expect(await screen.findByText('Outdoor 6×3, slogan B')).toBeInTheDocument();
        expect(screen.getByText('Version 2 · outdoor-v2.png')).toBeInTheDocument();
        expect(screen.getByRole('link', {name: 'Download'})).toHaveAttribute('href', `${API}/assets/${outdoor.id}/versions/${v2.id}/file?channel_id=${CHANNEL}`);

        await user.click(await screen.findByRole('button', {name: 'Confirm receipt'}));
        expect(await screen.findByText(/^Receipt confirmed by Maria Ivanova,/)).toBeInTheDocument();
        expect(backend.http.find('POST', /\/receipts\//)[0].path).toBe(`${API}/assets/${outdoor.id}/receipts/${CHANNEL}`);
        expect(screen.queryByRole('button', {name: 'Confirm receipt'})).toBeNull();
    });

    test('many cards of one asset ask for it once', async () => {
        const {backend, approval, renderPost} = setup();
        renderPost(cardPost('cardb', approval()));
        renderPost(cardPost('cardc', approval()));
        renderPost(cardPost('cardd', approval({channel_id: OTHER_CHANNEL})));
        expect(await screen.findByText(/^Receipt confirmed by Anna Petrova/)).toBeInTheDocument();
        expect(screen.getAllByRole('button', {name: 'Confirm receipt'})).toHaveLength(2);
        expect(backend.http.find('GET', /\/assets\//)).toHaveLength(1);
    });

    test('a card for a version no longer approved offers no confirmation', async () => {
        const {v1, approval, renderPost} = setup();
        renderPost(cardPost('carde', approval({version_id: v1.id, version_number: 1, file_name: 'outdoor-v1.png'})));
        expect(await screen.findByText('Superseded by version 2 — do not use')).toBeInTheDocument();
        expect(screen.queryByRole('button', {name: 'Confirm receipt'})).toBeNull();
    });

    test('the service\'s refusal is shown', async () => {
        const {backend, approval, renderPost, user} = setup();
        renderPost(cardPost('cardf', approval()));
        const confirm = await screen.findByRole('button', {name: 'Confirm receipt'});
        backend.http.failNext('POST', /\/receipts\//, {status: 409, data: {error: {code: 'no_approved_version', message: 'That version is no longer the approved one; confirm the current version instead'}}});
        await user.click(confirm);
        expect(await screen.findByRole('alert')).toHaveTextContent('That version is no longer the approved one');
    });

    test('a confirmation made elsewhere shows up live', async () => {
        const {backend, project, outdoor, v2, approval, renderPost} = setup();
        renderPost(cardPost('cardg', approval()));
        await screen.findByRole('button', {name: 'Confirm receipt'});
        act(() => FakeEventSource.latest().open(1));
        backend.assets.confirmAs(outdoor.id, CHANNEL, ANNA);
        act(() => FakeEventSource.latest().send('asset.receipt_confirmed', {asset_id: outdoor.id, project_id: project.id, version_id: v2.id}, 2));
        await waitFor(() => expect(screen.getByText(/^Receipt confirmed by Anna Petrova/)).toBeInTheDocument());
        expect(screen.queryByRole('button', {name: 'Confirm receipt'})).toBeNull();
    });

    test('without usable props, the readable message is shown', async () => {
        const {renderPost, store} = setup();
        renderPost(cardPost('cardh', {nope: true}));
        await waitFor(() => expect(pluginState(store.getState()).botUserId).toBe(BOT));
        expect(screen.getByText(/Maria Ivanova approved “Outdoor 6×3, slogan B” version 2/)).toBeInTheDocument();
    });

    test('names come from the asset, never from the props', async () => {
        const {approval, renderPost} = setup();
        renderPost(cardPost('cardi', approval({asset_name: 'Price list — click here', file_name: 'invoice.exe', version_number: 9})));
        expect(await screen.findByText('Outdoor 6×3, slogan B')).toBeInTheDocument();
        expect(screen.getByText('Version 2 · outdoor-v2.png')).toBeInTheDocument();
        expect(screen.getByRole('link', {name: 'Download'})).toHaveAttribute('download', 'outdoor-v2.png');
        expect(screen.queryByText(/Price list|invoice\.exe|Version 9/)).toBeNull();
    });

    test('a look-alike card posted by a channel member is its plain message, with no button', async () => {
        const {backend, approval, renderPost, store} = setup();
        renderPost(cardPost('cardj', approval({asset_name: 'Forged name'}), {user_id: ANNA, message: 'Please confirm receipt now'}));
        await waitFor(() => expect(pluginState(store.getState()).botUserId).toBe(BOT));
        expect(screen.getByText('Please confirm receipt now')).toBeInTheDocument();
        expect(screen.queryByRole('button')).toBeNull();
        expect(screen.queryByText(/Forged name|Outdoor 6×3/)).toBeNull();
        expect(backend.http.find('GET', /\/assets\//)).toHaveLength(0);
    });

    test('a bot card naming another channel than its own is its plain message', async () => {
        const {approval, renderPost, store} = setup();
        renderPost(cardPost('cardk', approval({channel_id: OTHER_CHANNEL}), {channel_id: CHANNEL, message: 'Moved card'}));
        await waitFor(() => expect(pluginState(store.getState()).botUserId).toBe(BOT));
        expect(screen.getByText('Moved card')).toBeInTheDocument();
        expect(screen.queryByRole('button')).toBeNull();
        expect(document.querySelector('.tl-card')).toBeNull();
    });

    test('while the service cannot name its bot, no post is drawn as a card', async () => {
        const {backend, approval, renderPost} = setup();
        backend.botUserId = null;
        renderPost(cardPost('cardl', approval(), {message: 'Bot card, bot unknown'}));
        await waitFor(() => expect(backend.http.find('GET', /\/config$/)).toHaveLength(1));
        expect(screen.getByText('Bot card, bot unknown')).toBeInTheDocument();
        expect(document.querySelector('.tl-card')).toBeNull();
    });
});
