import '@testing-library/jest-dom';

import {FakeEventSource, installFakeEventSource} from './fake_event_source';

// jsdom lacks these browser APIs the plugin uses.
if (!globalThis.crypto?.getRandomValues) {
    Object.defineProperty(globalThis, 'crypto', {value: require('node:crypto').webcrypto});
}

// A browser has EventSource; jsdom does not. Every test runs with the fake one (no network).
installFakeEventSource();
afterEach(() => FakeEventSource.reset());
