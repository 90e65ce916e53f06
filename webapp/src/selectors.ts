import {pluginId} from './manifest';
import reducer, {type PluginState} from './reducer';

const STATE_KEY = 'plugins-' + pluginId;
const initialState = reducer(undefined, {type: STATE_KEY + '/init'} as never);

// The one way to read the plugin's own slice of the host store.
export const pluginState = (state: unknown): PluginState =>
    ((state as Record<string, PluginState | undefined>)[STATE_KEY]) ?? initialState;
