import type {Project} from '@throughline/contract';
import React, {Suspense} from 'react';
import {FormattedMessage} from 'react-intl';

import ChunkBoundary from '../../components/chunk_boundary';
import {Alert} from '../../components/form';
import {useAppSelector} from '../../hooks';
import {pluginState} from '../../selectors';

import messages from './messages';

// The log, the detail and the record dialog are a chunk of their own, loaded the first time one of
// them opens: most people read cards and never open the log.
const load = () => import(/* webpackChunkName: "decisions" */ './views');
const Panel = React.lazy(() => load().then((m) => ({default: m.DecisionsPanel})));
const Dialog = React.lazy(() => load().then((m) => ({default: m.RecordDecisionDialog})));

const failed = <Alert><FormattedMessage {...messages.viewFailed}/></Alert>;

function Loading() {
    return <p className='tl-muted'><FormattedMessage {...messages.loadingView}/></p>;
}

export function DecisionsTab({project, channelId}: {project: Project | undefined; channelId: string}) {
    return (
        <ChunkBoundary failed={failed}>
            <Suspense fallback={<Loading/>}>
                <Panel
                    project={project}
                    channelId={channelId}
                />
            </Suspense>
        </ChunkBoundary>
    );
}

// Rendered by the root component; open while the plugin store names what to record from.
export function DecisionDialogHost() {
    const target = useAppSelector((s) => pluginState(s).decisionDialog);
    if (!target) {
        return null;
    }
    return (
        <ChunkBoundary failed={failed}>
            <Suspense fallback={null}>
                <Dialog
                    key={target.mode + ':' + (target.mode === 'record' ? target.postId : target.decisionId)}
                    target={target}
                />
            </Suspense>
        </ChunkBoundary>
    );
}
