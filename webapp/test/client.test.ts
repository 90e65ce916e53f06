import {ApiError, bindClient, createTask, getAllTasks, getProjects, patchTask} from '../src/client';

import {CSRF, FakeBackend} from './fake_backend';
import {CHANNEL, POST} from './fixtures';
import {hostState} from './host_store';

describe('client', () => {
    let backend: FakeBackend;

    beforeEach(() => {
        backend = new FakeBackend().install();
        bindClient(null);
    });

    test('calls the service under the manifest apiBasePath with the CSRF headers', async () => {
        backend.addProject('Spring', [CHANNEL]);
        bindClient(() => ({...hostState(), plugins: {plugins: {throughline: {id: 'throughline', name: 'T', version: '1.0.0', props: {apiBasePath: '/custom/'}}}}}));
        backend.http.on('GET', /^\/custom\/api\/v1\/projects$/, () => ({status: 200, data: {items: []}}));
        await getProjects(CHANNEL);
        const [req] = backend.http.requests;
        expect(req.path).toBe('/custom/api/v1/projects');
        expect(req.query).toEqual({channel_id: CHANNEL});
        expect(req.headers['x-requested-with']).toBe('XMLHttpRequest');
        expect(req.headers['x-csrf-token']).toBe(CSRF);
    });

    test('falls back to /throughline-api without a manifest', async () => {
        await getProjects(CHANNEL);
        expect(backend.http.requests[0].path).toBe('/throughline-api/api/v1/projects');
    });

    test('a service error becomes one ApiError with status, code, message and extras', async () => {
        const task = backend.addTask({title: 'A'});
        const e = await patchTask(task.id, {version: 99, status: 'done'}).catch((x) => x);
        expect(e).toBeInstanceOf(ApiError);
        expect(e).toMatchObject({status: 409, code: 'version_conflict', message: 'The task was changed by someone else.'});
        expect((e as ApiError).details.current).toMatchObject({id: task.id, version: 1});
    });

    test('a network failure is code "network"', async () => {
        backend.http.failNext('POST', /\/tasks$/, 'network');
        const e = await createTask({post_id: POST}, 'k1').catch((x) => x);
        expect(e).toMatchObject({status: 0, code: 'network'});
    });

    test('a non-JSON error still becomes an ApiError', async () => {
        backend.http.failNext('GET', /\/projects$/, {status: 502, data: '<html>Bad gateway</html>'});
        await expect(getProjects(CHANNEL)).rejects.toMatchObject({status: 502, code: 'http_502'});
    });

    test('getAllTasks follows the cursor with limit 500', async () => {
        for (let i = 0; i < 1203; i++) {
            backend.addTask({title: 'T' + i});
        }
        const tasks = await getAllTasks({channel_id: CHANNEL});
        expect(tasks).toHaveLength(1203);
        const pages = backend.http.find('GET', /\/tasks$/);
        expect(pages.map((r) => r.query.cursor)).toEqual([undefined, '500', '1000']);
        expect(pages.every((r) => r.query.limit === '500')).toBe(true);
    });
});
