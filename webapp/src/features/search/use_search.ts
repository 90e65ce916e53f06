import type {SearchHit, SearchKind, SearchQuery} from '@throughline/contract';
import {useState} from 'react';

import {useRequest} from '../../use_request';

import {search} from './api';
import {SEARCH_LIMITS, type SearchStatus} from './limits';

export type SearchFilters = {kind: SearchKind | ''; projectId: string; status: SearchStatus | ''};

export const NO_SEARCH_FILTERS: SearchFilters = {kind: '', projectId: '', status: ''};

function toQuery(q: string, f: SearchFilters): SearchQuery {
    const query: SearchQuery = {q, limit: SEARCH_LIMITS.pageSize};
    if (f.kind) {
        query.kind = f.kind;
    }
    if (f.projectId) {
        query.project_id = f.projectId;
    }
    if (f.status) {
        query.status = f.status;
    }
    return query;
}

// Letters or digits: a query of only punctuation finds nothing, and is not sent.
export const hasWord = (q: string) => /[\p{L}\p{N}]/u.test(q);

// The hits for `q` and the filters, best first, as many pages as asked for.
export function useSearch(q: string, filters: SearchFilters) {
    const query = toQuery(q, filters);
    const key = JSON.stringify(query);
    const [more, setMore] = useState({key, pages: 1});
    const pages = more.key === key ? more.pages : 1;

    const req = useRequest(hasWord(q) ? `${key}:${pages}` : null, async (signal) => {
        const hits: SearchHit[] = [];
        let cursor: string | null = null;
        for (let i = 0; i < pages; i++) {
            // Sequential on purpose: each page needs the previous cursor.
            const page = await search(cursor ? {...query, cursor} : query, {signal});
            hits.push(...page.items);
            cursor = page.next_cursor;
            if (!cursor) {
                break;
            }
        }
        return {hits, more: cursor !== null};
    });
    return {
        status: req.status,
        error: req.error,
        hits: req.data?.hits ?? [],
        loaded: req.data !== null,
        hasMore: req.data?.more ?? false,
        reload: req.reload,
        loadMore: () => setMore({key, pages: pages + 1}),
    };
}
