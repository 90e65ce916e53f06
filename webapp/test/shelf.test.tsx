import {screen, waitFor, within} from '@testing-library/react';

import {openAssets, seedAssets} from './asset_fixtures';
import {ANNA, CHANNEL} from './fixtures';

const API = '/throughline-api/api/v1';

describe('the shelf', () => {
    test('a guest starts on it: the approved version, its download from this channel, and Confirm receipt; history one click away', async () => {
        const seeded = seedAssets();
        seeded.backend.assets.guest = true;
        const {user} = await openAssets(seeded.backend);
        const shelf = await screen.findByRole('list', {name: 'Current versions'});
        expect(screen.getByRole('heading', {name: 'Shelf: the current versions for this channel'})).toBeInTheDocument();
        expect(within(shelf).getByText('Outdoor 6×3, slogan B')).toBeInTheDocument();
        expect(within(shelf).getByText('Version 2 · outdoor-v2.png')).toBeInTheDocument();
        expect(within(shelf).queryByText('Flyer A5')).toBeNull();
        expect(within(shelf).getByRole('link', {name: 'Download Outdoor 6×3, slogan B, version 2'})).toHaveAttribute(
            'href',
            `${API}/assets/${seeded.outdoor.id}/versions/${seeded.v2.id}/file?channel_id=${CHANNEL}`,
        );
        expect(screen.queryByRole('button', {name: 'Outdoor 6×3, slogan B'})).toBeNull();

        await user.click(within(shelf).getByRole('button', {name: 'Confirm receipt of Outdoor 6×3, slogan B, version 2'}));
        expect(await within(shelf).findByText(/^Receipt confirmed by/)).toBeInTheDocument();
        expect(seeded.backend.http.find('POST', /\/receipts\//)[0].path).toBe(`${API}/assets/${seeded.outdoor.id}/receipts/${CHANNEL}`);

        await user.click(screen.getByRole('button', {name: 'All assets and their history'}));
        expect(await screen.findByRole('button', {name: 'Outdoor 6×3, slogan B'})).toBeInTheDocument();
        await user.click(screen.getByRole('button', {name: 'Back to the shelf'}));
        expect(await screen.findByRole('list', {name: 'Current versions'})).toBeInTheDocument();
    });

    test('those who manage assets see it above the list', async () => {
        const seeded = seedAssets();
        await openAssets(seeded.backend);
        expect(await screen.findByRole('list', {name: 'Current versions'})).toBeInTheDocument();
        expect(await screen.findByRole('button', {name: 'Outdoor 6×3, slogan B'})).toBeInTheDocument();
        expect(screen.queryByRole('button', {name: 'All assets and their history'})).toBeNull();
    });

    test('an asset shows who downloaded a version after it was superseded; guests do not see it', async () => {
        const seeded = seedAssets();
        seeded.backend.assets.downloads = [
            {id: 'd2', asset_id: seeded.outdoor.id, version_id: seeded.v1.id, version_number: 1, user_id: ANNA, channel_id: CHANNEL, at: '2025-02-03T10:00:00.000Z', after_superseded: true},
            {id: 'd1', asset_id: seeded.outdoor.id, version_id: seeded.v2.id, version_number: 2, user_id: ANNA, channel_id: null, at: '2025-02-02T10:00:00.000Z', after_superseded: false},
        ];
        const {user} = await openAssets(seeded.backend);
        await user.click(await screen.findByRole('button', {name: 'Outdoor 6×3, slogan B'}));
        expect(await screen.findByRole('heading', {name: 'Downloaded after it was superseded'})).toBeInTheDocument();
        expect(await screen.findByText(/^Anna Petrova downloaded version 1,/)).toBeInTheDocument();
        expect(screen.queryByText(/downloaded version 2/)).toBeNull();
        expect(seeded.backend.http.find('GET', /\/downloads$/)[0].query).toMatchObject({superseded: 'true'});
    });

    test('guests get no list of downloads', async () => {
        const seeded = seedAssets();
        seeded.backend.assets.guest = true;
        const {user} = await openAssets(seeded.backend);
        await user.click(await screen.findByRole('button', {name: 'All assets and their history'}));
        await user.click(await screen.findByRole('button', {name: 'Outdoor 6×3, slogan B'}));
        await screen.findByText(/Added by Anna Petrova/);
        expect(screen.queryByRole('heading', {name: 'Downloaded after it was superseded'})).toBeNull();
        expect(seeded.backend.http.find('GET', /\/downloads$/)).toHaveLength(0);
    });

    test('in Russian', async () => {
        const seeded = seedAssets();
        seeded.backend.assets.guest = true;
        await openAssets(seeded.backend, 'ru');
        expect(await screen.findByRole('heading', {name: 'Полка: актуальные версии для этого канала'})).toBeInTheDocument();
        await waitFor(() => expect(screen.getByRole('button', {name: 'Подтвердить получение: Outdoor 6×3, slogan B, версия 2'})).toBeInTheDocument());
    });
});
