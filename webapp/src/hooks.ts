import {useSelector, useStore, type TypedUseSelectorHook} from 'react-redux';

import type {HostDispatch, HostState, HostStore} from './host/types';

// Typed access to the host's store. Only type parameters: the host's react-redux (7 to 9) is used as is.
export const useAppSelector: TypedUseSelectorHook<HostState> = useSelector;

export const useAppStore = (): HostStore => useStore() as unknown as HostStore;

// The host store runs redux-thunk, so a thunk dispatches like an action.
export const useAppDispatch = (): HostDispatch => useAppStore().dispatch;
