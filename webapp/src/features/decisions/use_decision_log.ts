import type {DecisionStatus, ListDecisionsQuery} from '@throughline/contract';
import {useState} from 'react';
import {shallowEqual} from 'react-redux';

import {decisionsReceived} from '../../actions';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {useResource} from '../../resource';
import {pluginState} from '../../selectors';

import {listDecisions} from './api';
import {useDecisionStamp} from './use_decision';

export type LogFilters = {status: DecisionStatus | ''; channelId: string; personId: string; q: string};

export const NO_LOG_FILTERS: LogFilters = {status: '', channelId: '', personId: '', q: ''};

export const PAGE_SIZE = 25;

function toQuery(projectId: string, f: LogFilters): ListDecisionsQuery {
    const query: ListDecisionsQuery = {project_id: projectId, limit: PAGE_SIZE};
    if (f.status) {
        query.status = f.status;
    }
    if (f.channelId) {
        query.channel_id = f.channelId;
    }
    if (f.personId) {
        query.person_id = f.personId;
    }
    if (f.q.trim()) {
        query.q = f.q.trim();
    }
    return query;
}

// A project's decision log, newest first, as many pages as asked for; loaded again (every page
// shown) when a decision event of the project arrives, so what is on screen stays current.
export function useDecisionLog(projectId: string, filters: LogFilters) {
    const dispatch = useAppDispatch();
    const stamp = useDecisionStamp(projectId);
    const query = toQuery(projectId, filters);
    const filterKey = JSON.stringify(query);
    const [more, setMore] = useState({filterKey, pages: 1});
    const pages = more.filterKey === filterKey ? more.pages : 1;

    const req = useResource(`decisions:${filterKey}:${pages}#${stamp}`, async (signal) => {
        const ids: string[] = [];
        let cursor: string | null = null;
        for (let i = 0; i < pages; i++) {
            // Sequential on purpose: each page needs the previous cursor.
            const page = await listDecisions(cursor ? {...query, cursor} : query, {signal});
            dispatch(decisionsReceived(page.items));
            ids.push(...page.items.map((d) => d.id));
            cursor = page.next_cursor;
            if (!cursor) {
                break;
            }
        }
        return {ids, more: cursor !== null};
    });
    const ids = req.data?.ids;
    const decisions = useAppSelector((s) => (ids ?? []).map((id) => pluginState(s).decisions[id]).filter(Boolean), shallowEqual);
    return {
        decisions,
        loaded: req.data !== null,
        hasMore: Boolean(req.data?.more),
        status: req.status,
        error: req.error,
        reload: req.reload,
        loadMore: () => setMore({filterKey, pages: pages + 1}),
    };
}
