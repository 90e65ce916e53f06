import {createServer, type IncomingMessage, type Server} from 'http';
import type {AddressInfo} from 'net';

import {isApiError, mattermost} from '../src/client';

// The transport itself, over a real socket: every other test replaces its adapter.
type Seen = {method: string; url: string; headers: IncomingMessage['headers']; body: string};

describe('the XMLHttpRequest transport', () => {
    let server: Server;
    let base: string;
    const seen: Seen[] = [];
    let answer: (req: Seen) => {status: number; body?: string; type?: string} = () => ({status: 200, body: '{}'});

    beforeAll(async () => {
        server = createServer((req, res) => {
            // The page (jsdom's http://localhost) is another origin: answer as a CORS-enabled API would.
            res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
            res.setHeader('Access-Control-Allow-Credentials', 'true');
            res.setHeader('Access-Control-Allow-Headers', 'content-type, x-requested-with, x-csrf-token, idempotency-key');
            res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE');
            if (req.method === 'OPTIONS') {
                res.writeHead(204).end();
                return;
            }
            const chunks: Buffer[] = [];
            req.on('data', (c: Buffer) => chunks.push(c));
            req.on('end', () => {
                const r = {method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString()};
                seen.push(r);
                const {status, body, type} = answer(r);
                res.writeHead(status, {'content-type': type ?? 'application/json'}).end(body ?? '');
            });
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    beforeEach(() => {
        seen.length = 0;
        window.basename = base;
    });

    afterEach(() => {
        delete window.basename;
    });

    test('sends the query, the headers and a JSON body, and parses the JSON answer', async () => {
        answer = () => ({status: 200, body: JSON.stringify({ok: 'да'})});
        const data = await mattermost<{ok: string}>({method: 'post', url: '/things', params: {a: 'x y', skip: undefined, n: 2}, data: {name: 'Макет'}, headers: {'Idempotency-Key': 'k1'}});
        expect(data).toEqual({ok: 'да'});
        const [req] = seen;
        expect(req.method).toBe('POST');
        expect(req.url).toBe('/api/v4/things?a=x+y&n=2');
        expect(req.headers['content-type']).toBe('application/json');
        expect(req.headers['x-requested-with']).toBe('XMLHttpRequest');
        expect(req.headers['idempotency-key']).toBe('k1');
        expect(JSON.parse(req.body)).toEqual({name: 'Макет'});
    });

    test("an answer outside 2xx becomes an ApiError with the service's code, message and details", async () => {
        answer = () => ({status: 409, body: JSON.stringify({error: {code: 'version_conflict', message: 'Changed', current: {version: 3}}})});
        const e = await mattermost({url: '/x'}).catch((err: unknown) => err);
        expect(isApiError(e) && [e.status, e.code, e.message, e.details]).toEqual([409, 'version_conflict', 'Changed', {current: {version: 3}}]);

        answer = () => ({status: 403, body: JSON.stringify({id: 'api.context.permissions.app_error', message: 'No permission', status_code: 403})});
        const mm = await mattermost({url: '/x'}).catch((err: unknown) => err);
        expect(isApiError(mm) && [mm.status, mm.code]).toEqual([403, 'api.context.permissions.app_error']);

        answer = () => ({status: 502, body: 'Bad gateway', type: 'text/plain'});
        const bare = await mattermost({url: '/x'}).catch((err: unknown) => err);
        expect(isApiError(bare) && [bare.status, bare.code]).toEqual([502, 'http_502']);
    });

    test('an abort and a refused connection are told apart', async () => {
        answer = () => ({status: 200, body: '{}'});
        const controller = new AbortController();
        controller.abort();
        const aborted = await mattermost({url: '/x', signal: controller.signal}).catch((err: unknown) => err);
        expect(isApiError(aborted) && aborted.code).toBe('aborted');

        const closed = createServer();
        await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
        const port = (closed.address() as AddressInfo).port;
        await new Promise<void>((resolve) => closed.close(() => resolve()));
        window.basename = `http://127.0.0.1:${port}`;

        // jsdom reports the refused connection on the console as a browser would; it is expected here.
        const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
        const refused = await mattermost({url: '/x'}).catch((err: unknown) => err);
        quiet.mockRestore();
        expect(isApiError(refused) && [refused.status, refused.code]).toEqual([0, 'network']);
    });

    test('a FormData body goes as multipart and reports its upload progress', async () => {
        answer = () => ({status: 201, body: JSON.stringify({id: 'v1'})});
        const form = new FormData();
        form.append('file', new Blob(['x'.repeat(70000)]), 'layout.pdf');
        const progress: Array<{loaded: number; total: number}> = [];
        const data = await mattermost<{id: string}>({method: 'POST', url: '/files', data: form, onUploadProgress: (p) => progress.push(p)});
        expect(data).toEqual({id: 'v1'});
        expect(seen[0].headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
        expect(seen[0].body).toContain('filename="layout.pdf"');
        expect(progress.length).toBeGreaterThan(0);
        expect(progress[progress.length - 1].loaded).toBe(progress[progress.length - 1].total);
    });
});
