import {act, screen, waitFor, within} from '@testing-library/react';

import {pluginState} from '../src/selectors';

import {seedDecisions} from './decision_fixtures';
import {ANNA, CHANNEL, OTHER_CHANNEL, POST, REPLY_A, THREAD_ROOT} from './fixtures';
import {boot, mountPostElement, rightClick} from './harness';

const RECORD = 2; // the post menu's third item

function setup() {
    const seeded = seedDecisions();
    const env = boot({backend: seeded.backend});
    env.renderRoot();
    return {...seeded, ...env};
}

const dialog = () => screen.findByRole('dialog', {name: 'Record as decision'});

describe('record as decision', () => {
    test('from a thread reply: prefilled from the post, quotes of the thread, non-guest approvers, the project\'s channels', async () => {
        const {backend, project, registry, store, user} = setup();
        act(() => registry.clickPostMenuItem(RECORD, REPLY_A));
        const d = within(await dialog());
        expect(d.getByLabelText('Statement')).toHaveValue('Slogan B is final: it tested best with franchisees.');

        // The thread's other messages, by author, to quote as arguments.
        const root = await d.findByRole('checkbox', {name: 'boris: Which slogan goes on the Kazan billboards?'});
        expect(d.getByRole('checkbox', {name: 'Maria Ivanova: Agreed, B reads well at 6×3.'})).not.toBeChecked();
        expect(d.queryByRole('checkbox', {name: /Slogan B is final/})).toBeNull();

        // Approvers: the channel's people who are not guests (and no bot).
        await waitFor(() => expect(d.getAllByRole('option').length).toBeGreaterThan(1));
        const approver = d.getByLabelText('Approver');
        expect(within(approver).getAllByRole('option').map((o) => o.textContent)).toEqual([
            'Any member of the channel (not a guest)', 'Anna Petrova (@anna)', 'boris (@boris)', 'Maria Ivanova (@me)',
        ]);
        expect(d.getByLabelText('Project')).toHaveValue(project.id);
        expect(d.getByRole('checkbox', {name: 'Kazan region'})).toBeChecked();
        expect(d.getByRole('checkbox', {name: 'Samara region'})).not.toBeChecked();

        await user.clear(d.getByLabelText('Statement'));
        await user.type(d.getByLabelText('Statement'), 'Slogan B is final');
        await user.type(d.getByLabelText('Rationale'), 'Best test scores');
        await user.click(root);
        await user.selectOptions(approver, ANNA);
        await user.click(d.getByRole('checkbox', {name: 'Samara region'}));
        await user.click(d.getByRole('button', {name: 'Record'}));

        await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
        const [sent] = backend.http.find('POST', /\/decisions$/);
        expect(sent.body).toEqual({
            project_id: project.id, post_id: REPLY_A, statement: 'Slogan B is final', rationale: 'Best test scores', approver_id: ANNA,
            channel_ids: [CHANNEL, OTHER_CHANNEL], quote_post_ids: [THREAD_ROOT], task_ids: [], asset_version_ids: [],
        });
        const made = backend.decisions.items[0];
        expect(made).toMatchObject({proposed_by: ANNA, approver_id: ANNA, quotes: [expect.objectContaining({post_id: THREAD_ROOT})]});
        expect(pluginState(store.getState()).openDecisionId).toBe(made.id);
    });

    test('Throughline\'s right-click menu offers it on a thread reply', async () => {
        const {user} = setup();
        const el = mountPostElement(REPLY_A, '<p>Slogan B is final</p>', 'rhs');
        rightClick(el.querySelector('p')!);
        await user.click(screen.getByRole('menuitem', {name: 'Record as decision'}));
        expect(await dialog()).toBeInTheDocument();
    });

    test('a statement is required and nothing is sent without one', async () => {
        const {backend, registry, user} = setup();
        act(() => registry.clickPostMenuItem(RECORD, REPLY_A));
        const d = within(await dialog());
        await user.clear(d.getByLabelText('Statement'));
        await user.click(d.getByRole('button', {name: 'Record'}));
        expect(d.getByText('Write what is decided.')).toBeInTheDocument();
        expect(d.getByLabelText('Statement')).toHaveAttribute('aria-invalid', 'true');
        await user.click(d.getByRole('checkbox', {name: 'Kazan region'}));
        await user.type(d.getByLabelText('Statement'), 'x');
        await user.click(d.getByRole('button', {name: 'Record'}));
        expect(d.getByText('Choose at least one channel it applies to.')).toBeInTheDocument();
        expect(backend.http.find('POST', /\/decisions$/)).toHaveLength(0);
    });

    test('the service\'s refusal is said in the user\'s words, and the dialog stays', async () => {
        const {backend, registry, user} = setup();
        act(() => registry.clickPostMenuItem(RECORD, REPLY_A));
        const d = within(await dialog());
        backend.http.failNext('POST', /\/decisions$/, {status: 422, data: {error: {code: 'approver_not_eligible', message: 'not eligible'}}});
        await user.click(d.getByRole('button', {name: 'Record'}));
        expect(await d.findByRole('alert')).toHaveTextContent('The approver must be a member of the channel the decision comes from, and not a guest.');
        expect(backend.decisions.items).toHaveLength(0);
    });

    test('the thread loads, and its failure offers a retry', async () => {
        const {backend, registry, user} = setup();
        backend.http.failNext('GET', /\/thread$/, 'network');
        act(() => registry.clickPostMenuItem(RECORD, REPLY_A));
        const d = within(await dialog());
        const alert = await d.findByRole('alert');
        expect(alert).toHaveTextContent('Could not reach Throughline');
        await user.click(within(alert).getByRole('button', {name: 'Retry'}));
        expect(await d.findByRole('checkbox', {name: /Which slogan goes/})).toBeInTheDocument();
    });

    test('a post outside any thread has nothing to quote, and a channel outside any project says so', async () => {
        const {backend, registry, user} = setup();
        backend.projects = [];
        act(() => registry.clickPostMenuItem(RECORD, POST));
        const d = within(await dialog());
        expect(d.getByLabelText('Statement')).toHaveValue('Print the new poster for Kazan\nUse layout B, slogan two.\nDeadline Friday.');
        expect(d.queryByText('Quote replies from the thread as arguments')).toBeNull();
        expect(await d.findByRole('button', {name: 'Make this channel a project'})).toBeInTheDocument();
        await user.click(d.getByRole('button', {name: 'Record'}));
        expect(d.getByText('A decision belongs to a project: make this channel a project first.')).toBeInTheDocument();
        expect(backend.http.find('POST', /\/decisions$/)).toHaveLength(0);
    });
});
