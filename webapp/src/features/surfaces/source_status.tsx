import type {Task} from '@throughline/contract';
import React, {useEffect} from 'react';
import {shallowEqual} from 'react-redux';

import type {Post} from '@mattermost/types/posts';

import {useAppSelector, useAppStore} from '../../hooks';
import {pluginState} from '../../selectors';

import {SourceChips, lazily} from './lazy';
import {askTaskSources} from './source_lookup';

const POST_ID = /^[a-z0-9]{26}$/;
const NO_TASKS: Task[] = [];

// A pending post (its id is not yet Mattermost's), a system message or one of Throughline's cards is no task's source.
const askable = (post: Post | undefined): post is Post => Boolean(post) && POST_ID.test(post!.id) && post!.id !== post!.pending_post_id &&
    !post!.delete_at && !post!.type?.startsWith('system_') && !post!.type?.startsWith('custom_throughline_');

// Drawn in every post's header (Mattermost 12): cheap for a post with no task, which only reads the store
// and joins one batched ask; for a task's message, its live status (drawn by the surfaces chunk).
export default function TaskSourceStatus({post}: {post?: Post}) {
    const store = useAppStore();
    const ok = askable(post);
    const postId = ok ? post.id : '';
    const round = useAppSelector((s) => pluginState(s).refresh);
    const tasks = useAppSelector((s) => {
        const ids = postId ? pluginState(s).taskSources[postId] : undefined;
        const byId = pluginState(s).tasks;
        return ids?.length ? ids.map((id) => byId[id]).filter(Boolean) : NO_TASKS;
    }, shallowEqual);
    useEffect(() => {
        if (postId) {
            askTaskSources(store, postId, round);
        }
    }, [store, postId, round]);
    if (!tasks.length) {
        return null;
    }
    return lazily(<SourceChips tasks={tasks}/>);
}
