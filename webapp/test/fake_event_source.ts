// EventSource, faked at the network layer: the plugin's own code runs unchanged on top of it.
// A test plays the server: open(), send() an event with an id, drop() the connection (the browser
// retries by itself) or refuse() it (an HTTP error answer: the browser gives up, readyState CLOSED).
type Listener = (e: Event) => void;

export class FakeEventSource {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSED = 2;
    static instances: FakeEventSource[] = [];

    readonly url: string;
    readonly withCredentials: boolean;
    readyState = FakeEventSource.CONNECTING;
    private listeners = new Map<string, Listener[]>();
    private lastId = '';

    constructor(url: string, init?: {withCredentials?: boolean}) {
        this.url = url;
        this.withCredentials = Boolean(init?.withCredentials);
        FakeEventSource.instances.push(this);
    }

    static latest(): FakeEventSource {
        return FakeEventSource.instances[FakeEventSource.instances.length - 1];
    }

    static live(): FakeEventSource[] {
        return FakeEventSource.instances.filter((s) => s.readyState !== FakeEventSource.CLOSED);
    }

    static reset() {
        FakeEventSource.instances = [];
    }

    addEventListener(type: string, listener: Listener) {
        this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
    }

    removeEventListener(type: string, listener: Listener) {
        this.listeners.set(type, (this.listeners.get(type) ?? []).filter((l) => l !== listener));
    }

    close() {
        this.readyState = FakeEventSource.CLOSED;
    }

    // The server's 200 and its first event.
    open(seq = 0) {
        this.readyState = FakeEventSource.OPEN;
        this.fire(new Event('open'));
        this.send('ready', {seq});
    }

    send(type: string, data: unknown, id?: number) {
        if (this.readyState === FakeEventSource.CLOSED) {
            throw new Error('event on a closed EventSource');
        }
        if (id !== undefined) {
            this.lastId = String(id);
        }
        this.fire(new MessageEvent(type, {data: JSON.stringify(data), lastEventId: this.lastId}));
    }

    // The connection dropped; the browser will reconnect by itself with Last-Event-ID.
    drop() {
        this.readyState = FakeEventSource.CONNECTING;
        this.fire(new Event('error'));
    }

    // The server answered with an error status: the browser stops for good.
    refuse() {
        this.readyState = FakeEventSource.CLOSED;
        this.fire(new Event('error'));
    }

    // What the browser would send as Last-Event-ID on its own reconnect.
    get lastEventIdHeader() {
        return this.lastId;
    }

    private fire(e: Event) {
        for (const l of this.listeners.get(e.type) ?? []) {
            l(e);
        }
    }
}

export function installFakeEventSource() {
    if (typeof window === 'undefined') {
        return; // a node-environment suite
    }
    (window as unknown as {EventSource: unknown}).EventSource = FakeEventSource;
}
