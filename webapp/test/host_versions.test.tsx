import {act} from '@testing-library/react';
import React from 'react';

import {PROFILES} from '../../tests/sandbox/host/profile';
import {registerPostHeader} from '../src/host/surfaces';
import manifest from '../src/manifest';

import {boot} from './harness';
import {makeHostStore, type TestStore} from './host_store';
import {StrictRegistry} from './registry_double';

// The sidebar's registration on each Mattermost the sandbox plays (tests/sandbox/host/profile.ts).
const on = (version: keyof typeof PROFILES) => ({registry: (store: TestStore) => new StrictRegistry(store, manifest.id, PROFILES[version])});

describe('the sidebar on each Mattermost', () => {
    test('7.3 (before the global RHS): its own RHS, an App Bar icon with an action, the header button', () => {
        const {registry, store} = boot(on('17'));
        expect(registry.supports).toBeUndefined();
        expect(registry.rhs).toHaveLength(1);
        expect(registry.rhs[0]).not.toHaveProperty('showPopout');
        expect(registry.appBar).toEqual([expect.objectContaining({iconUrl: '/plugins/throughline/public/app-bar-icon.png'})]);
        expect(registry.appBar[0].rhsComponentId).toBeUndefined();
        expect(registry.headerButtons).toHaveLength(1);
        act(() => registry.appBar[0].action());
        expect(store.getState().views.rhs.pluggableId).toBe(registry.rhs[0].id);
    });

    test('11.2: the App Bar item carries the RHS itself, so it opens in any view; the header button stays for App Bar off', () => {
        const {registry, store} = boot(on('18'));
        expect(registry.rhs).toHaveLength(1);
        expect(registry.appBar).toHaveLength(1);
        expect(registry.appBar[0].rhsComponentId).toBe(registry.rhs[0].id);
        expect(registry.headerButtons).toHaveLength(1);
        act(() => registry.appBar[0].action());
        expect(store.getState().views.rhs.pluggableId).toBe(registry.rhs[0].id);
        act(() => registry.headerButtons[0].action());
        expect(store.getState().views.rhs.pluggableId).toBeNull();
    });

    test('12: the RHS is registered with showPopout false, the App Bar icon toggles it, no popout listener', () => {
        const {registry, store} = boot(on('19'));
        expect(registry.rhs).toHaveLength(1);
        expect(registry.rhs[0].showPopout).toBe(false);
        expect(registry.appBar).toHaveLength(1);
        expect(registry.appBar[0].rhsComponentId).toBeUndefined();
        expect(registry.popoutListeners).toEqual([]);
        act(() => registry.appBar[0].action());
        expect(store.getState().views.rhs.pluggableId).toBe(registry.rhs[0].id);
    });

    test('the App Bar item with an RHS is refused by a host that predates it, as Mattermost 7.3 would take the object as the icon URL', () => {
        const registry = new StrictRegistry(makeHostStore(), manifest.id, PROFILES['17']);
        const item = {iconUrl: '/x.png', tooltipText: 'T', rhsComponent: () => null, rhsTitle: 'T'};
        expect(() => registry.registerAppBarComponent!(item)).toThrow(/not among/);
    });
});

describe('the post header surface', () => {
    const Status = () => <span>{'status'}</span>;

    test('registers on Mattermost 12', () => {
        const registry = new StrictRegistry(makeHostStore(), manifest.id, PROFILES['19']);
        expect(typeof registerPostHeader(registry, Status)).toBe('string');
        expect(registry.postHeaders).toEqual([Status]);
    });

    test('is skipped on older hosts', () => {
        for (const version of ['17', '18'] as const) {
            const registry = new StrictRegistry(makeHostStore(), manifest.id, PROFILES[version]);
            expect(registerPostHeader(registry, Status)).toBeNull();
            expect(registry.postHeaders).toEqual([]);
        }
    });
});
