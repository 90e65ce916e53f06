import type {Project, SearchHit} from '@throughline/contract';
import React, {Suspense} from 'react';
import {FormattedMessage} from 'react-intl';

import ChunkBoundary from '../../components/chunk_boundary';
import {Alert} from '../../components/form';

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
        <ChunkBoundary failed={<Alert><FormattedMessage {...messages.viewFailed}/></Alert>}>
            <Suspense fallback={<p className='tl-muted'><FormattedMessage {...messages.loadingView}/></p>}>
                <Results {...props}/>
            </Suspense>
        </ChunkBoundary>
    );
}
