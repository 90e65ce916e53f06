import type {Asset, AssetVersion, Project, Task} from '@throughline/contract';

import {
    assetReceived, assetRemoved, assetsReceived, listKey, projectReceived, projectsReceived, taskCreated, taskDeleted, taskPushed, taskReceived, taskSelected, tasksReceived, tasksRequested,
} from '../src/actions';
import reducer from '../src/reducer';

const task = (id: string, extra: Partial<Task> = {}) => ({
    id, title: id, description: '', status: 'todo', assignee_id: null, due_at: null, channel_id: 'c1', project_id: null,
    source_post_id: null, permalink: null, files: [], parent_id: null, rollout_id: null, created_by: 'u', created_at: '', updated_at: '', version: 1, ...extra,
}) as Task;

const run = (...actions: Array<Parameters<typeof reducer>[1]>) => actions.reduce(reducer, reducer(undefined, {type: '@@init'}));

describe('plugin reducer', () => {
    test('action types carry the plugin id', () => {
        expect(taskCreated(task('a')).type).toBe('throughline/task_created');
    });

    test('an older copy of a task never replaces a newer one', () => {
        const state = run(taskReceived(task('a', {version: 3, title: 'new'})), taskReceived(task('a', {version: 2, title: 'old'})));
        expect(state.tasks.a.title).toBe('new');
    });

    test('a late answer for a scope no longer shown is ignored', () => {
        const one = listKey({channel_id: 'c1'});
        const two = listKey({project_id: 'p1'});
        const state = run(tasksRequested(one), tasksRequested(two), tasksReceived(one, [task('a')]));
        expect(state.list).toEqual({key: two, ids: []});
    });

    test('a created task joins the list of its channel or project, once', () => {
        const key = listKey({project_id: 'p1'});
        const created = task('b', {project_id: 'p1'});
        const state = run(tasksRequested(key), tasksReceived(key, [task('a', {project_id: 'p1'})]), taskCreated(created), taskCreated(created));
        expect(state.list?.ids).toEqual(['b', 'a']);
        expect(run(tasksRequested(listKey({channel_id: 'other'})), taskCreated(created)).list?.ids).toEqual([]);
    });
});

const version = (id: string, n: number) => ({id, number: n, state: 'proposed'}) as AssetVersion;
const asset = (id: string, versions: AssetVersion[], extra: Partial<Asset> = {}) => ({
    id, project_id: 'p1', name: id, channel_ids: ['c1'], created_by: 'u', created_at: '', updated_at: '', approved_version_id: null, versions, receipts: [], ...extra,
}) as Asset;

describe('plugin reducer: live changes and assets', () => {
    test('a pushed task joins, stays in, or leaves a list as its scope says; no toast', () => {
        const key = listKey({project_id: 'p1'});
        let state = run(tasksRequested(key), tasksReceived(key, [task('a', {project_id: 'p1'})]), taskPushed(task('b', {project_id: 'p1'})));
        expect(state.list?.ids).toEqual(['b', 'a']);
        expect(state.toast).toBeNull();
        state = reducer(state, taskPushed(task('a', {project_id: 'p2', version: 2})));
        expect(state.list?.ids).toEqual(['b']);
        expect(state.tasks.a.project_id).toBe('p2');
    });

    test('a deleted task leaves the store, the list and the selection', () => {
        const key = listKey({channel_id: 'c1'});
        const state = run(tasksRequested(key), tasksReceived(key, [task('a'), task('b')]), taskSelected('a'), taskDeleted('a'));
        expect(state.list?.ids).toEqual(['b']);
        expect(Object.keys(state.tasks)).toEqual(['b']);
        expect(state.selectedTaskId).toBeNull();
    });

    test('a list answer keeps versions a full copy had; a removed asset leaves every list', () => {
        const full = asset('x', [version('v2', 2), version('v1', 1)]);
        let state = run(assetsReceived('p1', []), assetReceived(full), assetsReceived('p1', [asset('x', [version('v2', 2)])]));
        expect(state.assets.x.versions.map((v) => v.id)).toEqual(['v2', 'v1']);
        expect(state.assetLists.p1.ids).toEqual(['x']);
        state = reducer(state, assetRemoved('x'));
        expect(state.assets.x).toBeUndefined();
        expect(state.assetLists.p1.ids).toEqual([]);
    });
});

describe('plugin reducer: rollouts', () => {
    test('a project changed in one channel\'s list is changed in every list that holds it', () => {
        const p = (name: string) => ({id: 'p1', name, channel_id: 'c1', channel_ids: ['c1', 'c2'], leads: [], permissions: []}) as unknown as Project;
        const other = {...p('Other'), id: 'p2'};
        const state = run(projectsReceived('c1', [p('Spring')]), projectsReceived('c2', [p('Spring'), other]), projectReceived(p('Spring, renamed')));
        expect(state.projects.c1.map((x) => x.name)).toEqual(['Spring, renamed']);
        expect(state.projects.c2.map((x) => x.name)).toEqual(['Spring, renamed', 'Other']);
    });

    test('an event of a rollout\'s task moves that rollout\'s stamp, and no other', () => {
        const state = run(taskPushed(task('a', {rollout_id: 'r1'})), taskPushed(task('b', {rollout_id: 'r1', version: 2})), taskPushed(task('c')));
        expect(state.rolloutStamps).toEqual({r1: 2});
    });
});
