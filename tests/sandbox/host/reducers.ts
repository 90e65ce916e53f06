// The webapp-side reducers a plugin can see next to mattermost-redux's `entities`: `plugins`
// (manifests and registered components) and `views` (the right-hand sidebar, translations). They
// follow Mattermost's channels/src/reducers/{plugins,views/rhs,views/i18n} in shape and in the
// actions they answer; the many view slices a plugin has no business reading are left out.
import { combineReducers, type Reducer } from 'redux';

import { ActionTypes, RHSStates } from './constants';
import { COMPONENT_NAMES } from './registry';

type AnyAction = { type: string; [key: string]: any };

export type PluginComponent = { id: string; pluginId: string; [key: string]: any };

const LOGOUT_SUCCESS = 'LOGOUT_SUCCESS';

function manifests(state: Record<string, any> = {}, action: AnyAction) {
  switch (action.type) {
    case ActionTypes.RECEIVED_WEBAPP_PLUGINS:
      return action.data ? Object.fromEntries(action.data.map((m: { id: string }) => [m.id, m])) : state;
    case ActionTypes.RECEIVED_WEBAPP_PLUGIN:
      return action.data ? { ...state, [action.data.id]: action.data } : state;
    case ActionTypes.REMOVED_WEBAPP_PLUGIN: {
      if (!action.data || !state[action.data.id]) {
        return state;
      }
      const { [action.data.id]: _gone, ...rest } = state;
      return rest;
    }
    case LOGOUT_SUCCESS:
      return {};
    default:
      return state;
  }
}

const initialComponents: Record<string, PluginComponent[]> = Object.fromEntries(COMPONENT_NAMES.map((n) => [n, []]));

/** Every bucket without the components `drop` picks; unchanged buckets keep their identity. */
function without(state: Record<string, PluginComponent[]>, drop: (c: PluginComponent) => boolean) {
  let next = state;
  for (const [name, list] of Object.entries(state)) {
    if (list.some(drop)) {
      next = { ...next, [name]: list.filter((c) => !drop(c)) };
    }
  }
  return next;
}

function components(state = initialComponents, action: AnyAction) {
  switch (action.type) {
    case ActionTypes.RECEIVED_PLUGIN_COMPONENT: {
      if (!action.name || !action.data) {
        return state;
      }
      const next = [...(state[action.name] || []), action.data].sort((a, b) =>
        a.pluginId < b.pluginId ? -1 : a.pluginId > b.pluginId ? 1 : 0,
      );
      return { ...state, [action.name]: next };
    }
    case ActionTypes.REMOVED_PLUGIN_COMPONENT:
      return without(state, (c) => c.id === action.id);
    case ActionTypes.REMOVED_WEBAPP_PLUGIN:
      return action.data ? without(state, (c) => c.pluginId === action.data.id) : state;
    case LOGOUT_SUCCESS:
      return initialComponents;
    default:
      return state;
  }
}

function postTypes(state: Record<string, PluginComponent> = {}, action: AnyAction) {
  const drop = (gone: (c: PluginComponent) => boolean) => {
    const kept = Object.entries(state).filter(([, c]) => !gone(c));
    return kept.length === Object.keys(state).length ? state : Object.fromEntries(kept);
  };
  switch (action.type) {
    case ActionTypes.RECEIVED_PLUGIN_POST_COMPONENT: {
      // The plugin whose id sorts first keeps a post type that two plugins claim.
      const current = action.data && state[action.data.type];
      if (!action.data || (current && action.data.pluginId > current.pluginId)) {
        return state;
      }
      return { ...state, [action.data.type]: action.data };
    }
    case ActionTypes.REMOVED_PLUGIN_POST_COMPONENT:
      return drop((c) => c.id === action.id);
    case ActionTypes.REMOVED_WEBAPP_PLUGIN:
      return action.data ? drop((c) => c.pluginId === action.data.id) : state;
    case LOGOUT_SUCCESS:
      return {};
    default:
      return state;
  }
}

const emptyMap = (state: Record<string, unknown> = {}) => state;

const pluginsReducer = combineReducers({
  plugins: manifests,
  components,
  postTypes,
  postCardTypes: emptyMap,
  adminConsoleReducers: emptyMap,
  adminConsoleCustomComponents: emptyMap,
  siteStatsHandlers: emptyMap,
});

// views.rhs: only the slices whose meaning a plugin might rely on.
type Rhs = {
  rhsState: string | null;
  pluggableId: string;
  selectedPostId: string;
  selectedChannelId: string;
  isSidebarOpen: boolean;
  isSidebarExpanded: boolean;
  previousRhsStates: string[];
};
const RHS_INITIAL: Rhs = {
  rhsState: null,
  pluggableId: '',
  selectedPostId: '',
  selectedChannelId: '',
  isSidebarOpen: false,
  isSidebarExpanded: false,
  previousRhsStates: [],
};

function rhs(state: Rhs = RHS_INITIAL, action: AnyAction): Rhs {
  const previousRhsStates = action.previousRhsState ? [...state.previousRhsStates, action.previousRhsState] : [];
  switch (action.type) {
    case ActionTypes.UPDATE_RHS_STATE:
      return {
        rhsState: action.state,
        pluggableId: action.state === RHSStates.PLUGIN ? action.pluggableId : '',
        selectedPostId: action.postId ?? '',
        selectedChannelId: '',
        isSidebarOpen: Boolean(action.state),
        isSidebarExpanded: action.state ? state.isSidebarExpanded : false,
        previousRhsStates,
      };
    case ActionTypes.SELECT_POST:
      return {
        rhsState: null,
        pluggableId: '',
        selectedPostId: action.postId,
        selectedChannelId: action.channelId,
        isSidebarOpen: Boolean(action.postId),
        isSidebarExpanded: action.postId ? state.isSidebarExpanded : false,
        previousRhsStates,
      };
    case ActionTypes.SET_RHS_EXPANDED:
      return { ...state, isSidebarExpanded: action.expanded };
    case 'POST_REMOVED':
      return action.data && action.data.id === state.selectedPostId ? { ...state, selectedPostId: '' } : state;
    case LOGOUT_SUCCESS:
      return RHS_INITIAL;
    default:
      return state;
  }
}

function translations(state: Record<string, Record<string, string>> = {}, action: AnyAction) {
  if (action.type === ActionTypes.RECEIVED_TRANSLATIONS) {
    return { ...state, [action.data.locale]: action.data.translations };
  }
  return state;
}

export const appReducers: Record<string, Reducer> = {
  plugins: pluginsReducer as Reducer,
  views: combineReducers({ rhs, i18n: combineReducers({ translations }) }) as Reducer,
};
