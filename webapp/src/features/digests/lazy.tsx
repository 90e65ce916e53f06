import type {Project} from '@throughline/contract';
import React from 'react';

import LazyView from '../../components/lazy_view';

import messages from './entry_messages';

// The Digest tab is a chunk of its own, loaded the first time it opens.
const Panel = React.lazy(() => import(/* webpackChunkName: "digests" */ './views').then((m) => ({default: m.DigestPanel})));

export function DigestTab({project, onShowAssets}: {project: Project; onShowAssets: () => void}) {
    return (
        <LazyView
            loading={messages.loading}
            failed={messages.viewFailed}
        >
            <Panel
                project={project}
                onShowAssets={onShowAssets}
            />
        </LazyView>
    );
}
