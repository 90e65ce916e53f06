import {http, TransportError, type Adapter, type OutgoingRequest} from '../src/http';

// The network, faked at the HTTP layer: a transport adapter that routes requests to handlers.
export type FakeRequest = {
    method: string;
    path: string;
    query: Record<string, string>;
    body: unknown;
    headers: Record<string, string>;
};

export type FakeResponse = {status: number; data?: unknown};
type Handler = (req: FakeRequest, params: string[]) => FakeResponse | Promise<FakeResponse>;
type Route = {method: string; pattern: RegExp; handler: Handler};

export class FakeHttp {
    readonly requests: FakeRequest[] = [];
    private routes: Route[] = [];
    private once: Array<{method: string; pattern: RegExp; response: FakeResponse | 'network'}> = [];
    private gates: Array<{method: string; pattern: RegExp; wait: Promise<void>}> = [];

    on(method: string, pattern: RegExp, handler: Handler) {
        this.routes.push({method, pattern, handler});
        return this;
    }

    // The next matching request gets this answer (or a network failure) instead of its handler.
    failNext(method: string, pattern: RegExp, response: FakeResponse | 'network') {
        this.once.push({method, pattern, response});
    }

    // Holds matching requests until the returned function is called.
    hold(method: string, pattern: RegExp): () => void {
        let release = () => undefined as void;
        const wait = new Promise<void>((resolve) => {
            release = resolve;
        });
        this.gates.push({method, pattern, wait});
        return release;
    }

    find(method: string, pattern: RegExp) {
        return this.requests.filter((r) => r.method === method && pattern.test(r.path));
    }

    install() {
        http.defaults.adapter = this.adapter;
    }

    private adapter: Adapter = async (config: OutgoingRequest) => {
        const url = new URL(config.url, 'http://mm.test');
        const query: Record<string, string> = {};
        url.searchParams.forEach((v, k) => {
            query[k] = v;
        });
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(config.headers)) {
            headers[k.toLowerCase()] = v;
        }
        const body = typeof config.data === 'string' ? JSON.parse(config.data) : config.data;
        const method = config.method;
        const req: FakeRequest = {method, path: url.pathname, query, body, headers};
        this.requests.push(req);

        const matches = (r: {method: string; pattern: RegExp}) => r.method === method && r.pattern.test(req.path);

        // An upload reports half its bytes sent, then (unless held and aborted) the rest.
        const total = body instanceof FormData ? Array.from(body.values()).reduce((n, v) => n + (v instanceof Blob ? v.size : 0), 0) : 0;
        const progress = (loaded: number) => config.onUploadProgress?.({loaded, total});
        if (body instanceof FormData) {
            progress(Math.floor(total / 2));
        }
        const gate = this.gates.find(matches);
        if (gate) {
            this.gates.splice(this.gates.indexOf(gate), 1);

            // As on a real network, an abort ends a request in flight at once.
            const signal = config.signal;
            await Promise.race([gate.wait, new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve()))]);
        }
        if (config.signal?.aborted) {
            throw new TransportError(true);
        }
        if (body instanceof FormData) {
            progress(total);
        }
        let res: FakeResponse | 'network';
        const forced = this.once.find(matches);
        if (forced) {
            this.once.splice(this.once.indexOf(forced), 1);
            res = forced.response;
        } else {
            const route = this.routes.find(matches);
            res = route ? await route.handler(req, route.pattern.exec(req.path)!.slice(1)) : {status: 404, data: {error: {code: 'not_found', message: 'No route ' + method + ' ' + req.path}}};
        }
        if (res === 'network') {
            throw new TransportError(false);
        }

        // Through JSON, as over a real network: no shared objects between the fake and the app.
        const data = res.data === undefined ? undefined : JSON.parse(JSON.stringify(res.data));
        return {status: res.status, statusText: String(res.status), data};
    };
}

// A history page as the service answers it: newest first, `limit` entries after the `cursor` entry.
export function newestFirstPage<T extends {id: string}>(oldestFirst: T[], req: FakeRequest): FakeResponse {
    const all = [...oldestFirst].reverse();
    const limit = Number(req.query.limit ?? 100);
    const start = req.query.cursor ? all.findIndex((e) => e.id === req.query.cursor) + 1 : 0;
    const items = all.slice(start, start + limit);
    return {status: 200, data: {items, next_cursor: start + limit < all.length ? items[items.length - 1].id : null}};
}
