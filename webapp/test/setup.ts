import '@testing-library/jest-dom';
import {webcrypto} from 'node:crypto';

import {configure} from '@testing-library/react';

import {FakeEventSource, installFakeEventSource} from './fake_event_source';

// jsdom lacks these browser APIs the plugin uses.
if (!globalThis.crypto?.getRandomValues) {
    Object.defineProperty(globalThis, 'crypto', {value: webcrypto});
}

// findBy* and waitFor return as soon as what they wait for is there; the limit only bounds a failure,
// and must allow for a machine busy with other work (the default is one second).
configure({asyncUtilTimeout: 20000});

// A browser has EventSource; jsdom does not. Every test runs with the fake one (no network).
installFakeEventSource();
afterEach(() => FakeEventSource.reset());
