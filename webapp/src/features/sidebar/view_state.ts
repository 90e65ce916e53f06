import type {TaskStatus} from '@throughline/contract';

import {NO_FILTERS, type Filters} from '../tasks';

export type Tab = 'tasks' | 'assets' | 'decisions' | 'digest';

export type View = {
    tab: Tab;
    scope: 'project' | 'channel';
    projectId: string | null; // null: the channel's own project
    filters: Filters;
    collapsed: ReadonlySet<TaskStatus>;
    search: string; // '': the tabs show; otherwise the results for these words
    openAssetId?: string; // an asset a search result opened in the Assets tab
};

export type ViewEvent =
    | {type: 'tab'; tab: Tab}
    | {type: 'scope'; scope: View['scope']}
    | {type: 'project'; projectId: string}
    | {type: 'filters'; changes: Partial<Filters>}
    | {type: 'clearFilters'}
    | {type: 'toggleGroup'; status: TaskStatus}
    | {type: 'channelChanged'}
    | {type: 'search'; q: string}
    | {type: 'openAsset'; projectId: string; assetId: string};

export const initialView: View = {tab: 'tasks', scope: 'project', projectId: null, filters: NO_FILTERS, collapsed: new Set(), search: ''};

export function viewReducer(view: View, e: ViewEvent): View {
    switch (e.type) {
    case 'tab':
        return {...view, tab: e.tab};
    case 'scope':
        return {...view, scope: e.scope};
    case 'project':
        return {...view, projectId: e.projectId};
    case 'filters':
        return {...view, filters: {...view.filters, ...e.changes}};
    case 'clearFilters':
        return {...view, filters: NO_FILTERS};
    case 'toggleGroup': {
        const collapsed = new Set(view.collapsed);
        if (!collapsed.delete(e.status)) {
            collapsed.add(e.status);
        }
        return {...view, collapsed};
    }
    case 'channelChanged':
        return {...view, projectId: null};
    case 'search':
        return {...view, search: e.q};
    case 'openAsset':
        return {...view, search: '', tab: 'assets', projectId: e.projectId, openAssetId: e.assetId};
    }
    return view;
}
