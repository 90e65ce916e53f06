import {act, fireEvent, render} from '@testing-library/react';
import React from 'react';
import {Provider} from 'react-redux';

import manifest from '../src/manifest';
import type {PluginInstance, PluginRegistry} from '../src/types';

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
        require('../src/index'); // after registerPlugin exists, as in the host
    }
    return {plugin: plugin!, ids: registeredIds};
}

let active: PluginInstance | null = null;

afterEach(() => {
    active?.uninitialize();
    active = null;
    localStorage.clear();
    window.getSelection()?.removeAllRanges();
});

type BootOptions = {locale?: string; currentChannelId?: string; registry?: (store: TestStore) => PluginRegistry; backend?: FakeBackend};

export function boot(opts: BootOptions = {}) {
    const backend = (opts.backend ?? new FakeBackend()).install();
    const store = makeHostStore(hostState(opts));
    const registry = opts.registry ? opts.registry(store) : new StrictRegistry(store, manifest.id);
    const {plugin: instance} = loadPlugin();
    act(() => {
        instance.initialize(registry, store);
    });
    active = instance;
    const strict = registry as StrictRegistry;
    const wrap = (ui: React.ReactElement) => render(<Provider store={store}>{ui}</Provider>);

    return {
        backend,
        store,
        registry: strict,
        plugin: instance,
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

// Lets pending promises (fake HTTP answers) settle inside act.
export async function flush() {
    await act(async () => {
        for (let i = 0; i < 5; i++) {
            await new Promise((r) => setTimeout(r, 0));
        }
    });
}
