import {defineMessages} from 'react-intl';

import type {SearchStatus} from './limits';

// The results view's strings (the search chunk).
export default defineMessages({
    listLabel: {id: 'throughline.search.results.label', defaultMessage: 'Search results'},
    heading: {id: 'throughline.search.results.heading', defaultMessage: 'Found for “{q}”'},
    loading: {id: 'throughline.search.results.loading', defaultMessage: 'Searching…'},
    empty: {id: 'throughline.search.results.empty', defaultMessage: 'Nothing found in your channels.'},
    emptyFiltered: {id: 'throughline.search.results.emptyFiltered', defaultMessage: 'Nothing matches these filters.'},
    noWords: {id: 'throughline.search.results.noWords', defaultMessage: 'Type a word to search for: letters or digits.'},
    clearFilters: {id: 'throughline.search.results.clearFilters', defaultMessage: 'Clear filters'},
    loadMore: {id: 'throughline.search.results.loadMore', defaultMessage: 'Show more'},
    loadingMore: {id: 'throughline.search.results.loadingMore', defaultMessage: 'Loading…'},
    filterKind: {id: 'throughline.search.filter.kind', defaultMessage: 'Kind'},
    filterProject: {id: 'throughline.search.filter.project', defaultMessage: 'Project'},
    filterStatus: {id: 'throughline.search.filter.status', defaultMessage: 'Status'},
    any: {id: 'throughline.search.filter.any', defaultMessage: 'Any'},
    kindTask: {id: 'throughline.search.kind.task', defaultMessage: 'Task'},
    kindDecision: {id: 'throughline.search.kind.decision', defaultMessage: 'Decision'},
    kindAsset: {id: 'throughline.search.kind.asset', defaultMessage: 'Asset'},
    kindVersion: {id: 'throughline.search.kind.version', defaultMessage: 'Version'},
    source: {id: 'throughline.search.hit.source', defaultMessage: 'Source message'},
});

export const statusMessages: Record<SearchStatus, {id: string; defaultMessage: string}> = defineMessages({
    todo: {id: 'throughline.search.status.todo', defaultMessage: 'To do'},
    in_progress: {id: 'throughline.search.status.in_progress', defaultMessage: 'In progress'},
    review: {id: 'throughline.search.status.review', defaultMessage: 'In review'},
    done: {id: 'throughline.search.status.done', defaultMessage: 'Done'},
    cancelled: {id: 'throughline.search.status.cancelled', defaultMessage: 'Cancelled'},
    proposed: {id: 'throughline.search.status.proposed', defaultMessage: 'Proposed'},
    decided: {id: 'throughline.search.status.decided', defaultMessage: 'Decided'},
    superseded: {id: 'throughline.search.status.superseded', defaultMessage: 'Superseded'},
    revoked: {id: 'throughline.search.status.revoked', defaultMessage: 'Revoked'},
    approved: {id: 'throughline.search.status.approved', defaultMessage: 'Approved'},
    rejected: {id: 'throughline.search.status.rejected', defaultMessage: 'Rejected'},
});
