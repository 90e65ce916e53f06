// The one transport under every call (client.ts): XMLHttpRequest, the browser API that also reports
// upload progress. A request library would add some 13 KB gzipped to main.js for what these lines do.

export type RequestConfig = {
    method?: string;
    url: string;
    params?: Record<string, unknown>;
    data?: unknown;
    headers?: Record<string, string>;
    signal?: AbortSignal;
    onUploadProgress?: (p: {loaded: number; total: number}) => void;
};

// What an adapter is given: the URL carries the query, the headers are final, the body is as passed.
export type OutgoingRequest = Required<Pick<RequestConfig, 'method' | 'url' | 'headers'>> & Omit<RequestConfig, 'params'>;

// Any status is an answer; only a failed or aborted exchange rejects (with TransportError).
export type HttpResponse = {status: number; statusText: string; data: unknown};
export type Adapter = (req: OutgoingRequest) => Promise<HttpResponse>;

export class TransportError extends Error {
    readonly aborted: boolean;

    constructor(aborted: boolean) {
        super(aborted ? 'aborted' : 'Network Error');
        this.name = 'TransportError';
        this.aborted = aborted;
    }
}

// A body that is JSON when it parses, its text otherwise, nothing when empty.
export function parseBody(text: string): unknown {
    if (!text) {
        return undefined;
    }
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

const xhrAdapter: Adapter = (req) => new Promise((resolve, reject) => {
    const {signal} = req;
    if (signal?.aborted) {
        reject(new TransportError(true));
        return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open(req.method, req.url);
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(req.headers)) {
        xhr.setRequestHeader(name, value);
    }
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort);
    const settle = (fn: () => void) => () => {
        signal?.removeEventListener('abort', onAbort);
        fn();
    };
    xhr.onload = settle(() => resolve({status: xhr.status, statusText: xhr.statusText, data: parseBody(xhr.responseText)}));
    xhr.onerror = settle(() => reject(new TransportError(false)));
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = settle(() => reject(new TransportError(true)));
    const progress = req.onUploadProgress;
    if (progress) {
        xhr.upload.onprogress = (e) => progress({loaded: e.loaded, total: e.lengthComputable ? e.total : 0});
    }
    xhr.send(req.data as XMLHttpRequestBodyInit | null | undefined ?? null);
});

// Exported so tests can replace the adapter, never the functions built on it.
export const http = {defaults: {adapter: xhrAdapter}};

function withQuery(url: string, params: Record<string, unknown> | undefined): string {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params ?? {})) {
        if (value !== undefined && value !== null) {
            query.append(name, String(value));
        }
    }
    const qs = query.toString();
    return qs ? url + (url.includes('?') ? '&' : '?') + qs : url;
}

// Plain objects go as JSON; FormData and strings as they are.
export function send(config: RequestConfig): Promise<HttpResponse> {
    const {params, data, ...rest} = config;
    const json = data !== undefined && typeof data !== 'string' && !(data instanceof FormData);
    return http.defaults.adapter({
        ...rest,
        method: (config.method ?? 'GET').toUpperCase(),
        url: withQuery(config.url, params),
        headers: {...(json ? {'Content-Type': 'application/json'} : {}), ...config.headers},
        data: json ? JSON.stringify(data) : data,
    });
}
