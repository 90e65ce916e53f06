import {applyMiddleware, combineReducers, legacy_createStore as createStore, type Reducer, type Store} from 'redux';
import {thunk} from 'redux-thunk';

import type {ChannelMembership} from '@mattermost/types/channels';
import type {Team} from '@mattermost/types/teams';

import entities from 'mattermost-redux/reducers/entities';

import type {HostDispatch, HostState} from '../src/host/types';
import manifest from '../src/manifest';

import {CHANNEL, ME, TEAM, channels, posts, thread, users} from './fixtures';

type RhsState = {pluggableId: string | null};

// Mattermost's RHS state, reduced to what a plugin RHS toggle changes.
const rhs: Reducer<RhsState> = (state = {pluggableId: null}, action) => {
    const a = action as {type: string; state?: string; pluggableId?: string};
    if (a.type === 'UPDATE_RHS_STATE') {
        return {pluggableId: a.state === 'plugin' ? a.pluggableId ?? null : null};
    }
    return state;
};

type Translations = Record<string, Record<string, string>>;

// Mattermost's views.i18n.translations: the messages of each loaded locale, host's and plugins'.
const translations: Reducer<Translations> = (state = {}, action) => {
    const a = action as {type: string; data?: {locale: string; translations: Record<string, string>}};
    return a.type === 'RECEIVED_TRANSLATIONS' && a.data ? {...state, [a.data.locale]: a.data.translations} : state;
};

const plugins: Reducer<{plugins: Record<string, unknown>}> = (state = {plugins: {[manifest.id]: manifest}}) => state;

export type TestStore = Store & {
    getState(): HostState & {views: {rhs: RhsState; i18n: {translations: Translations}}};
    dispatch: HostDispatch;
    addReducer(key: string, reducer: Reducer): void;
};

export function hostState({locale = 'en', currentChannelId = CHANNEL} = {}) {
    return {
        entities: {
            users: {currentUserId: ME, profiles: {[ME]: {...users[ME], locale}}},
            teams: {currentTeamId: TEAM, teams: {[TEAM]: {id: TEAM, name: 'marketing', display_name: 'Marketing'} as Team}},
            channels: {currentChannelId, channels, myMembers: {[CHANNEL]: {channel_id: CHANNEL, user_id: ME, roles: 'channel_user'} as ChannelMembership}},
            posts: {posts: {...posts, ...thread}},
        },
    };
}

// A host-shaped store: mattermost-redux's real entity reducers, thunks, and plugin reducers added at runtime.
export function makeHostStore(preloaded: ReturnType<typeof hostState> = hostState()): TestStore {
    const base: Record<string, Reducer> = {entities, plugins, views: combineReducers({rhs, i18n: combineReducers({translations})})};
    const extra: Record<string, Reducer> = {};
    const store = createStore(combineReducers(base), preloaded as never, applyMiddleware(thunk)) as unknown as TestStore;
    store.addReducer = (key, reducer) => {
        extra[key] = reducer;
        store.replaceReducer(combineReducers({...base, ...extra}) as never);
    };
    return store;
}
