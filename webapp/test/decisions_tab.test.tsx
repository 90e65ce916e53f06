import {act, screen, waitFor, within} from '@testing-library/react';

import {LIMITS} from '../../contract/dist/limits.js';
import {decisionOpened} from '../src/actions';
import {DECISION_LIMITS} from '../src/features/decisions/limits';
import {pluginState} from '../src/selectors';

import {openDecisions, seedDecisions, seedLog} from './decision_fixtures';
import {type FakeBackend} from './fake_backend';
import {FakeEventSource} from './fake_event_source';
import {ANNA, CHANNEL, ME, OTHER_CHANNEL} from './fixtures';

const log = () => screen.findByRole('list', {name: 'Decisions'});
const rows = (list: HTMLElement) => within(list).getAllByRole('listitem').map((li) => within(li).getByRole('button').textContent);
const lastQuery = (backend: FakeBackend) => backend.http.find('GET', /\/decisions$/).slice(-1)[0].query;

describe('decisions tab', () => {
    test('the project\'s decisions, newest first, each with its status', async () => {
        const {backend, project} = seedLog();
        await openDecisions(backend);
        const list = await log();
        expect(rows(list)).toEqual(['Print flyers in Samara only', 'Slogan B is final', 'Kazan keeps the old price until the 15th']);
        expect(within(list).getAllByRole('listitem')[1]).toHaveTextContent(/Decided.*Decided/);
        expect(within(list).getAllByRole('listitem')[2]).toHaveTextContent(/Proposed.*Recorded/);
        expect(lastQuery(backend)).toEqual({project_id: project.id, limit: '25'});
    });

    test('loading, then empty', async () => {
        const {backend} = seedDecisions();
        const release = backend.http.hold('GET', /\/decisions$/);
        await openDecisions(backend);
        expect(await screen.findByText('Loading decisions…')).toBeInTheDocument();
        release();
        expect(await screen.findByText(/No decisions in this project yet/)).toBeInTheDocument();
    });

    test('a failed load offers a retry', async () => {
        const {backend, add} = seedDecisions();
        backend.http.failNext('GET', /\/decisions$/, 'network');
        const {user} = await openDecisions(backend);
        const alert = (await screen.findByText(/Could not reach Throughline/)).closest<HTMLElement>('[role="alert"]')!;
        add('Slogan B is final');
        await user.click(within(alert).getByRole('button', {name: 'Retry'}));
        expect(rows(await log())).toEqual(['Slogan B is final']);
    });

    test('filters by status, channel, person and text go to the service; none matching offers to clear them', async () => {
        const {backend, project} = seedLog();
        const {user} = await openDecisions(backend);
        await log();

        await user.selectOptions(screen.getByLabelText('Status'), 'decided');
        await waitFor(() => expect(rows(screen.getByRole('list', {name: 'Decisions'}))).toEqual(['Slogan B is final']));
        expect(lastQuery(backend)).toEqual({project_id: project.id, limit: '25', status: 'decided'});

        await user.selectOptions(screen.getByLabelText('Status'), '');
        await user.selectOptions(screen.getByLabelText('Channel'), 'Samara region');
        await waitFor(() => expect(lastQuery(backend)).toEqual({project_id: project.id, limit: '25', channel_id: OTHER_CHANNEL}));

        await user.selectOptions(screen.getByLabelText('Channel'), '');
        await waitFor(() => expect(screen.getByLabelText('Person')).toHaveTextContent('Anna Petrova'));
        await user.selectOptions(screen.getByLabelText('Person'), ANNA);
        await waitFor(() => expect(rows(screen.getByRole('list', {name: 'Decisions'}))).toEqual(['Slogan B is final']));
        expect(lastQuery(backend).person_id).toBe(ANNA);

        await user.selectOptions(screen.getByLabelText('Person'), '');
        await user.type(screen.getByLabelText('Search'), 'nothing like this');
        expect(await screen.findByText('No decision matches these filters.')).toBeInTheDocument();
        expect(lastQuery(backend).q).toBe('nothing like this');
        await user.click(screen.getByRole('button', {name: 'Clear filters'}));
        await waitFor(() => expect(rows(screen.getByRole('list', {name: 'Decisions'}))).toHaveLength(3));
        expect(screen.getByLabelText('Search')).toHaveValue('');
    });

    test('older decisions page in by the cursor', async () => {
        const {backend, add} = seedDecisions();
        for (let i = 1; i <= 30; i++) {
            add(`Decision number ${i}`);
        }
        const {user} = await openDecisions(backend);
        const list = await log();
        expect(rows(list)).toHaveLength(25);
        expect(rows(list)[0]).toBe('Decision number 30');
        await user.click(screen.getByRole('button', {name: 'Show older decisions'}));
        await waitFor(() => expect(rows(screen.getByRole('list', {name: 'Decisions'}))).toHaveLength(30));
        expect(rows(screen.getByRole('list', {name: 'Decisions'}))[29]).toBe('Decision number 1');
        expect(backend.http.find('GET', /\/decisions$/).map((r) => r.query.cursor)).toContain('25');
        expect(screen.queryByRole('button', {name: 'Show older decisions'})).toBeNull();
    });

    test('a decision event of the project refreshes the log', async () => {
        const {backend, project, add} = seedLog();
        await openDecisions(backend);
        expect(rows(await log())).toHaveLength(3);
        act(() => FakeEventSource.latest().open(1));
        const made = add('A fresh decision from another browser');
        act(() => FakeEventSource.latest().send('decision.recorded', {decision_id: made.id, project_id: project.id}, 2));
        await waitFor(() => expect(rows(screen.getByRole('list', {name: 'Decisions'}))[0]).toBe('A fresh decision from another browser'));
    });

    test('in Russian', async () => {
        const {backend} = seedDecisions();
        await openDecisions(backend, 'ru');
        expect(await screen.findByText(/В этом проекте ещё нет решений/)).toBeInTheDocument();
        expect(screen.getByRole('tab', {name: 'Решения'})).toHaveAttribute('aria-selected', 'true');
        expect(screen.getByLabelText('Статус')).toHaveTextContent('Предложено');
    });

    test('the limits the views apply are the contract\'s', () => {
        expect(DECISION_LIMITS).toEqual({statementMax: LIMITS.statementMax, rationaleMax: LIMITS.rationaleMax, quotesMax: LIMITS.quotesMax, commentMax: LIMITS.commentMax, titleMax: LIMITS.titleMax});
    });
});

describe('a decision in detail', () => {
    async function open(name: string, seeded = seedLog()) {
        const env = await openDecisions(seeded.backend);
        await env.user.click(within(await log()).getByRole('button', {name}));
        await screen.findByRole('heading', {name});
        return {...seeded, ...env};
    }

    const receiptRow = (channel: string) => screen.getByRole('rowheader', {name: channel}).closest('tr')!;

    test('provenance, rationale, quotes, receipts per channel and history', async () => {
        await open('Slogan B is final');
        await waitFor(() => expect(screen.queryByText('Unknown user')).toBeNull());
        expect(screen.getByText('Proposed by').nextElementSibling).toHaveTextContent('Anna Petrova');
        expect(screen.getByText('Recorded by').nextElementSibling).toHaveTextContent('Maria Ivanova');
        expect(screen.getByText('Approver').nextElementSibling).toHaveTextContent('Any member of the source channel (not a guest)');
        expect(screen.getByText('Decided by').nextElementSibling).toHaveTextContent('Maria Ivanova');
        expect(screen.getByText('Slogan B is final: it tested best with franchisees.')).toBeInTheDocument();
        expect(screen.getByText('It tested best with franchisees.')).toBeInTheDocument();
        expect(screen.getByText('Which slogan goes on the Kazan billboards?').closest('blockquote')).toHaveTextContent('boris');
        expect(receiptRow('Samara region')).toHaveTextContent('Confirmed by Anna Petrova');
        expect(receiptRow('Kazan region')).toHaveTextContent('Pending');
        expect(within(receiptRow('Samara region')).queryByRole('button')).toBeNull();
        expect(await screen.findByText(/Maria Ivanova recorded the proposal/)).toBeInTheDocument();
    });

    test('a long history comes a page at a time, newest first, with the older changes on request', async () => {
        const seeded = seedLog();
        const d = seeded.decided.id;
        const first = seeded.backend.decisions.history.find((e) => e.decision_id === d)!;
        for (let i = 1; i <= 55; i++) {
            seeded.backend.decisions.history.push({...first, id: `00000000-0000-4000-b000-${String(i).padStart(12, '0')}`, action: 'updated', field: 'rationale'});
        }
        const {user, backend} = await open('Slogan B is final', seeded);
        const history = () => document.querySelectorAll('.tl-history li').length;
        await waitFor(() => expect(history()).toBe(50));
        expect(backend.http.find('GET', /\/history$/)[0].query).toEqual({limit: '50'});
        await user.click(screen.getByRole('button', {name: 'Show older changes'}));
        await waitFor(() => expect(history()).toBeGreaterThan(50));
        expect(history()).toBe(seeded.backend.decisions.history.filter((e) => e.decision_id === d).length);
        expect(screen.queryByRole('button', {name: 'Show older changes'})).toBeNull();
        expect(backend.http.find('GET', /\/history$/).slice(-1)[0].query.cursor).toBe('00000000-0000-4000-b000-000000000006');
    });

    test('actions follow the decision\'s permissions: decide a proposal, then confirm Kazan\'s receipt', async () => {
        const {user, backend} = await open('Kazan keeps the old price until the 15th');
        expect(screen.getByRole('button', {name: 'Edit'})).toBeInTheDocument();
        expect(screen.getByRole('button', {name: 'Revoke'})).toBeInTheDocument();
        expect(screen.queryByRole('button', {name: 'Supersede'})).toBeNull();
        expect(screen.getByText('Receipts are asked for once the decision is decided.')).toBeInTheDocument();

        await user.click(screen.getByRole('button', {name: 'Decide'}));
        await waitFor(() => expect(screen.queryByRole('button', {name: 'Decide'})).toBeNull());
        expect(backend.http.find('POST', /\/decide$/)[0].body).toEqual({version: 1});
        expect(screen.getByRole('button', {name: 'Supersede'})).toBeInTheDocument();
        expect(within(receiptRow('Samara region')).queryByRole('button')).toBeNull();
        await user.click(screen.getByRole('button', {name: 'Confirm receipt for Kazan region'}));
        await waitFor(() => expect(receiptRow('Kazan region')).toHaveTextContent('Confirmed by Maria Ivanova'));
        expect(receiptRow('Samara region')).toHaveTextContent('Pending');
        expect(await screen.findByText(/Maria Ivanova confirmed receipt for Kazan region/)).toBeInTheDocument();
    });

    test('without permissions there are no actions, only what anyone may do (a follow-up task)', async () => {
        const seeded = seedLog();
        seeded.backend.decisions.permissionsFor = () => [];
        await open('Kazan keeps the old price until the 15th', seeded);
        for (const name of ['Decide', 'Edit', 'Revoke', 'Supersede']) {
            expect(screen.queryByRole('button', {name})).toBeNull();
        }
        expect(screen.getByRole('button', {name: 'Create follow-up task'})).toBeInTheDocument();
    });

    test('the source message of another channel is not shown', async () => {
        const seeded = seedDecisions();
        seeded.add('Kazan keeps the old price', {channel_ids: [CHANNEL], source_channel_id: OTHER_CHANNEL, source_text: 'Samara thread text', permalink: 'http://mm.test/x'});
        await open('Kazan keeps the old price', {...seeded, proposed: null, decided: null, revoked: null} as never);
        expect(screen.getByText('The message it came from is in a channel you are not a member of.')).toBeInTheDocument();
        expect(screen.queryByText('Samara thread text')).toBeNull();
        expect(screen.queryByRole('link', {name: 'Open the message'})).toBeNull();
    });

    test('revoking asks why', async () => {
        const {user, backend} = await open('Kazan keeps the old price until the 15th');
        await user.click(screen.getByRole('button', {name: 'Revoke'}));
        const form = screen.getByLabelText('Why is it revoked?').closest('form')!;
        await user.click(within(form).getByRole('button', {name: 'Revoke'}));
        expect(screen.getByText('Say why it is revoked.')).toBeInTheDocument();
        await user.type(screen.getByLabelText('Why is it revoked?'), 'The price changed');
        await user.click(within(form).getByRole('button', {name: 'Revoke'}));
        await waitFor(() => expect(screen.getByText('Reason').nextElementSibling).toHaveTextContent('The price changed'));
        expect(backend.http.find('POST', /\/revoke$/)[0].body).toEqual({version: 1, reason: 'The price changed'});
    });

    test('superseding opens the record dialog prefilled, and the new one replaces the old', async () => {
        const seeded = seedLog();
        const env = await open('Slogan B is final', seeded);
        env.renderRoot();
        await env.user.click(screen.getByRole('button', {name: 'Supersede'}));
        const d = within(await screen.findByRole('dialog', {name: 'Supersede with a new decision'}));
        expect(d.getByText('Replaces: “Slogan B is final”')).toBeInTheDocument();
        expect(d.getByLabelText('Statement')).toHaveValue('Slogan B is final');
        await env.user.type(d.getByLabelText('Statement'), ', in Samara too');
        await env.user.click(d.getByRole('button', {name: 'Record the new decision'}));
        await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
        const body = env.backend.http.find('POST', /\/decisions$/)[0].body;
        expect(body).toMatchObject({project_id: seeded.project.id, channel_id: CHANNEL, statement: 'Slogan B is final, in Samara too', supersedes_id: seeded.decided.id, channel_ids: [CHANNEL, OTHER_CHANNEL]});
        expect(await screen.findByRole('heading', {name: 'Slogan B is final, in Samara too'})).toBeInTheDocument();
        expect(screen.getByText('Replaces')).toBeInTheDocument();
    });

    test('a proposal is edited in the dialog, with its version; a decided one offers no edit', async () => {
        const seeded = seedLog();
        const env = await open('Kazan keeps the old price until the 15th', seeded);
        env.renderRoot();
        await env.user.click(screen.getByRole('button', {name: 'Edit'}));
        const d = within(await screen.findByRole('dialog', {name: 'Edit the proposal'}));
        expect(d.getByLabelText('Statement')).toHaveValue('Kazan keeps the old price until the 15th');
        expect(d.getByLabelText('Approver')).toHaveValue(ME);
        await env.user.type(d.getByLabelText('Statement'), ' of April');
        await env.user.click(d.getByRole('checkbox', {name: 'Samara region'}));
        await env.user.click(d.getByRole('button', {name: 'Save'}));
        await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
        expect(env.backend.http.find('PATCH', /\/decisions\//)[0].body).toMatchObject({
            version: 1, statement: 'Kazan keeps the old price until the 15th of April', approver_id: ME, channel_ids: [CHANNEL],
        });
        expect(await screen.findByRole('heading', {name: 'Kazan keeps the old price until the 15th of April'})).toBeInTheDocument();
        expect(await screen.findByText(/Maria Ivanova changed Statement/)).toBeInTheDocument();
        await env.user.click(screen.getByRole('button', {name: '← All decisions'}));
        await env.user.click(within(await log()).getByRole('button', {name: 'Slogan B is final'}));
        await screen.findByRole('heading', {name: 'Slogan B is final'});
        expect(screen.queryByRole('button', {name: 'Edit'})).toBeNull();
    });

    test('a follow-up task is made in one of the decision\'s channels and linked', async () => {
        const {user, backend, store} = await open('Slogan B is final');
        await user.click(screen.getByRole('button', {name: 'Create follow-up task'}));
        expect(screen.getByLabelText('Task title')).toHaveValue('Slogan B is final');
        await user.clear(screen.getByLabelText('Task title'));
        await user.type(screen.getByLabelText('Task title'), 'Reprint Kazan billboards');
        await user.click(screen.getByRole('button', {name: 'Create task'}));
        expect(await screen.findByText('Task created: Reprint Kazan billboards')).toBeInTheDocument();
        expect(backend.http.find('POST', /\/tasks$/)[0].body).toEqual({channel_id: CHANNEL, title: 'Reprint Kazan billboards'});
        expect(await screen.findByText('1 task')).toBeInTheDocument();
        await user.click(screen.getByRole('button', {name: 'Open task 1'}));
        expect(pluginState(store.getState()).selectedTaskId).toBe(backend.tasks[0].id);
    });

    test('back to the log', async () => {
        const {user, store} = await open('Slogan B is final');
        await user.click(screen.getByRole('button', {name: '← All decisions'}));
        expect(await log()).toBeInTheDocument();
        expect(pluginState(store.getState()).openDecisionId).toBeNull();
        act(() => store.dispatch(decisionOpened(null)));
    });
});
