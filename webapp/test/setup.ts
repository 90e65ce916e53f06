import '@testing-library/jest-dom';

// jsdom lacks these browser APIs the plugin uses.
if (!globalThis.crypto?.getRandomValues) {
    Object.defineProperty(globalThis, 'crypto', {value: require('node:crypto').webcrypto});
}
