import type {Project} from '@throughline/contract';
import React, {Suspense} from 'react';
import {FormattedMessage} from 'react-intl';

import {Alert} from '../../components/form';
import {useAppSelector} from '../../hooks';
import {pluginState} from '../../selectors';

import messages from './messages';

// The log, the detail and the record dialog are a chunk of their own, loaded the first time one of
// them opens: most people read cards and never open the log.
const load = () => import(/* webpackChunkName: "decisions" */ './views');
const Panel = React.lazy(() => load().then((m) => ({default: m.DecisionsPanel})));
const Dialog = React.lazy(() => load().then((m) => ({default: m.RecordDecisionDialog})));

// A chunk that fails to load (the network, a plugin upgraded under an open page) says so.
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

function Loading() {
    return <p className='tl-muted'><FormattedMessage {...messages.loadingView}/></p>;
}

export function DecisionsTab({project, channelId}: {project: Project | undefined; channelId: string}) {
    return (
        <ChunkBoundary>
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
        <ChunkBoundary>
            <Suspense fallback={null}>
                <Dialog
                    key={target.mode + ':' + (target.mode === 'record' ? target.postId : target.decisionId)}
                    target={target}
                />
            </Suspense>
        </ChunkBoundary>
    );
}
