import type {Project, SearchHit} from '@throughline/contract';
import React from 'react';

import LazyView from '../../components/lazy_view';

import messages from './messages';

// The results view is a chunk of its own, loaded the first time someone searches.
const Results = React.lazy(() => import(/* webpackChunkName: "search" */ './views').then((m) => ({default: m.SearchResults})));

type Props = {
    q: string;
    projects: readonly Project[];
    onOpen: (hit: SearchHit) => void;
};

export function SearchResultsView(props: Props) {
    return (
        <LazyView
            loading={messages.loadingView}
            failed={messages.viewFailed}
        >
            <Results {...props}/>
        </LazyView>
    );
}
