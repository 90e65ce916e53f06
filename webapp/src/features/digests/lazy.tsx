import type {Project} from '@throughline/contract';
import React, {Suspense} from 'react';
import {FormattedMessage} from 'react-intl';

import {Alert} from '../../components/form';

import messages from './entry_messages';

// The Digest tab is a chunk of its own, loaded the first time it opens.
const Panel = React.lazy(() => import(/* webpackChunkName: "digests" */ './views').then((m) => ({default: m.DigestPanel})));

class ChunkBoundary extends React.Component<{children: React.ReactNode}, {failed: boolean}> {
    state = {failed: false};

    static getDerivedStateFromError() {
        return {failed: true};
    }

    render() {
        if (this.state.failed) {
            return <Alert><FormattedMessage {...messages.viewFailed}/></Alert>;
        }
        return this.props.children;
    }
}

export function DigestTab({project, onShowAssets}: {project: Project; onShowAssets: () => void}) {
    return (
        <ChunkBoundary>
            <Suspense fallback={<p className='tl-muted'><FormattedMessage {...messages.loading}/></p>}>
                <Panel
                    project={project}
                    onShowAssets={onShowAssets}
                />
            </Suspense>
        </ChunkBoundary>
    );
}
