import {act, screen, waitFor, within} from '@testing-library/react';

import {openAssets, seedAssets} from './asset_fixtures';
import {FakeBackend} from './fake_backend';
import {FakeEventSource} from './fake_event_source';
import {ANNA, CHANNEL, OTHER_CHANNEL, REMOTE_CHANNEL, mmId} from './fixtures';

const API = '/throughline-api/api/v1';

// The Outdoor asset in detail, with the names of who added, approved and confirmed.
async function openOutdoor() {
    const seeded = seedAssets();
    const env = await openAssets(seeded.backend);
    await env.user.click(await screen.findByRole('button', {name: 'Outdoor 6×3, slogan B'}));
    await screen.findByText(/Added by Anna Petrova/);
    await waitFor(() => expect(receiptRow('Samara region')).toHaveTextContent('Anna Petrova'));
    return {...seeded, ...env};
}

const version = (n: number) => screen.getByRole('listitem', {name: `Version ${n}`});
const receiptRow = (channel: string) => screen.getByRole('rowheader', {name: channel}).closest('tr')!;

describe('assets tab', () => {
    test('tabs switch between tasks and the project\'s assets, each with its approved version', async () => {
        const {backend, project, outdoor, v2} = seedAssets();
        const {user} = await openAssets(backend);
        const list = await screen.findByRole('list', {name: 'Assets'});
        const tasksTab = screen.getByRole('tab', {name: 'Tasks'});
        const assetsTab = screen.getByRole('tab', {name: 'Assets'});
        expect(assetsTab).toHaveAttribute('aria-selected', 'true');
        expect(tasksTab).toHaveAttribute('aria-selected', 'false');
        expect(screen.getByRole('tabpanel', {name: 'Assets'})).toBeInTheDocument();
        expect(screen.queryByLabelText('Show tasks from')).toBeNull();
        expect(backend.http.find('GET', /\/assets$/)[0].query).toEqual({project_id: project.id});

        const items = within(list).getAllByRole('listitem');
        expect(items.map((li) => within(li).getByRole('button').textContent)).toEqual(['Flyer A5', 'Outdoor 6×3, slogan B']);
        expect(items[0]).toHaveTextContent('No version is approved yet');
        expect(items[1]).toHaveTextContent('Approved: version 2 · outdoor-v2.png');
        expect(items[1]).toHaveTextContent('1 of 2 channels confirmed');
        expect(items[1].querySelector('img')).toHaveAttribute('src', `${API}/assets/${outdoor.id}/versions/${v2.id}/file`);
        expect(items[0].querySelector('img')).toBeNull();

        tasksTab.focus();
        await user.keyboard('{ArrowRight}');
        expect(assetsTab).toHaveFocus();
        expect(assetsTab).toHaveAttribute('aria-selected', 'true');
        await user.keyboard('{ArrowLeft}');
        expect(tasksTab).toHaveFocus();
        expect(tasksTab).toHaveAttribute('aria-selected', 'true');
        expect(screen.getByRole('tabpanel', {name: 'Tasks'})).toBeInTheDocument();
        expect(screen.getByLabelText('Show tasks from')).toBeInTheDocument();
    });

    test('loading, then empty', async () => {
        const backend = new FakeBackend();
        backend.addProject('Spring campaign', [CHANNEL]);
        const release = backend.http.hold('GET', /\/assets$/);
        await openAssets(backend);
        expect(screen.getByText('Loading assets…')).toBeInTheDocument();
        release();
        expect(await screen.findByText('No assets in this project yet.')).toBeInTheDocument();
    });

    test('a failed load offers a retry', async () => {
        const failing = new FakeBackend();
        failing.addProject('Spring campaign', [CHANNEL]);
        failing.http.failNext('GET', /\/assets$/, 'network');
        const {user} = await openAssets(failing);
        const alert = (await screen.findByText(/Could not reach Throughline/)).closest<HTMLElement>('[role="alert"]')!;
        failing.assets.add(failing.projects[0].id, 'Poster', [CHANNEL]);
        await user.click(within(alert).getByRole('button', {name: 'Retry'}));
        expect((await screen.findAllByRole('button', {name: 'Poster'})).length).toBeGreaterThan(0);
    });

    test('an asset: approved version, receipt matrix, and the whole history', async () => {
        const {outdoor, v2} = await openOutdoor();
        expect(screen.getByRole('heading', {name: 'Outdoor 6×3, slogan B'})).toBeInTheDocument();
        expect(screen.getByRole('img', {name: 'Version 2: outdoor-v2.png'})).toHaveAttribute('src', `${API}/assets/${outdoor.id}/versions/${v2.id}/file`);
        expect(screen.getByRole('link', {name: 'Download version 2'})).toHaveAttribute('href', `${API}/assets/${outdoor.id}/versions/${v2.id}/file`);
        expect(screen.getByText('Slogan B, final', {selector: '.tl-section > blockquote'})).toBeInTheDocument();

        const table = screen.getByRole('table', {name: 'Receipts for version 2'});
        expect(within(table).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Channel', 'Confirmed by', 'When']);
        expect(receiptRow('Samara region')).toHaveTextContent('Anna Petrova');
        expect(within(receiptRow('Samara region')).queryByRole('button')).toBeNull(); // not a member there
        expect(receiptRow('Kazan region')).toHaveTextContent('Pending');

        const history = screen.getByRole('list', {name: 'Version history'});
        expect(within(history).getAllByRole('listitem').map((li) => li.getAttribute('aria-label'))).toEqual(['Version 3', 'Version 2', 'Version 1']);
        expect(version(3)).toHaveTextContent('Proposed');
        expect(version(3)).toHaveTextContent('outdoor-v3.png');
        expect(version(3)).toHaveTextContent('14 B');
        expect(version(3)).toHaveTextContent(/Added by Anna Petrova, \d/);
        expect(version(2)).toHaveTextContent('Approved');
        expect(version(2)).toHaveTextContent(/Approved by Maria Ivanova, \d/);
        expect(version(1)).toHaveTextContent('Superseded');
        expect(within(version(2)).queryByRole('button', {name: 'Approve version 2'})).toBeNull();
        expect(within(version(1)).getByRole('button', {name: 'Approve version 1'})).toBeInTheDocument();
        expect(within(version(1)).queryByRole('button', {name: 'Reject version 1'})).toBeNull();
    });

    test('channels the host store lacks are asked of Mattermost by id; unreadable ones stay unnamed', async () => {
        const backend = new FakeBackend();
        const secret = mmId('secretchan');
        const project = backend.addProject('Spring campaign', [CHANNEL, OTHER_CHANNEL, REMOTE_CHANNEL, secret]);
        const asset = backend.assets.add(project.id, 'Poster', [CHANNEL, REMOTE_CHANNEL, secret]);
        backend.assets.addVersion(asset.id, {file_name: 'poster.png', state: 'approved'});
        const {user} = await openAssets(backend);
        await user.click(await screen.findByRole('button', {name: 'Poster'}));
        expect(await screen.findByRole('rowheader', {name: 'Novosibirsk region'})).toBeInTheDocument();
        expect(backend.http.find('GET', /\/api\/v4\/channels\//).map((r) => r.path).sort()).toEqual([`/api/v4/channels/${REMOTE_CHANNEL}`, `/api/v4/channels/${secret}`].sort());
        expect(receiptRow('Novosibirsk region')).toHaveTextContent('Pending');
        expect(receiptRow('Unknown channel')).toHaveTextContent('Pending');
    });

    test('confirm receipt for a channel the user is in', async () => {
        const {backend, user, outdoor} = await openOutdoor();
        await user.click(screen.getByRole('button', {name: 'Confirm receipt for Kazan region'}));
        await waitFor(() => expect(receiptRow('Kazan region')).toHaveTextContent('Maria Ivanova'));
        expect(backend.http.find('POST', /\/receipts\//)[0].path).toBe(`${API}/assets/${outdoor.id}/receipts/${CHANNEL}`);
        expect(screen.queryByRole('button', {name: /Confirm receipt/})).toBeNull();
    });

    test('approve with a comment: the new version is approved, the old superseded, receipts start again', async () => {
        const {backend, user, outdoor, v3} = await openOutdoor();
        await user.click(screen.getByRole('button', {name: 'Approve version 3'}));
        const dialog = screen.getByRole('dialog', {name: 'Approve version 3'});
        expect(within(dialog).getByLabelText('Comment (optional)')).toHaveFocus();
        await user.type(within(dialog).getByLabelText('Comment (optional)'), 'Brighter red, as agreed');
        await user.click(within(dialog).getByRole('button', {name: 'Approve'}));
        await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
        expect(backend.http.find('POST', /\/approve$/)[0]).toMatchObject({path: `${API}/assets/${outdoor.id}/versions/${v3.id}/approve`, body: {comment: 'Brighter red, as agreed'}});
        expect(screen.queryByRole('dialog')).toBeNull();
        expect(version(3)).toHaveTextContent('Approved');
        expect(version(2)).toHaveTextContent('Superseded');
        expect(screen.getByRole('table', {name: 'Receipts for version 3'})).toBeInTheDocument();
        expect(receiptRow('Samara region')).toHaveTextContent('Pending');
    });

    test('a code this build does not know: the service\'s own text', async () => {
        const {backend, user} = await openOutdoor();
        backend.http.failNext('POST', /\/reject$/, {status: 409, data: {error: {code: 'asset_archived', message: 'This asset was archived'}}});
        await user.click(screen.getByRole('button', {name: 'Reject version 3'}));
        const dialog = screen.getByRole('dialog', {name: 'Reject version 3'});
        await user.click(within(dialog).getByRole('button', {name: 'Reject'}));
        expect(await within(dialog).findByRole('alert')).toHaveTextContent('This asset was archived');
    });

    test('reject without a comment; a refusal from the service is shown in the dialog', async () => {
        const {backend, user, v3} = await openOutdoor();
        backend.http.failNext('POST', /\/reject$/, {status: 403, data: {error: {code: 'forbidden', message: 'Guests cannot approve or reject versions'}}});
        await user.click(screen.getByRole('button', {name: 'Reject version 3'}));
        const dialog = screen.getByRole('dialog', {name: 'Reject version 3'});
        await user.click(within(dialog).getByRole('button', {name: 'Reject'}));
        expect(await within(dialog).findByRole('alert')).toHaveTextContent('You may not do this here.');

        await user.click(within(dialog).getByRole('button', {name: 'Reject'}));
        await waitFor(() => expect(version(3)).toHaveTextContent('Rejected'));
        expect(screen.queryByRole('dialog')).toBeNull();
        expect(backend.http.find('POST', /\/reject$/).pop()!.body).toEqual({});
        expect(backend.assets.items[0].versions.find((v) => v.id === v3.id)!.state).toBe('rejected');
        expect(version(3)).toHaveTextContent('Rejected');
        expect(within(version(3)).getByRole('button', {name: 'Approve version 3'})).toBeInTheDocument();
    });

    test('compare two image versions side by side', async () => {
        const {user} = await openOutdoor();
        expect(screen.queryByRole('region', {name: 'Comparison'})).toBeNull();
        await user.click(screen.getByRole('checkbox', {name: 'Compare version 3'}));
        expect(screen.getByText('Pick one more image version to compare.')).toBeInTheDocument();
        await user.click(screen.getByRole('checkbox', {name: 'Compare version 1'}));
        const region = screen.getByRole('region', {name: 'Comparison'});
        expect(within(region).getAllByRole('img').map((i) => i.getAttribute('alt'))).toEqual(['Version 1: outdoor-v1.png', 'Version 3: outdoor-v3.png']);

        await user.click(screen.getByRole('checkbox', {name: 'Compare version 2'}));
        expect(screen.getByRole('checkbox', {name: 'Compare version 3'})).not.toBeChecked();
        expect(within(screen.getByRole('region', {name: 'Comparison'})).getAllByRole('img').map((i) => i.getAttribute('alt'))).toEqual(['Version 1: outdoor-v1.png', 'Version 2: outdoor-v2.png']);
        await user.click(screen.getByRole('button', {name: 'Close comparison'}));
        expect(screen.queryByRole('region', {name: 'Comparison'})).toBeNull();
        expect(screen.getByRole('checkbox', {name: 'Compare version 1'})).not.toBeChecked();
    });

    test('upload with progress; the new version joins the history', async () => {
        const {backend, user, outdoor} = await openOutdoor();
        const release = backend.http.hold('POST', /\/versions$/);
        await user.upload(screen.getByLabelText('Upload a new version'), new File(['brand new bytes'], 'outdoor-v4.png', {type: 'image/png'}));
        const bar = screen.getByRole('progressbar', {name: 'Uploading outdoor-v4.png'});
        expect(bar).toHaveAttribute('aria-valuenow', '47');
        expect(screen.getByLabelText('Upload a new version')).toBeDisabled();
        release();
        await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Version 4 added: outdoor-v4.png'));
        const [req] = backend.http.find('POST', /\/versions$/);
        expect(req.path).toBe(`${API}/assets/${outdoor.id}/versions`);
        expect((req.body as FormData).get('file')).toMatchObject({name: 'outdoor-v4.png'});
        expect(req.headers['x-csrf-token']).toBeTruthy();
        expect(screen.queryByRole('progressbar')).toBeNull();
        expect(await screen.findByRole('listitem', {name: 'Version 4'})).toHaveTextContent('Proposed');
    });

    test('cancel an upload in flight: nothing stored', async () => {
        const {backend, user} = await openOutdoor();
        backend.http.hold('POST', /\/versions$/);
        await user.upload(screen.getByLabelText('Upload a new version'), new File(['never'], 'big.png', {type: 'image/png'}));
        await user.click(screen.getByRole('button', {name: 'Cancel upload'}));
        await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Upload cancelled; nothing was stored.'));
        expect(backend.assets.items[0].versions).toHaveLength(3);
        expect(screen.queryByRole('listitem', {name: 'Version 4'})).toBeNull();
    });

    test('the same bytes again: "already version N"', async () => {
        const {user} = await openOutdoor();
        await user.upload(screen.getByLabelText('Upload a new version'), new File(['outdoor-v2.png'], 'copy.png', {type: 'image/png'}));
        expect(await screen.findByRole('alert')).toHaveTextContent('These exact bytes are already version 2.');
    });

    test('create an asset shared with the user\'s channels of the project', async () => {
        const {backend, project} = seedAssets();
        const {user} = await openAssets(backend);
        await user.click(await screen.findByRole('button', {name: 'New asset'}));
        const dialog = screen.getByRole('dialog', {name: 'New asset'});
        const group = within(dialog).getByRole('group', {name: 'Share with channels'});
        expect(within(group).getAllByRole('checkbox').map((c) => c.parentElement!.textContent)).toEqual(['Kazan region']);
        expect(within(group).getByRole('checkbox', {name: 'Kazan region'})).toBeChecked();

        await user.click(within(dialog).getByRole('button', {name: 'Create asset'}));
        expect(within(dialog).getByText('Give the asset a name.')).toBeInTheDocument();
        expect(backend.http.find('POST', /\/assets$/)).toHaveLength(0);

        await user.type(within(dialog).getByLabelText('Name'), 'Billboard 3×6');
        await user.click(within(dialog).getByRole('button', {name: 'Create asset'}));
        expect(await screen.findByRole('heading', {name: 'Billboard 3×6'})).toBeInTheDocument();
        expect(backend.http.find('POST', /\/assets$/)[0].body).toEqual({project_id: project.id, name: 'Billboard 3×6', channel_ids: [CHANNEL]});
        expect(screen.queryByRole('dialog')).toBeNull();
        expect(screen.getByRole('heading', {name: 'Billboard 3×6'})).toBeInTheDocument();
        expect(screen.getByText('No versions yet. Upload the first one, or add a file from a message.')).toBeInTheDocument();
        await user.click(screen.getByRole('button', {name: 'Back to assets'}));
        expect(within(screen.getByRole('list', {name: 'Assets'})).getByRole('button', {name: 'Billboard 3×6'})).toBeInTheDocument();
    });

    test('guests get no create, approve or reject controls, but can confirm receipt and upload', async () => {
        const seeded = seedAssets();
        seeded.backend.assets.guest = true;
        const {user} = await openAssets(seeded.backend);
        expect(screen.queryByRole('button', {name: 'New asset'})).toBeNull();
        await user.click(await screen.findByRole('button', {name: 'All assets and their history'}));
        await user.click(await screen.findByRole('button', {name: 'Outdoor 6×3, slogan B'}));
        expect(await screen.findByRole('button', {name: 'Confirm receipt for Kazan region'})).toBeInTheDocument();
        expect(screen.queryByRole('button', {name: /^(Approve|Reject) version/})).toBeNull();
        expect(screen.getByLabelText('Upload a new version')).toBeEnabled();
    });

    test('a receipt confirmed elsewhere shows up live', async () => {
        const {backend, project, outdoor, v2} = await openOutdoor();
        act(() => FakeEventSource.latest().open(1));
        backend.assets.confirmAs(outdoor.id, CHANNEL, ANNA);
        act(() => FakeEventSource.latest().send('asset.receipt_confirmed', {asset_id: outdoor.id, project_id: project.id, version_id: v2.id}, 2));
        await waitFor(() => expect(receiptRow('Kazan region')).toHaveTextContent('Anna Petrova'));
    });
});
