import {act, screen, waitFor, within} from '@testing-library/react';
import type {Task} from '@throughline/contract';

import {taskSelected} from '../src/actions';
import {pluginState} from '../src/selectors';

import {FakeBackend} from './fake_backend';
import {FakeEventSource} from './fake_event_source';
import {ANNA, BORIS, CHANNEL, HQ_CHANNEL, ME, OTHER_CHANNEL, REMOTE_CHANNEL} from './fixtures';
import {boot} from './harness';

const PAST = '2020-01-01T12:00:00.000Z';
const REGIONS = [CHANNEL, OTHER_CHANNEL, REMOTE_CHANNEL]; // Kazan, Samara, Novosibirsk
const ASSET = 'Billboard 6×3';

// A campaign run from HQ: three regions, two with a lead, and a billboard whose version 2 is approved.
function seed({asGuest = false} = {}) {
    const backend = new FakeBackend();
    backend.members[HQ_CHANNEL] = [ME, ANNA];
    backend.members[OTHER_CHANNEL] = [ME, ANNA, BORIS];
    backend.members[REMOTE_CHANNEL] = [ME];
    const project = backend.addProject('Spring campaign', [HQ_CHANNEL, ...REGIONS]);
    project.leads = [{channel_id: CHANNEL, user_id: ANNA}, {channel_id: OTHER_CHANNEL, user_id: BORIS}];
    const asset = backend.assets.add(project.id, ASSET, [HQ_CHANNEL, ...REGIONS]);
    backend.assets.addVersion(asset.id, {file_name: 'billboard-v1.png', state: 'approved'});
    const v2 = backend.assets.addVersion(asset.id, {file_name: 'billboard-v2.png', state: 'approved'});
    const parent = backend.addTask({title: 'Check the placement', description: 'Photos by Friday', channel_id: HQ_CHANNEL, project_id: project.id, due_at: PAST});
    backend.assets.guest = asGuest;
    return {backend, project, asset, v2, parent};
}

// The sidebar with one task open, the user a member of the channels the backend says.
async function openTask(backend: FakeBackend, task: Task, opts: {locale?: string} = {}) {
    const env = boot({backend, locale: opts.locale});
    for (const channelId of [HQ_CHANNEL, OTHER_CHANNEL, REMOTE_CHANNEL].filter((c) => backend.members[c]?.includes(ME))) {
        env.store.dispatch({type: 'RECEIVED_MY_CHANNEL_MEMBER', data: {channel_id: channelId, user_id: ME, roles: 'channel_user'}});
    }
    env.renderSidebar();
    act(() => {
        env.store.dispatch(taskSelected(task.id));
    });
    await screen.findByRole('heading', {name: task.title});
    return env;
}

const matrix = () => screen.findByRole('table', {name: 'Rollout by channel'});
const row = (table: HTMLElement, name: RegExp) => within(table).getByRole('row', {name});

describe('rollouts', () => {
    test('the dialog offers the project\'s other channels with the lead each task goes to, and sends the chosen ones and the asset', async () => {
        const {backend, asset, parent} = seed();
        const {user} = await openTask(backend, parent);
        await user.click(await screen.findByRole('button', {name: 'Roll out to regions…'}));
        const dialog = await screen.findByRole('dialog', {name: 'Roll out “Check the placement”'});

        await waitFor(() => expect(within(dialog).getAllByRole('checkbox')).toHaveLength(3));
        await waitFor(() => expect(within(dialog).getByRole('checkbox', {name: /Kazan region/}).closest('label')).toHaveTextContent('Kazan region→ Anna Petrova'));
        expect(within(dialog).getByRole('checkbox', {name: /Samara region/}).closest('label')).toHaveTextContent('Samara region→ boris');
        await waitFor(() => expect(within(dialog).getByRole('checkbox', {name: /Novosibirsk region/}).closest('label')).toHaveTextContent('no lead: unassigned'));
        expect(within(dialog).queryByRole('checkbox', {name: /Campaign HQ/})).toBeNull();

        // Nothing picked: said, and nothing sent.
        await user.click(within(dialog).getByRole('button', {name: 'Roll out to 0 channels'}));
        expect(within(dialog).getByText('Pick at least one channel.')).toBeInTheDocument();
        expect(backend.http.find('POST', /\/rollouts$/)).toHaveLength(0);

        await user.click(within(dialog).getByRole('checkbox', {name: /Kazan region/}));
        await user.click(within(dialog).getByRole('checkbox', {name: /Novosibirsk region/}));
        await waitFor(() => expect(within(dialog).getByLabelText(/Asset each channel must confirm first/)).toHaveTextContent(`${ASSET} — version 2 approved`));
        await user.selectOptions(within(dialog).getByLabelText(/Asset each channel must confirm first/), asset.id);
        await user.click(within(dialog).getByRole('button', {name: 'Roll out to 2 channels'}));
        await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

        expect(backend.http.find('POST', /\/rollouts$/).map((r) => r.body)).toEqual([{task_id: parent.id, channel_ids: [CHANNEL, REMOTE_CHANNEL], asset_id: asset.id}]);

        // The task's detail is now its matrix: one row per channel, assigned to its lead.
        const table = await matrix();
        expect(row(table, /Kazan region.*To do.*Anna Petrova.*Not confirmed/)).toBeInTheDocument();
        await waitFor(() => expect(row(table, /Novosibirsk region.*To do.*Unassigned/)).toBeInTheDocument());
        expect(screen.getByText('0 of 2 done')).toBeInTheDocument();
        expect(screen.queryByRole('button', {name: 'Roll out to regions…'})).toBeNull();
    });

    test('the matrix counts, highlights what is overdue, shows receipts, opens a channel\'s task, and follows its tasks live', async () => {
        const {backend, asset, parent} = seed();
        const [kazan, samara, novosibirsk] = backend.rollouts.start({task_id: parent.id, channel_ids: REGIONS, asset_id: asset.id});
        backend.touch(kazan.id, {status: 'done'});
        backend.touch(novosibirsk.id, {due_at: null});
        backend.assets.confirmAs(asset.id, CHANNEL, ANNA);
        const {user, store} = await openTask(backend, backend.tasks.find((t) => t.id === parent.id)!);
        act(() => FakeEventSource.latest().open());

        const table = await matrix();
        expect(screen.getByText('1 of 3 done')).toBeInTheDocument();
        expect(screen.getByText('1 overdue')).toBeInTheDocument();
        expect(screen.getByText(`1 of 3 have version 2 of ${ASSET}`)).toBeInTheDocument();
        await waitFor(() => expect(row(table, /Kazan region.*Done.*Anna Petrova.*Version 2, Anna Petrova/)).toBeInTheDocument());
        const late = row(table, /Samara region.*To do.*overdue.*Not confirmed/);
        expect(late).toHaveClass('tl-overdue');
        expect(row(table, /Novosibirsk region/)).not.toHaveClass('tl-overdue');
        expect(screen.getByRole('button', {name: 'Add channels'})).toBeInTheDocument();

        // Samara's task changes in another browser: the matrix asks again.
        const asked = backend.http.find('GET', /\/rollouts\//).length;
        const moved = backend.touch(samara.id, {status: 'in_progress'});
        act(() => FakeEventSource.latest().send('task.updated', {task: {...moved}, fields: ['status']}, 7));
        await waitFor(() => expect(row(table, /Samara region.*In progress/)).toBeInTheDocument());
        expect(backend.http.find('GET', /\/rollouts\//).length).toBe(asked + 1);

        // A row opens that channel's task, which leads back to the matrix.
        await user.click(within(row(table, /Samara region/)).getByRole('button', {name: 'Samara region'}));
        expect(pluginState(store.getState()).selectedTaskId).toBe(samara.id);
        await user.click(await screen.findByRole('button', {name: 'Part of rollout: Check the placement'}));
        expect(pluginState(store.getState()).selectedTaskId).toBe(parent.id);
        expect(await matrix()).toBeInTheDocument();
    });

    test('done is refused until the channel confirms the approved version; "Confirm receipt" confirms it and sets done', async () => {
        const {backend, asset, parent} = seed();
        const [kazan] = backend.rollouts.start({task_id: parent.id, channel_ids: [CHANNEL], asset_id: asset.id});
        const {user} = await openTask(backend, kazan);
        await screen.findByText('Part of rollout: Check the placement');
        expect(screen.queryByRole('button', {name: 'Roll out to regions…'})).toBeNull();

        await user.selectOptions(screen.getByRole('combobox', {name: 'Status of “Check the placement”'}), 'done');
        const alert = (await screen.findByText(`Confirm receipt of version 2 of ${ASSET} first.`)).closest<HTMLElement>('[role="alert"]')!;
        expect(within(alert).getByRole('link', {name: 'Open billboard-v2.png'})).toHaveAttribute('href', expect.stringContaining(`/assets/${asset.id}/versions/`));
        expect(backend.tasks.find((t) => t.id === kazan.id)!.status).toBe('todo');

        // The confirmation fails once: said in the user's words, the button stays.
        backend.http.failNext('POST', /\/receipts\//, 'network');
        await user.click(within(alert).getByRole('button', {name: 'Confirm receipt'}));
        expect(await within(alert).findByText(/Could not reach Throughline/)).toBeInTheDocument();

        await user.click(within(alert).getByRole('button', {name: 'Confirm receipt'}));
        await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
        expect(backend.http.find('POST', /\/receipts\//).map((r) => r.path).pop()).toBe(`/throughline-api/api/v1/assets/${asset.id}/receipts/${CHANNEL}`);
        expect(backend.http.find('PATCH', /\/tasks\//).map((r) => r.body)).toEqual([{status: 'done', version: 1}, {status: 'done', version: 1}]);
        expect(backend.tasks.find((t) => t.id === kazan.id)!.status).toBe('done');
        expect(screen.getByRole('combobox', {name: 'Status of “Check the placement”'})).toHaveValue('done');
    });

    test('no approved version: the refusal says so and offers nothing to confirm', async () => {
        const {backend, project, parent} = seed();
        const draft = backend.assets.add(project.id, 'Flyer A4', REGIONS);
        backend.assets.addVersion(draft.id, {file_name: 'flyer-v1.pdf'});
        const [kazan] = backend.rollouts.start({task_id: parent.id, channel_ids: [CHANNEL], asset_id: draft.id});
        const {user} = await openTask(backend, kazan);
        await user.selectOptions(screen.getByRole('combobox', {name: 'Status of “Check the placement”'}), 'done');
        const alert = (await screen.findByText(/No version of Flyer A4 is approved yet/)).closest<HTMLElement>('[role="alert"]')!;
        expect(within(alert).queryByRole('button', {name: 'Confirm receipt'})).toBeNull();
    });

    test('a guest, outside the channel of the task rolled out, sees only that theirs is part of a rollout', async () => {
        const {backend, asset, parent} = seed();
        const [kazan] = backend.rollouts.start({task_id: parent.id, channel_ids: REGIONS, asset_id: asset.id});
        backend.members[HQ_CHANNEL] = [ANNA];
        backend.members[OTHER_CHANNEL] = [ANNA, BORIS];
        backend.members[REMOTE_CHANNEL] = [ANNA];

        // The task rolled out lives in HQ, which the guest is not in: the service does not let on it exists.
        backend.assets.guest = true;
        await openTask(backend, kazan);
        await waitFor(() => expect(backend.http.find('GET', new RegExp(`/tasks/${parent.id}$`))).toHaveLength(1));
        expect(await screen.findByText('Part of a rollout')).toBeInTheDocument();
        expect(screen.queryByRole('button', {name: /Part of rollout/})).toBeNull();
        expect(screen.queryByRole('table')).toBeNull();
    });

    test('a member of HQ and one region sees the matrix with that region\'s row only', async () => {
        const {backend, asset, parent} = seed();
        backend.rollouts.start({task_id: parent.id, channel_ids: REGIONS, asset_id: asset.id});
        backend.members[OTHER_CHANNEL] = [ANNA, BORIS];
        backend.members[REMOTE_CHANNEL] = [ANNA];
        await openTask(backend, backend.tasks.find((t) => t.id === parent.id)!);
        const table = await matrix();
        expect(within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('button')[0].textContent)).toEqual(['Kazan region']);
        expect(screen.getByText('0 of 1 done')).toBeInTheDocument();
    });

    test('in Russian: the matrix and the refusal', async () => {
        const {backend, asset, parent} = seed();
        const [kazan] = backend.rollouts.start({task_id: parent.id, channel_ids: [CHANNEL, OTHER_CHANNEL], asset_id: asset.id});
        const {user} = await openTask(backend, backend.tasks.find((t) => t.id === parent.id)!, {locale: 'ru'});
        const table = await screen.findByRole('table', {name: 'Рассылка по каналам'});
        expect(screen.getByText('Готово: 0 из 2')).toBeInTheDocument();
        expect(row(table, /Kazan region.*К выполнению.*Anna Petrova.*Не подтверждено/)).toBeInTheDocument();
        await user.click(within(row(table, /Kazan region/)).getByRole('button', {name: 'Kazan region'}));
        await screen.findByRole('button', {name: 'Часть рассылки: Check the placement'});
        await user.selectOptions(screen.getByRole('combobox', {name: 'Статус задачи «Check the placement»'}), 'done');
        expect(await screen.findByText(`Сначала подтвердите получение версии 2 материала «${ASSET}».`)).toBeInTheDocument();
        await user.click(screen.getByRole('button', {name: 'Подтвердить получение'}));
        await waitFor(() => expect(backend.tasks.find((t) => t.id === kazan.id)!.status).toBe('done'));
    });

    test('the project header links to the campaign record export for those who may export it, in the reader\'s language', async () => {
        const {backend, project} = seed();
        const env = boot({backend, currentChannelId: CHANNEL, locale: 'ru'});
        env.renderSidebar();
        const group = await screen.findByRole('group', {name: 'Выгрузить журнал кампании'});
        const base = `/throughline-api/api/v1/projects/${project.id}/export`;
        expect(within(group).getByRole('link', {name: 'JSON'})).toHaveAttribute('href', `${base}?format=json&locale=ru`);
        expect(within(group).getByRole('link', {name: 'Страница для печати'})).toHaveAttribute('href', `${base}?format=html&locale=ru`);
    });

    test('no export link for a guest, who may not export', async () => {
        const {backend} = seed({asGuest: true});
        const env = boot({backend, currentChannelId: CHANNEL});
        env.renderSidebar();
        await screen.findByDisplayValue('Spring campaign');
        expect(screen.queryByRole('group', {name: 'Export campaign record'})).toBeNull();
    });

    test('channel leads: the project header lists them and names one, among the channel\'s members', async () => {
        const {backend, project} = seed();
        const env = boot({backend, currentChannelId: CHANNEL});
        env.renderSidebar();
        await env.user.click(await screen.findByRole('button', {name: 'Leads'}));
        const dialog = await screen.findByRole('dialog', {name: 'Channel leads'});
        const list = within(dialog).getByRole('table', {name: 'Leads by channel'});
        await waitFor(() => expect(within(list).getByRole('row', {name: /Samara region.*boris/})).toBeInTheDocument());
        expect(within(list).getByRole('row', {name: /Novosibirsk region.*No lead/})).toBeInTheDocument();

        // The user is a member of Kazan only: that is the channel they may name a lead for.
        expect(within(dialog).getByLabelText('Channel')).toHaveDisplayValue('Kazan region');
        await waitFor(() => expect(within(dialog).getByLabelText('Lead')).toHaveTextContent('boris (@boris)'));
        expect(within(dialog).getByLabelText('Lead')).toHaveValue(ANNA);
        await env.user.selectOptions(within(dialog).getByLabelText('Lead'), BORIS);
        await env.user.click(within(dialog).getByRole('button', {name: 'Save lead'}));
        expect(await within(dialog).findByText('Saved.')).toBeInTheDocument();
        expect(backend.http.find('PUT', /\/lead$/).map((r) => [r.path, r.body])).toEqual([[`/throughline-api/api/v1/projects/${project.id}/channels/${CHANNEL}/lead`, {user_id: BORIS}]]);
        await waitFor(() => expect(within(list).getByRole('row', {name: /Kazan region.*boris/})).toBeInTheDocument());
    });

    test('channels are added to a running rollout: only those not in it yet are offered', async () => {
        const {backend, asset, parent} = seed();
        backend.rollouts.start({task_id: parent.id, channel_ids: [CHANNEL], asset_id: asset.id});
        const {user} = await openTask(backend, backend.tasks.find((t) => t.id === parent.id)!);
        const table = await matrix();
        await user.click(screen.getByRole('button', {name: 'Add channels'}));
        const dialog = await screen.findByRole('dialog', {name: 'Add channels to the rollout'});
        await waitFor(() => expect(within(dialog).getAllByRole('checkbox').map((c) => c.closest('label')!.textContent)).toEqual([
            'Samara region→ boris', 'Novosibirsk region→ no lead: unassigned',
        ]));
        expect(within(dialog).queryByLabelText(/Asset each channel/)).toBeNull();
        await user.click(within(dialog).getByRole('button', {name: 'Select all'}));
        await user.click(within(dialog).getByRole('button', {name: 'Add 2 channels'}));
        await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
        expect(backend.http.find('POST', /\/rollouts\/[^/]+\/channels$/).map((r) => r.body)).toEqual([{channel_ids: [OTHER_CHANNEL, REMOTE_CHANNEL]}]);
        await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
        expect(screen.getByText('0 of 3 done')).toBeInTheDocument();
    });
});
