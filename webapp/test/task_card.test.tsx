import {act, screen, waitFor} from '@testing-library/react';

import type {Channel} from '@mattermost/types/channels';

import {taskPushed} from '../src/actions';
import {isGenuineCard} from '../src/components/card_guard';
import {pluginState} from '../src/selectors';

import {ANNA, BOT, CHANNEL, ME, OTHER_CHANNEL, mmId, post} from './fixtures';
import {boot} from './harness';

const MESSAGE = 'Task “Print posters” created: in progress, Anna Petrova';
const DM = mmId('dmwithbot');

// The bot's card in the task's channel, unless the test says otherwise.
const cardPost = (task: unknown, extra: {user_id?: string; channel_id?: string; message?: string} = {}) =>
    post('cardpostxxxxxxxxxxxxxxxxxx', extra.message ?? MESSAGE, {
        type: 'custom_throughline_task' as never,
        user_id: BOT,
        channel_id: CHANNEL,
        props: {task},
        ...extra,
    });

const snapshotOf = (task: {id: string; channel_id: string}) => ({...task, title: 'Props title', status: 'todo', assignee_id: null, due_at: null, version: 1});

describe('task card post', () => {
    test('shows title, status, assignee and due date of the task, and opens it in the sidebar', async () => {
        const env = boot();
        const task = env.backend.addTask({title: 'Print posters', status: 'in_progress', assignee_id: ANNA, due_at: '2025-03-07T20:59:59.000Z'});
        env.renderPost(cardPost(snapshotOf(task)));
        expect(await screen.findByText('Anna Petrova')).toBeInTheDocument();
        expect(screen.getByText('Print posters')).toBeInTheDocument();
        expect(screen.getByText('In progress')).toBeInTheDocument();
        expect(screen.getByText(/^Due \d/)).toBeInTheDocument();
        expect(env.backend.http.find('POST', /\/api\/v4\/users\/ids$/)[0].body).toEqual([ANNA]);

        await env.user.click(screen.getByRole('button', {name: 'Open in sidebar'}));
        expect(pluginState(env.store.getState()).selectedTaskId).toBe(task.id);
        expect(env.store.getState().views.rhs.pluggableId).toBe(env.registry.rhs[0].registration.id);
    });

    test('names come from the task, never from the props; live changes show', async () => {
        const env = boot();
        const task = env.backend.addTask({title: 'Print posters'});
        env.renderPost(cardPost(snapshotOf(task)));
        expect(await screen.findByText('Print posters')).toBeInTheDocument();
        expect(screen.getByText('To do')).toBeInTheDocument();
        expect(screen.queryByText('Props title')).toBeNull();
        act(() => {
            env.store.dispatch(taskPushed(env.backend.touch(task.id, {title: 'New title', status: 'done'})));
        });
        expect(screen.getByText('New title')).toBeInTheDocument();
        expect(screen.getByText('Done')).toBeInTheDocument();
    });

    test('a look-alike card posted by a channel member is its plain message', async () => {
        const env = boot();
        const task = env.backend.addTask({title: 'Print posters'});
        env.renderPost(cardPost(snapshotOf(task), {user_id: ANNA, message: 'Open this task'}));
        await waitFor(() => expect(pluginState(env.store.getState()).botUserId).toBe(BOT));
        expect(screen.getByText('Open this task')).toBeInTheDocument();
        expect(screen.queryByRole('button')).toBeNull();
        expect(env.backend.http.find('GET', /\/tasks\//)).toHaveLength(0);
    });

    test('a bot card naming another channel is drawn only in the bot’s direct messages', async () => {
        const env = boot();
        const task = env.backend.addTask({title: 'Print posters', channel_id: OTHER_CHANNEL});
        const {unmount} = env.renderPost(cardPost(snapshotOf(task), {message: 'Moved card'}));
        await waitFor(() => expect(pluginState(env.store.getState()).botUserId).toBe(BOT));
        expect(screen.getByText('Moved card')).toBeInTheDocument();
        unmount();

        const dm = {id: DM, name: `${BOT}__${ME}`, display_name: '', type: 'D', team_id: '', delete_at: 0} as Channel;
        act(() => {
            env.store.dispatch({type: 'RECEIVED_CHANNEL', data: dm});
        });
        env.renderPost(cardPost(snapshotOf(task), {channel_id: DM, message: 'Reminder'}));
        expect(await screen.findByText('Print posters')).toBeInTheDocument();
    });

    test('a card for a task the user cannot see is its plain message', async () => {
        const env = boot();
        env.renderPost(cardPost({id: 'task-gone', channel_id: CHANNEL}));
        await waitFor(() => expect(env.backend.http.find('GET', /\/tasks\/task-gone$/)).toHaveLength(1));
        expect(screen.getByText(MESSAGE)).toBeInTheDocument();
        expect(screen.queryByRole('alert')).toBeNull();
    });

    test('without a usable task in props, the readable message is shown', async () => {
        const env = boot();
        env.renderPost(cardPost({nope: true}));
        await waitFor(() => expect(pluginState(env.store.getState()).botUserId).toBe(BOT));
        expect(screen.getByText(MESSAGE)).toBeInTheDocument();
    });
});

describe('isGenuineCard', () => {
    const bots = {user_id: BOT, channel_id: CHANNEL};
    test('the bot’s post naming its own channel', () => {
        expect(isGenuineCard(bots, CHANNEL, BOT)).toBe(true);
        expect(isGenuineCard(bots, OTHER_CHANNEL, BOT)).toBe(false);
        expect(isGenuineCard({user_id: ANNA, channel_id: CHANNEL}, CHANNEL, BOT)).toBe(false);
        expect(isGenuineCard(bots, CHANNEL, null)).toBe(false);
        expect(isGenuineCard(bots, undefined, BOT)).toBe(false);
    });
    test('the bot’s direct channel, only when passed', () => {
        const dm = {id: DM, type: 'D', name: `${ME}__${BOT}`} as const;
        expect(isGenuineCard({user_id: BOT, channel_id: DM}, CHANNEL, BOT, dm)).toBe(true);
        expect(isGenuineCard({user_id: BOT, channel_id: DM}, CHANNEL, BOT)).toBe(false);
        expect(isGenuineCard({user_id: ANNA, channel_id: DM}, CHANNEL, BOT, dm)).toBe(false);
        expect(isGenuineCard({user_id: BOT, channel_id: DM}, CHANNEL, BOT, {...dm, name: `${ME}__${ANNA}`})).toBe(false);
        expect(isGenuineCard({user_id: BOT, channel_id: DM}, CHANNEL, BOT, {...dm, type: 'O'} as never)).toBe(false);
    });
});
