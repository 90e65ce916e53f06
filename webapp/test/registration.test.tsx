import {act} from '@testing-library/react';
import React from 'react';

import manifest from '../src/manifest';
import {pluginState} from '../src/selectors';

import {DELETED_POST, PENDING_POST, POST, SYSTEM_POST, mmId} from './fixtures';
import {boot, loadPlugin, mountPostElement, rightClick} from './harness';
import {makeHostStore} from './host_store';
import {StrictRegistry, oldRegistry} from './registry_double';

describe('registration', () => {
    test('the bundle registers itself synchronously under the manifest id', () => {
        const {plugin, ids} = loadPlugin();
        expect(ids).toEqual(['throughline']);
        expect(typeof plugin.initialize).toBe('function');
        expect(typeof plugin.uninitialize).toBe('function');
    });

    test('initialize registers every piece with the documented positional calls', () => {
        const {registry, store} = boot();
        expect(registry.reducers).toHaveLength(1);
        expect(pluginState(store.getState()).rightClick).toBe(true);
        expect(registry.roots).toHaveLength(1);
        expect(registry.postMenu).toHaveLength(3);
        expect(registry.fileMenu).toHaveLength(1);
        expect(React.isValidElement(registry.fileMenu[0].text)).toBe(true);
        expect(registry.reconnectHandlers).toHaveLength(1);
        expect(React.isValidElement(registry.postMenu[0].text)).toBe(true);
        expect(registry.rhs).toHaveLength(1);
        expect(registry.headerButtons).toHaveLength(1);
        expect(registry.appBar).toEqual([expect.objectContaining({iconUrl: '/plugins/throughline/public/app-bar-icon.png'})]);
        expect(registry.slashHooks).toHaveLength(1);
        expect(Object.keys(registry.postTypes)).toEqual(['custom_throughline_task', 'custom_throughline_approval', 'custom_throughline_decision']);
        expect(registry.translationSources.length).toBeGreaterThan(0);
        expect(document.head.querySelectorAll('style[data-throughline]')).toHaveLength(1);
    });

    test('the post menu filter gets a post id string and shows only on ordinary posts', () => {
        const {registry} = boot();
        const {filter} = registry.postMenu[0];
        expect(filter!(POST)).toBe(true);
        expect(filter!(SYSTEM_POST)).toBe(false);
        expect(filter!(DELETED_POST)).toBe(false);
        expect(filter!(PENDING_POST)).toBe(false);
        expect(filter!(mmId('unknown'))).toBe(false);
    });

    test('the post menu action opens the create-task modal for that post', () => {
        const {registry, store} = boot();
        act(() => registry.clickPostMenuItem(0, POST));
        expect(pluginState(store.getState()).modal).toEqual({postId: POST});
    });

    test('the channel header button and App Bar icon toggle the sidebar', () => {
        const {registry, store} = boot();
        const rhsId = registry.rhs[0].registration.id;
        act(() => registry.headerButtons[0].action());
        expect(store.getState().views.rhs.pluggableId).toBe(rhsId);
        act(() => registry.appBar[0].action());
        expect(store.getState().views.rhs.pluggableId).toBeNull();
    });

    test('/task opens the sidebar and is consumed; anything else goes to the server', () => {
        const {registry, store} = boot();
        const hook = registry.slashHooks[0];
        const args = {channel_id: mmId('chan'), team_id: mmId('team')};
        expect(hook('/task buy milk', args)).toEqual({message: '/task buy milk', args});
        expect(store.getState().views.rhs.pluggableId).toBeNull();
        expect(hook('/tasks', args)).toEqual({message: '/tasks', args});

        let result: unknown;
        act(() => {
            result = hook('/task', args);
        });
        expect(result).toEqual({});
        expect(store.getState().views.rhs.pluggableId).toBe(registry.rhs[0].registration.id);
        expect(hook('/task open ', args)).toEqual({});
    });

    test('a host without the newer calls (7.0) still gets everything else', () => {
        const {registry} = boot({registry: (store) => oldRegistry(store, manifest.id)});
        expect(registry.rhs).toHaveLength(1);
        expect(registry.headerButtons).toHaveLength(1);
        expect(registry.registerAppBarComponent).toBeUndefined();
    });

    test('uninitialize removes the right-click listener and the stylesheet', () => {
        const {plugin, store} = boot();
        const el = mountPostElement(POST);
        plugin.uninitialize();
        expect(document.head.querySelector('style[data-throughline]')).toBeNull();
        const {prevented} = rightClick(el);
        expect(prevented).toBe(false);
        expect(pluginState(store.getState()).menu).toBeNull();
        el.remove();
    });
});

describe('the strict registry double', () => {
    test('an object with a mistyped key lands in the first argument and fails, as in Mattermost', () => {
        const registry = new StrictRegistry(makeHostStore(), 'throughline');
        const action = jest.fn();
        const call = (method: unknown, arg: unknown) => () => (method as (a: unknown) => unknown)(arg);
        expect(call(registry.registerPostDropdownMenuAction, {text: 'x', action, filtr: () => true})).toThrow(/text must be/);
        expect(call(registry.registerPostDropdownMenuAction, {text: 'x', action})).not.toThrow();
        expect(call(registry.registerRightHandSidebarComponent, {component: () => null, titel: 'T'})).toThrow();
    });
});
