import type {Project, Task} from '@throughline/contract';
import React, {Suspense, useState} from 'react';
import {FormattedMessage} from 'react-intl';

import ChunkBoundary from '../../components/chunk_boundary';
import {ErrorText} from '../../components/error_notice';
import {Alert} from '../../components/form';
import {useChannelProjects} from '../projects';
import type {ReceiptNotice} from '../tasks';

import messages from './messages';

// The matrix, the dialogs and the refusal are a chunk of their own: most tasks are no rollout, and
// most people never start one. Only the buttons that open them are in the main bundle.
const load = () => import(/* webpackChunkName: "rollouts" */ './views');
const Matrix = React.lazy(() => load().then((m) => ({default: m.RolloutMatrix})));
const PartOf = React.lazy(() => load().then((m) => ({default: m.PartOfRollout})));
const Dialog = React.lazy(() => load().then((m) => ({default: m.RolloutDialog})));
const Refusal = React.lazy(() => load().then((m) => ({default: m.ReceiptRefusal})));
const Leads = React.lazy(() => load().then((m) => ({default: m.LeadsDialog})));

const failed = <Alert><FormattedMessage {...messages.viewFailed}/></Alert>;
const loading = <p className='tl-muted'><FormattedMessage {...messages.loadingView}/></p>;

function Chunk({children, fallback = loading}: {children: React.ReactNode; fallback?: React.ReactNode}) {
    return (
        <ChunkBoundary failed={failed}>
            <Suspense fallback={fallback}>{children}</Suspense>
        </ChunkBoundary>
    );
}

// In a task's detail: a child's link to its rollout, a parent's matrix, or the button that starts one.
export function RolloutSection({task}: {task: Task}) {
    const [open, setOpen] = useState(false);
    const projects = useChannelProjects(task.project_id ? task.channel_id : null);
    const project = projects.items.find((p) => p.id === task.project_id);

    if (task.parent_id) {
        return <Chunk fallback={null}><PartOf parentId={task.parent_id}/></Chunk>;
    }
    if (task.rollout_id) {
        return (
            <Chunk>
                <Matrix
                    rolloutId={task.rollout_id}
                    task={task}
                    project={project}
                />
            </Chunk>
        );
    }
    if (!project?.permissions.includes('rollout.create')) {
        return null;
    }
    return (
        <p>
            <button
                type='button'
                className='tl-btn'
                onClick={() => setOpen(true)}
            >
                <FormattedMessage {...messages.rollOut}/>
            </button>
            {open && (
                <Chunk fallback={null}>
                    <Dialog
                        task={task}
                        project={project}
                        onClose={() => setOpen(false)}
                    />
                </Chunk>
            )}
        </p>
    );
}

type RefusalProps = {notice: ReceiptNotice; onRetry: (notice: ReceiptNotice) => Promise<void>; onDismiss: () => void};

// A done refused until the channel confirms receipt: the version to confirm, and a button that does and tries again.
export function ReceiptRefusal({notice, onRetry, onDismiss}: RefusalProps) {
    const plain = <Alert onDismiss={onDismiss}><ErrorText error={notice.error}/></Alert>;
    return (
        <ChunkBoundary failed={plain}>
            <Suspense fallback={plain}>
                <Refusal
                    required={notice.required}
                    onConfirmed={() => onRetry(notice)}
                    onDismiss={onDismiss}
                />
            </Suspense>
        </ChunkBoundary>
    );
}

// In the project header, for those who may name channel leads.
export function LeadsButton({project}: {project: Project}) {
    const [open, setOpen] = useState(false);
    return (
        <>
            <button
                type='button'
                className='tl-btn tl-btn--link'
                onClick={() => setOpen(true)}
            >
                <FormattedMessage {...messages.leads}/>
            </button>
            {open && (
                <Chunk fallback={null}>
                    <Leads
                        project={project}
                        onClose={() => setOpen(false)}
                    />
                </Chunk>
            )}
        </>
    );
}
