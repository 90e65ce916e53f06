import {listKey, taskCreated, taskReceived, tasksReceived, tasksRequested} from '../src/actions';
import reducer from '../src/reducer';
import type {Task} from '../src/types';

const task = (id: string, extra: Partial<Task> = {}) => ({
    id, title: id, description: '', status: 'todo', assignee_id: null, due_at: null, channel_id: 'c1', project_id: null,
    source_post_id: null, permalink: null, files: [], created_by: 'u', created_at: '', updated_at: '', version: 1, ...extra,
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
        expect(state.list).toMatchObject({key: two, status: 'loading', ids: []});
    });

    test('a created task joins the list of its channel or project, once', () => {
        const key = listKey({project_id: 'p1'});
        const created = task('b', {project_id: 'p1'});
        const state = run(tasksRequested(key), tasksReceived(key, [task('a', {project_id: 'p1'})]), taskCreated(created), taskCreated(created));
        expect(state.list?.ids).toEqual(['b', 'a']);
        expect(run(tasksRequested(listKey({channel_id: 'other'})), taskCreated(created)).list?.ids).toEqual([]);
    });
});
