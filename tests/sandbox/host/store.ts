// The store handed to plugins: mattermost-redux's own configureStore (its entities, errors,
// requests reducers, thunk middleware, reducer registry) with the webapp's `plugins` and `views`
// reducers added, as channels/src/stores/redux_store does.
import * as storeModule from 'mattermost-redux/store';

import { cjsDefault } from './cjs';

import { appReducers } from './reducers';

const configureStore = cjsDefault<typeof storeModule.default>(storeModule);

export type HostStore = ReturnType<typeof configureStore>;

export function createHostStore(): HostStore {
  return configureStore({
    appReducers,
    getAppReducers: () => appReducers,
    preloadedState: {},
  });
}
