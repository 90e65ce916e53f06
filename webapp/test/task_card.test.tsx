import {act, screen} from '@testing-library/react';

import {taskReceived} from '../src/actions';
import {pluginState} from '../src/selectors';

import {ANNA, post} from './fixtures';
import {boot} from './harness';

const cardPost = (task: unknown) => post('cardpostxxxxxxxxxxxxxxxxxx', 'Task “Print posters” created: in progress, Anna Petrova', {type: 'custom_throughline_task' as never, props: {task}});

describe('task card post', () => {
    test('shows title, status, assignee and due date, and opens the task in the sidebar', async () => {
        const env = boot();
        const task = {id: 'task-1', title: 'Print posters', status: 'in_progress', assignee_id: ANNA, due_at: '2025-03-07T20:59:59.000Z'};
        env.renderPost(cardPost(task));
        expect(await screen.findByText('Anna Petrova')).toBeInTheDocument();
        expect(screen.getByText('Print posters')).toBeInTheDocument();
        expect(screen.getByText('In progress')).toBeInTheDocument();
        expect(screen.getByText(/^Due \d/)).toBeInTheDocument();
        expect(env.backend.http.find('POST', /\/api\/v4\/users\/ids$/)[0].body).toEqual([ANNA]);

        await env.user.click(screen.getByRole('button', {name: 'Open in sidebar'}));
        expect(pluginState(env.store.getState()).selectedTaskId).toBe('task-1');
        expect(env.store.getState().views.rhs.pluggableId).toBe(env.registry.rhs[0].registration.id);
    });

    test('a fresher copy of the task in the plugin store wins over the post', () => {
        const env = boot();
        env.renderPost(cardPost({id: 'task-2', title: 'Old title', status: 'todo', assignee_id: null, due_at: null}));
        expect(screen.getByText('To do')).toBeInTheDocument();
        act(() => {
            env.store.dispatch(taskReceived({id: 'task-2', title: 'New title', status: 'done', assignee_id: null, due_at: null} as never));
        });
        expect(screen.getByText('New title')).toBeInTheDocument();
        expect(screen.getByText('Done')).toBeInTheDocument();
    });

    test('without a usable task in props, the readable message is shown', () => {
        const env = boot();
        env.renderPost(cardPost({nope: true}));
        expect(screen.getByText('Task “Print posters” created: in progress, Anna Petrova')).toBeInTheDocument();
    });
});
