import {act, fireEvent, screen, waitFor, within} from '@testing-library/react';

import {pluginState} from '../src/selectors';

import {ANNA, BORIS, CHANNEL, FILE_POST, POST} from './fixtures';
import {boot} from './harness';

// A due date a week from today, as the date input gives it (local calendar day).
const dueDay = new Date();
dueDay.setDate(dueDay.getDate() + 7);
const DUE = [dueDay.getFullYear(), dueDay.getMonth() + 1, dueDay.getDate()].map((n) => String(n).padStart(2, '0')).join('-');

// The dialog, once the channel's members and projects are in.
async function openModal(postId = POST) {
    const env = boot();
    env.renderRoot();
    act(() => env.registry.clickPostMenuItem(0, postId));
    const dialog = screen.getByRole('dialog', {name: 'Create task'});
    await waitFor(() => expect(within(dialog).queryByText(/^Loading (channel members|projects)…$/)).toBeNull());
    return {...env, dialog};
}

describe('create task from a post', () => {
    test('prefills title and description from the message and lists channel members', async () => {
        const {dialog} = await openModal();
        expect(within(dialog).getByLabelText('Title')).toHaveValue('Print the new poster for Kazan');
        expect(within(dialog).getByLabelText('Description')).toHaveValue('Use layout B, slogan two.\nDeadline Friday.');
        expect(within(dialog).getByLabelText('Title')).toHaveFocus();
        const assignee = within(dialog).getByLabelText('Assignee');
        expect(within(assignee).getAllByRole('option').map((o) => o.textContent)).toEqual([
            'Unassigned', 'Anna Petrova (@anna)', 'boris (@boris)', 'Maria Ivanova (@me)',
        ]);
    });

    test('a post with only a file: the file is listed and names the task', async () => {
        const {dialog} = await openModal(FILE_POST);
        expect(within(dialog).getByText('Files from the message')).toBeInTheDocument();
        expect(within(dialog).getByText('poster-v3.pdf')).toBeInTheDocument();
        expect(within(dialog).getByLabelText('Title')).toHaveValue('poster-v3.pdf');
    });

    test('submits post_id with an Idempotency-Key, confirms, and links into the sidebar', async () => {
        const {dialog, backend, store, registry, user} = await openModal();
        backend.addProject('Spring campaign', [CHANNEL]);
        await user.click(within(dialog).getByRole('button', {name: 'Make this channel a project'}));
        expect(await within(dialog).findByLabelText('Project')).toHaveDisplayValue('Kazan region');
        expect(backend.http.find('POST', /\/projects$/)[0].body).toEqual({name: 'Kazan region', channel_id: CHANNEL});

        await user.selectOptions(within(dialog).getByLabelText('Assignee'), ANNA);
        fireEvent.change(within(dialog).getByLabelText('Due date'), {target: {value: DUE}});
        await user.click(within(dialog).getByRole('button', {name: 'Create task'}));
        await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

        const [req] = backend.http.find('POST', /\/tasks$/);
        const created = backend.projects.find((p) => p.name === 'Kazan region')!;
        expect(req.body).toEqual({
            post_id: POST,
            title: 'Print the new poster for Kazan',
            description: 'Use layout B, slogan two.\nDeadline Friday.',
            assignee_id: ANNA,
            due_at: new Date(dueDay.getFullYear(), dueDay.getMonth(), dueDay.getDate(), 23, 59, 59).toISOString(),
            project_id: created.id,
        });
        expect(req.headers['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);

        const toast = screen.getByRole('status');
        expect(toast).toHaveTextContent('Task created: Print the new poster for Kazan');
        await user.click(within(toast).getByRole('button', {name: 'Open in sidebar'}));
        expect(store.getState().views.rhs.pluggableId).toBe(registry.rhs[0].registration.id);
        expect(pluginState(store.getState()).selectedTaskId).toBe(backend.tasks[0].id);
        expect(screen.queryByRole('status')).toBeNull();
    });

    test('the service error is shown and the form is kept', async () => {
        const {dialog, backend, user} = await openModal();
        const title = within(dialog).getByLabelText('Title');
        await user.clear(title);
        await user.type(title, 'Reprint posters');
        backend.members[CHANNEL] = backend.members[CHANNEL].filter((id) => id !== BORIS);
        await user.selectOptions(within(dialog).getByLabelText('Assignee'), BORIS);
        await user.click(within(dialog).getByRole('button', {name: 'Create task'}));

        expect(await within(dialog).findByRole('alert')).toHaveTextContent('The assignee is not a member of this channel.');
        expect(screen.getByRole('dialog')).toBe(dialog);
        expect(title).toHaveValue('Reprint posters');
        expect(within(dialog).getByLabelText('Assignee')).toHaveValue(BORIS);
        expect(backend.tasks).toHaveLength(0);

        await user.selectOptions(within(dialog).getByLabelText('Assignee'), ANNA);
        await user.click(within(dialog).getByRole('button', {name: 'Create task'}));
        await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
        expect(backend.tasks).toHaveLength(1);
        expect(backend.tasks[0]).toMatchObject({title: 'Reprint posters', assignee_id: ANNA});
    });

    test('a retry after a network failure reuses the key, and a double click sends once', async () => {
        const {dialog, backend, user} = await openModal();
        backend.http.failNext('POST', /\/tasks$/, 'network');
        await user.click(within(dialog).getByRole('button', {name: 'Create task'}));
        expect(await within(dialog).findByRole('alert')).toHaveTextContent('Could not reach Throughline');

        const release = backend.http.hold('POST', /\/tasks$/);
        const submit = within(dialog).getByRole('button', {name: 'Create task'});
        await user.dblClick(submit);
        expect(within(dialog).getByRole('button', {name: 'Creating…'})).toHaveAttribute('aria-disabled', 'true');
        expect(within(dialog).getByRole('button', {name: 'Creating…'})).toHaveFocus();
        release();
        await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

        const posts = backend.http.find('POST', /\/tasks$/);
        expect(posts).toHaveLength(2);
        expect(posts[1].headers['idempotency-key']).toBe(posts[0].headers['idempotency-key']);
        expect(backend.tasks).toHaveLength(1);
    });

    test('an empty title is refused before any request', async () => {
        const {dialog, backend, user} = await openModal();
        await user.clear(within(dialog).getByLabelText('Title'));
        await user.click(within(dialog).getByRole('button', {name: 'Create task'}));
        expect(within(dialog).getByText('Give the task a title.')).toBeInTheDocument();
        expect(within(dialog).getByLabelText('Title')).toHaveAttribute('aria-invalid', 'true');
        expect(backend.http.find('POST', /\/tasks$/)).toHaveLength(0);
    });

    test('Escape closes (even with focus lost to the page); Tab stays inside the dialog', async () => {
        const {dialog, store, user} = await openModal();
        const submit = within(dialog).getByRole('button', {name: 'Create task'});
        submit.focus();
        await user.tab();
        expect(within(dialog).getByRole('button', {name: 'Close'})).toHaveFocus();
        await user.tab({shift: true});
        expect(submit).toHaveFocus();
        (document.activeElement as HTMLElement).blur();
        await user.keyboard('{Escape}');
        await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
        expect(pluginState(store.getState()).modal).toBeNull();
    });
});
