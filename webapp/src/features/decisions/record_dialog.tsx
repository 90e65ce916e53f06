import React, {useState} from 'react';
import {FormattedMessage} from 'react-intl';

import {decisionDialogClosed, type DecisionDialogTarget} from '../../actions';
import ErrorNotice from '../../components/error_notice';
import FormDialog from '../../components/form_dialog';
import {useUniqueId} from '../../components/unique_id';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {currentChannelId, getPost} from '../../host/selectors';

import DecisionForm, {type Initial} from './decision_form';
import {useDecision} from './use_decision';
import messages from './view_messages';

type Props = {target: DecisionDialogTarget};

// Record a decision from a message, supersede a decided one with a new one, or edit a proposal.
export default function RecordDecisionDialog({target}: Props) {
    if (target.mode === 'record') {
        return <FromPost postId={target.postId}/>;
    }
    return (
        <FromDecision
            mode={target.mode}
            decisionId={target.decisionId}
        />
    );
}

function FromPost({postId}: {postId: string}) {
    const post = useAppSelector((s) => getPost(s, postId));
    const [initial] = useState<Initial>(() => ({
        statement: (post?.message ?? '').trim(),
        rationale: '',
        approverId: '',
        channelIds: post ? [post.channel_id] : [],
        quoteIds: [],
        taskIds: [],
        versionIds: [],
    }));
    const inThread = Boolean(post && (post.root_id || (post.reply_count ?? 0) > 0));
    return (
        <DecisionForm
            mode='record'
            channelId={post?.channel_id ?? null}
            threadOf={inThread ? post!.root_id || post!.id : null}
            sourcePostId={postId}
            initial={initial}
            projectId={null}
            decision={null}
            postMissing={!post}
        />
    );
}

function FromDecision({mode, decisionId}: {mode: 'supersede' | 'edit'; decisionId: string}) {
    const dispatch = useAppDispatch();
    const headingId = useUniqueId('tl-decision-dialog');
    const {decision, error, reload} = useDecision(decisionId);
    const current = useAppSelector(currentChannelId);
    if (!decision) {
        const close = () => dispatch(decisionDialogClosed());
        return (
            <FormDialog
                id={headingId}
                onClose={close}
                onSubmit={(e) => e.preventDefault()}
                title={<FormattedMessage {...(mode === 'edit' ? messages.editTitle : messages.supersedeTitle)}/>}
            >
                <div className='tl-dialog__body'>
                    {error ? (
                        <ErrorNotice
                            error={error}
                            onRetry={reload}
                        />
                    ) : <p className='tl-muted'><FormattedMessage {...messages.loadingDecision}/></p>}
                </div>
            </FormDialog>
        );
    }
    const edit = mode === 'edit';
    const channelId = decision.source_channel_id ?? (decision.channel_ids.includes(current) ? current : decision.channel_ids[0] ?? null);
    return (
        <DecisionForm
            mode={mode}
            channelId={channelId}
            threadOf={edit && decision.source_visible ? decision.source_post_id : null}
            sourcePostId={decision.source_post_id}
            initial={{
                statement: decision.statement,
                rationale: decision.rationale,
                approverId: decision.approver_id ?? '',
                channelIds: decision.channel_ids,
                quoteIds: edit ? decision.quotes.map((q) => q.post_id) : [],
                taskIds: decision.task_ids,
                versionIds: decision.asset_version_ids,
            }}
            projectId={decision.project_id}
            decision={decision}
        />
    );
}
