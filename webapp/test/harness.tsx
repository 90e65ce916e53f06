import {act, cleanup, fireEvent, render} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';
import {Provider} from 'react-redux';

import type {PluginInstance, PluginRegistry} from '../src/host/types';
import {http} from '../src/http';
import manifest from '../src/manifest';

import {FakeBackend} from './fake_backend';
import {hostState, makeHostStore, type TestStore} from './host_store';
import {StrictRegistry} from './registry_double';

let plugin: PluginInstance | null = null;
const registeredIds: string[] = [];

// Loads the bundle's entry once, the way the host does: it must call window.registerPlugin.
export function loadPlugin(): {plugin: PluginInstance; ids: string[]} {
    if (!plugin) {
        window.registerPlugin = (id, instance) => {
            registeredIds.push(id);
            plugin = instance;
        };
        jest.requireActual('../src/index'); // after registerPlugin exists, as in the host
    }
    return {plugin: plugin!, ids: registeredIds};
}

// The test now running: one store, one backend, one plugin initialization, one user.
let active: {plugin: PluginInstance; alive: boolean} | null = null;

// Nothing a test leaves behind reaches the next one, whether it passed, failed or timed out:
// its tree is unmounted, the plugin uninitialized (listeners, stream, timers), the page emptied,
// and its user can do nothing more.
afterEach(() => {
    cleanup();
    const ending = active;
    active = null;
    if (ending) {
        ending.alive = false;
        ending.plugin.uninitialize();
    }
    http.defaults.adapter = () => Promise.reject(new Error('request after the test ended'));
    document.body.innerHTML = '';
    localStorage.clear();
    window.getSelection()?.removeAllRanges();
    jest.useRealTimers();
});

type User = ReturnType<typeof userEvent.setup>;

// A user who acts only while their test runs: a test that timed out cannot click in the next one.
function userFor(test: {alive: boolean}): User {
    const user = userEvent.setup();
    return new Proxy(user, {
        get(target, key, receiver) {
            const value = Reflect.get(target, key, receiver);
            if (typeof value !== 'function') {
                return value;
            }
            return (...args: unknown[]) => {
                if (!test.alive) {
                    throw new Error('this test is over');
                }
                return value.apply(target, args);
            };
        },
    });
}

type BootOptions = {locale?: string; currentChannelId?: string; registry?: (store: TestStore) => PluginRegistry; backend?: FakeBackend};

export function boot(opts: BootOptions = {}) {
    const backend = (opts.backend ?? new FakeBackend()).install();
    const store = makeHostStore(hostState(opts));
    const registry = opts.registry ? opts.registry(store) : new StrictRegistry(store, manifest.id);
    const {plugin: instance} = loadPlugin();
    const test = {plugin: instance, alive: true};
    active = test; // before initialize: a half-done initialize is undone too
    act(() => {
        instance.initialize(registry, store);
    });
    const strict = registry as StrictRegistry;
    const wrap = (ui: React.ReactElement) => render(<Provider store={store}>{ui}</Provider>);

    return {
        backend,
        store,
        registry: strict,
        plugin: instance,
        user: userFor(test),
        renderRoot: () => {
            const Root = strict.roots[0];
            return wrap(<Root/>);
        },
        renderSidebar: () => {
            const Sidebar = strict.rhs[0].component;
            return wrap(<Sidebar/>);
        },
        renderPost: (post: {type: string}) => {
            const Component = strict.postTypes[post.type];
            return wrap(<Component post={post}/>);
        },
    };
}

// A post element as Mattermost renders it, in the center channel or the thread view.
export function mountPostElement(postId: string, html = '<p class="post-message">Print the new poster</p>', where: 'center' | 'rhs' = 'center') {
    const el = document.createElement('div');
    el.id = (where === 'rhs' ? 'rhsPost_' : 'post_') + postId;
    el.className = 'post';
    el.innerHTML = `<div class="post__content"><div id="postMessageText_${postId}">${html}</div></div>`;
    document.body.appendChild(el);
    return el;
}

export function rightClick(target: Element, init: MouseEventInit = {}) {
    let prevented = false;
    act(() => {
        prevented = !fireEvent.contextMenu(target, {clientX: 40, clientY: 60, bubbles: true, cancelable: true, ...init});
    });
    return {prevented};
}
