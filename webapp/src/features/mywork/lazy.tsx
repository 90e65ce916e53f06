import React, {Suspense} from 'react';
import {FormattedMessage} from 'react-intl';

import ChunkBoundary from '../../components/chunk_boundary';
import {Alert} from '../../components/form';

import messages from './entry_messages';

// "My work" is a chunk of its own, loaded the first time the sidebar opens with no channel in view.
const Panel = React.lazy(() => import(/* webpackChunkName: "mywork" */ './views').then((m) => ({default: m.MyWorkPanel})));

const failed = <Alert><FormattedMessage {...messages.viewFailed}/></Alert>;

export function MyWorkView() {
    return (
        <ChunkBoundary failed={failed}>
            <Suspense fallback={<p className='tl-muted'><FormattedMessage {...messages.loading}/></p>}>
                <Panel/>
            </Suspense>
        </ChunkBoundary>
    );
}
