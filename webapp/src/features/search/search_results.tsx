import type {Project, SearchHit, SearchKind} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import ErrorNotice from '../../components/error_notice';
import {Field} from '../../components/form';

import {SEARCH_KIND_LIST, SEARCH_STATUS_LIST, type SearchStatus} from './limits';
import SearchHitRow from './search_hit';
import {NO_SEARCH_FILTERS, hasWord, useSearch, type SearchFilters} from './use_search';
import messages, {statusMessages} from './view_messages';

type Props = {
    q: string;
    projects: readonly Project[];
    onOpen: (hit: SearchHit) => void;
};

const KIND = {task: messages.kindTask, decision: messages.kindDecision, asset: messages.kindAsset, version: messages.kindVersion} as const;

// The view's own look, in its chunk: the main bundle carries only the box's.
const CSS = '.tl-search__hit mark{padding:0 1px;border-radius:2px;background:rgba(var(--button-bg-rgb),.18);color:inherit;font-weight:600}' +
    '.tl-search__title{text-align:left}.tl-search__snippet{margin:4px 0;font-size:12px;overflow-wrap:anywhere}.tl-search__heading{margin:0 0 8px;font-weight:600}';

// The search results in the sidebar: hits from every channel the user is in, with filters.
export default function SearchResults({q, projects, onOpen}: Props) {
    const intl = useIntl();
    const [filters, setFilters] = useState<SearchFilters>(NO_SEARCH_FILTERS);
    const result = useSearch(q, filters);
    const filtered = Boolean(filters.kind || filters.projectId || filters.status);
    const set = (changes: Partial<SearchFilters>) => setFilters((f) => ({...f, ...changes}));
    const any = intl.formatMessage(messages.any);
    const heading = intl.formatMessage(messages.heading, {q});

    let body: React.ReactNode;
    if (!hasWord(q)) {
        body = <p className='tl-muted'><FormattedMessage {...messages.noWords}/></p>;
    } else if (result.error && !result.hits.length) {
        body = (
            <ErrorNotice
                error={result.error}
                onRetry={result.reload}
            />
        );
    } else if (!result.loaded) {
        body = <p className='tl-muted'><FormattedMessage {...messages.loading}/></p>;
    } else if (!result.hits.length) {
        body = filtered ? (
            <p className='tl-card__meta'>
                <FormattedMessage {...messages.emptyFiltered}/>
                <button
                    type='button'
                    className='tl-btn tl-btn--link'
                    onClick={() => setFilters(NO_SEARCH_FILTERS)}
                >
                    <FormattedMessage {...messages.clearFilters}/>
                </button>
            </p>
        ) : <p><FormattedMessage {...messages.empty}/></p>;
    } else {
        body = (
            <>
                <ul
                    className='tl-assets'
                    aria-label={intl.formatMessage(messages.listLabel)}
                    aria-busy={result.status === 'loading' || undefined}
                >
                    {result.hits.map((h) => (
                        <SearchHitRow
                            key={h.kind + ':' + h.id}
                            hit={h}
                            onOpen={onOpen}
                        />
                    ))}
                </ul>
                {result.error && (
                    <ErrorNotice
                        error={result.error}
                        onRetry={result.reload}
                    />
                )}
                {result.hasMore && (
                    <p>
                        <button
                            type='button'
                            className='tl-btn'
                            aria-disabled={result.status === 'loading'}
                            onClick={() => result.status !== 'loading' && result.loadMore()}
                        >
                            <FormattedMessage {...(result.status === 'loading' ? messages.loadingMore : messages.loadMore)}/>
                        </button>
                    </p>
                )}
            </>
        );
    }

    return (
        <div className='tl-detail'>
            <style>{CSS}</style>
            <p className='tl-search__heading'>{heading}</p>
            <div className='tl-filters'>
                <Field
                    label={messages.filterKind}
                    inline={true}
                >
                    {(control) => (
                        <select
                            {...control}
                            className='tl-input'
                            value={filters.kind}
                            onChange={(e) => set({kind: e.target.value as SearchKind | ''})}
                        >
                            <option value=''>{any}</option>
                            {SEARCH_KIND_LIST.map((k) => (
                                <option
                                    key={k}
                                    value={k}
                                >
                                    {intl.formatMessage(KIND[k])}
                                </option>
                            ))}
                        </select>
                    )}
                </Field>
                {projects.length > 0 && (
                    <Field
                        label={messages.filterProject}
                        inline={true}
                    >
                        {(control) => (
                            <select
                                {...control}
                                className='tl-input'
                                value={filters.projectId}
                                onChange={(e) => set({projectId: e.target.value})}
                            >
                                <option value=''>{any}</option>
                                {projects.map((p) => (
                                    <option
                                        key={p.id}
                                        value={p.id}
                                    >
                                        {p.name}
                                    </option>
                                ))}
                            </select>
                        )}
                    </Field>
                )}
                <Field
                    label={messages.filterStatus}
                    inline={true}
                >
                    {(control) => (
                        <select
                            {...control}
                            className='tl-input'
                            value={filters.status}
                            onChange={(e) => set({status: e.target.value as SearchStatus | ''})}
                        >
                            <option value=''>{any}</option>
                            {SEARCH_STATUS_LIST.map((s) => (
                                <option
                                    key={s}
                                    value={s}
                                >
                                    {intl.formatMessage(statusMessages[s])}
                                </option>
                            ))}
                        </select>
                    )}
                </Field>
            </div>
            {body}
        </div>
    );
}
