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
    case ActionTypes.RECEIVED_WEBAPP_PLUGINS: {
      if (!action.data) {
        return state;
      }
      const next: Record<string, any> = {};
      action.data.forEach((m: { id: string }) => {
        next[m.id] = m;
      });
      return next;
    }
    case ActionTypes.RECEIVED_WEBAPP_PLUGIN:
      return action.data ? { ...state, [action.data.id]: action.data } : state;
    case ActionTypes.REMOVED_WEBAPP_PLUGIN: {
      if (!action.data || !state[action.data.id]) {
        return state;
      }
      const next = { ...state };
      delete next[action.data.id];
      return next;
    }
    case LOGOUT_SUCCESS:
      return {};
    default:
      return state;
  }
}

const initialComponents: Record<string, PluginComponent[]> = Object.fromEntries(COMPONENT_NAMES.map((n) => [n, []]));

function byPluginId(a: PluginComponent, b: PluginComponent) {
  if (a.pluginId < b.pluginId) {
    return -1;
  }
  return a.pluginId > b.pluginId ? 1 : 0;
}

function components(state = initialComponents, action: AnyAction) {
  switch (action.type) {
    case ActionTypes.RECEIVED_PLUGIN_COMPONENT: {
      if (!action.name || !action.data) {
        return state;
      }
      const next = [...(state[action.name] || []), action.data].sort(byPluginId);
      return { ...state, [action.name]: next };
    }
    case ActionTypes.REMOVED_PLUGIN_COMPONENT: {
      let next = state;
      for (const name of Object.keys(state)) {
        if (state[name].some((c) => c.id === action.id)) {
          next = { ...next, [name]: state[name].filter((c) => c.id !== action.id) };
        }
      }
      return next;
    }
    case ActionTypes.REMOVED_WEBAPP_PLUGIN: {
      if (!action.data) {
        return state;
      }
      let next = state;
      for (const name of Object.keys(state)) {
        if (state[name].some((c) => c.pluginId === action.data.id)) {
          next = { ...next, [name]: state[name].filter((c) => c.pluginId !== action.data.id) };
        }
      }
      return next;
    }
    case LOGOUT_SUCCESS:
      return initialComponents;
    default:
      return state;
  }
}

function postTypes(state: Record<string, PluginComponent> = {}, action: AnyAction) {
  switch (action.type) {
    case ActionTypes.RECEIVED_PLUGIN_POST_COMPONENT: {
      if (!action.data) {
        return state;
      }
      // The plugin whose id sorts first keeps a post type that two plugins claim.
      const current = state[action.data.type];
      if (current && action.data.pluginId > current.pluginId) {
        return state;
      }
      return { ...state, [action.data.type]: action.data };
    }
    case ActionTypes.REMOVED_PLUGIN_POST_COMPONENT: {
      const key = Object.keys(state).find((k) => state[k].id === action.id);
      if (!key) {
        return state;
      }
      const next = { ...state };
      delete next[key];
      return next;
    }
    case ActionTypes.REMOVED_WEBAPP_PLUGIN: {
      if (!action.data) {
        return state;
      }
      const next = { ...state };
      let changed = false;
      for (const k of Object.keys(next)) {
        if (next[k].pluginId === action.data.id) {
          delete next[k];
          changed = true;
        }
      }
      return changed ? next : state;
    }
    case LOGOUT_SUCCESS:
      return {};
    default:
      return state;
  }
}

export const pluginsReducer = combineReducers({
  plugins: manifests,
  components,
  postTypes,
  postCardTypes: (state: Record<string, PluginComponent> = {}) => state,
  adminConsoleReducers: (state: Record<string, unknown> = {}) => state,
  adminConsoleCustomComponents: (state: Record<string, unknown> = {}) => state,
  siteStatsHandlers: (state: Record<string, unknown> = {}) => state,
});

// views.rhs: only the slices whose meaning a plugin might rely on.
function rhsState(state: string | null = null, action: AnyAction) {
  switch (action.type) {
    case ActionTypes.UPDATE_RHS_STATE:
      return action.state;
    case ActionTypes.SELECT_POST:
    case LOGOUT_SUCCESS:
      return null;
    default:
      return state;
  }
}

function pluggableId(state = '', action: AnyAction) {
  switch (action.type) {
    case ActionTypes.UPDATE_RHS_STATE:
      return action.state === RHSStates.PLUGIN ? action.pluggableId : '';
    case ActionTypes.SELECT_POST:
    case LOGOUT_SUCCESS:
      return '';
    default:
      return state;
  }
}

function selectedPostId(state = '', action: AnyAction) {
  switch (action.type) {
    case ActionTypes.SELECT_POST:
      return action.postId;
    case ActionTypes.UPDATE_RHS_STATE:
      return action.postId ?? '';
    case 'POST_REMOVED':
      return action.data && action.data.id === state ? '' : state;
    case LOGOUT_SUCCESS:
      return '';
    default:
      return state;
  }
}

function selectedChannelId(state = '', action: AnyAction) {
  switch (action.type) {
    case ActionTypes.SELECT_POST:
      return action.channelId;
    case ActionTypes.UPDATE_RHS_STATE:
    case LOGOUT_SUCCESS:
      return '';
    default:
      return state;
  }
}

function isSidebarOpen(state = false, action: AnyAction) {
  switch (action.type) {
    case ActionTypes.UPDATE_RHS_STATE:
      return Boolean(action.state);
    case ActionTypes.SELECT_POST:
      return Boolean(action.postId);
    case LOGOUT_SUCCESS:
      return false;
    default:
      return state;
  }
}

function isSidebarExpanded(state = false, action: AnyAction) {
  switch (action.type) {
    case ActionTypes.SET_RHS_EXPANDED:
      return action.expanded;
    case ActionTypes.UPDATE_RHS_STATE:
      return action.state ? state : false;
    case ActionTypes.SELECT_POST:
      return action.postId ? state : false;
    case LOGOUT_SUCCESS:
      return false;
    default:
      return state;
  }
}

function previousRhsStates(state: string[] = [], action: AnyAction) {
  switch (action.type) {
    case ActionTypes.SELECT_POST:
    case ActionTypes.UPDATE_RHS_STATE:
      return action.previousRhsState ? [...state, action.previousRhsState] : [];
    case LOGOUT_SUCCESS:
      return [];
    default:
      return state;
  }
}

const rhs = combineReducers({
  rhsState,
  pluggableId,
  selectedPostId,
  selectedChannelId,
  isSidebarOpen,
  isSidebarExpanded,
  previousRhsStates,
});

function translations(state: Record<string, Record<string, string>> = {}, action: AnyAction) {
  if (action.type === ActionTypes.RECEIVED_TRANSLATIONS) {
    return { ...state, [action.data.locale]: action.data.translations };
  }
  return state;
}

export const viewsReducer = combineReducers({
  rhs,
  i18n: combineReducers({ translations }),
});

export const appReducers: Record<string, Reducer> = {
  plugins: pluginsReducer as Reducer,
  views: viewsReducer as Reducer,
};
