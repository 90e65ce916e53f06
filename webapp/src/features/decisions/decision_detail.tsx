import type {Decision} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedMessage} from 'react-intl';

import {decisionDialogOpened, decisionOpened, decisionsReceived, type ErrorInfo} from '../../actions';
import ErrorNotice from '../../components/error_notice';
import keyed from '../../components/keyed';
import UserName from '../../components/user_name';
import When from '../../components/when';
import {useAppDispatch} from '../../hooks';
import {useProfiles} from '../../host/users';
import {toErrorInfo} from '../../use_request';
import {openTask} from '../tasks';

import {decide} from './api';
import DecisionHistory from './decision_history';
import DecisionReceipts from './decision_receipts';
import FollowUpForm, {useFollowUpChannels} from './follow_up_form';
import {Source, WhoWhen} from './provenance';
import RevokeForm from './revoke_form';
import {DecisionStatusBadge} from './status';
import {useDecision} from './use_decision';
import messages from './view_messages';

type Props = {
    decisionId: string;
    onBack: () => void;
};

// One decision: what, who and why, where it was sent and who has received it, and its history.
export default function DecisionDetail({decisionId, onBack}: Props) {
    const {decision, error, reload} = useDecision(decisionId);
    const back = (
        <button
            type='button'
            className='tl-btn tl-btn--link'
            onClick={onBack}
        >
            <FormattedMessage {...messages.back}/>
        </button>
    );
    if (!decision) {
        return (
            <div className='tl-detail'>
                {back}
                {error ? (
                    <ErrorNotice
                        error={error}
                        onRetry={reload}
                    />
                ) : <p className='tl-muted'><FormattedMessage {...messages.loadingDecision}/></p>}
            </div>
        );
    }
    return (
        <div className='tl-detail'>
            {back}
            {error && (
                <ErrorNotice
                    error={error}
                    onRetry={reload}
                />
            )}
            <Body decision={decision}/>
        </div>
    );
}

type Open = 'revoke' | 'followUp' | null;

function Body({decision: d}: {decision: Decision}) {
    const dispatch = useAppDispatch();
    const [open, setOpen] = useState<Open>(null);
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState<ErrorInfo | null>(null);
    useProfiles([d.proposed_by, d.recorded_by, d.approver_id, d.decided_by, d.revoked_by, ...d.quotes.map((q) => q.user_id)]);
    const may = (p: Decision['permissions'][number]) => d.permissions.includes(p);

    const onDecide = async () => {
        if (busy) {
            return;
        }
        setBusy(true);
        setError(null);
        try {
            dispatch(decisionsReceived([await decide(d.id, d.version)]));
        } catch (e) {
            setError(toErrorInfo(e));
        }
        setBusy(false);
    };

    const other = (id: string) => (
        <button
            type='button'
            className='tl-btn tl-btn--link'
            onClick={() => dispatch(decisionOpened(id))}
        >
            <FormattedMessage {...messages.anotherDecision}/>
        </button>
    );

    return (
        <>
            <h3 className='tl-desc'>{d.statement}</h3>
            <DecisionStatusBadge status={d.status}/>
            <div className='tl-actions'>
                {d.status === 'proposed' && may('decision.decide') && (
                    <button
                        type='button'
                        className='tl-btn tl-btn--primary'
                        aria-disabled={busy}
                        onClick={onDecide}
                    >
                        <FormattedMessage {...(busy ? messages.deciding : messages.decide)}/>
                    </button>
                )}
                {d.status === 'proposed' && may('decision.edit') && (
                    <button
                        type='button'
                        className='tl-btn'
                        onClick={() => dispatch(decisionDialogOpened({mode: 'edit', decisionId: d.id}))}
                    >
                        <FormattedMessage {...messages.edit}/>
                    </button>
                )}
                {d.status === 'decided' && may('decision.supersede') && (
                    <button
                        type='button'
                        className='tl-btn'
                        onClick={() => dispatch(decisionDialogOpened({mode: 'supersede', decisionId: d.id}))}
                    >
                        <FormattedMessage {...messages.supersede}/>
                    </button>
                )}
                {(d.status === 'proposed' || d.status === 'decided') && may('decision.revoke') && (
                    <button
                        type='button'
                        className='tl-btn'
                        aria-expanded={open === 'revoke'}
                        onClick={() => setOpen(open === 'revoke' ? null : 'revoke')}
                    >
                        <FormattedMessage {...messages.revoke}/>
                    </button>
                )}
                {d.status !== 'revoked' && (
                    <FollowUpButton
                        decision={d}
                        expanded={open === 'followUp'}
                        onToggle={() => setOpen(open === 'followUp' ? null : 'followUp')}
                    />
                )}
            </div>
            {error && <ErrorNotice error={error}/>}
            {open === 'revoke' && (
                <RevokeForm
                    decision={d}
                    onDone={() => setOpen(null)}
                />
            )}
            {open === 'followUp' && (
                <FollowUpForm
                    decision={d}
                    onDone={() => setOpen(null)}
                />
            )}
            <dl>
                <dt><FormattedMessage {...messages.proposedBy}/></dt>
                <dd><UserName userId={d.proposed_by}/></dd>
                <dt><FormattedMessage {...messages.recordedBy}/></dt>
                <dd>
                    <WhoWhen
                        user={d.recorded_by}
                        at={d.created_at}
                    />
                </dd>
                <dt><FormattedMessage {...messages.approver}/></dt>
                <dd>{d.approver_id ? <UserName userId={d.approver_id}/> : <FormattedMessage {...messages.anyApprover}/>}</dd>
                {d.decided_by && (
                    <>
                        <dt><FormattedMessage {...messages.decidedBy}/></dt>
                        <dd>
                            <WhoWhen
                                user={d.decided_by}
                                at={d.decided_at}
                            />
                        </dd>
                    </>
                )}
                {d.revoked_by && (
                    <>
                        <dt><FormattedMessage {...messages.revokedBy}/></dt>
                        <dd>
                            <WhoWhen
                                user={d.revoked_by}
                                at={d.revoked_at}
                            />
                        </dd>
                        <dt><FormattedMessage {...messages.revokeReason}/></dt>
                        <dd className='tl-desc'>{d.revoke_reason}</dd>
                    </>
                )}
                {d.supersedes_id && (
                    <>
                        <dt><FormattedMessage {...messages.supersedes}/></dt>
                        <dd>{other(d.supersedes_id)}</dd>
                    </>
                )}
                {d.superseded_by_id && (
                    <>
                        <dt><FormattedMessage {...messages.supersededBy}/></dt>
                        <dd>{other(d.superseded_by_id)}</dd>
                    </>
                )}
            </dl>
            <section className='tl-section'>
                <h4><FormattedMessage {...messages.source}/></h4>
                <Source decision={d}/>
            </section>
            <section className='tl-section'>
                <h4><FormattedMessage {...messages.rationale}/></h4>
                {d.rationale.trim() ? <p className='tl-desc'>{d.rationale}</p> : <p className='tl-muted'><FormattedMessage {...messages.noRationale}/></p>}
                {d.quotes.length > 0 && (
                    <>
                        <h4><FormattedMessage {...messages.quotes}/></h4>
                        {d.quotes.map((q) => (
                            <blockquote
                                key={q.post_id}
                                className='tl-quote'
                            >
                                {q.message}
                                <footer className='tl-muted'>
                                    <FormattedMessage
                                        {...messages.quoteBy}
                                        values={keyed({user: <UserName userId={q.user_id}/>, when: <When at={q.created_at}/>})}
                                    />
                                </footer>
                            </blockquote>
                        ))}
                    </>
                )}
            </section>
            {(d.task_ids.length > 0 || d.asset_version_ids.length > 0) && (
                <section className='tl-section'>
                    <h4><FormattedMessage {...messages.links}/></h4>
                    {d.task_ids.length > 0 && (
                        <p className='tl-card__meta'>
                            <FormattedMessage
                                {...messages.linkedTasks}
                                values={{count: d.task_ids.length}}
                            />
                            {d.task_ids.map((id, i) => (
                                <button
                                    key={id}
                                    type='button'
                                    className='tl-btn tl-btn--link'
                                    onClick={() => openTask(dispatch, id)}
                                >
                                    <FormattedMessage
                                        {...messages.openTask}
                                        values={{number: i + 1}}
                                    />
                                </button>
                            ))}
                        </p>
                    )}
                    {d.asset_version_ids.length > 0 && (
                        <p>
                            <FormattedMessage
                                {...messages.linkedVersions}
                                values={{count: d.asset_version_ids.length}}
                            />
                        </p>
                    )}
                </section>
            )}
            <section className='tl-section'>
                <DecisionReceipts decision={d}/>
            </section>
            <section className='tl-section'>
                <h4><FormattedMessage {...messages.history}/></h4>
                <DecisionHistory decision={d}/>
            </section>
        </>
    );
}

function FollowUpButton({decision, expanded, onToggle}: {decision: Decision; expanded: boolean; onToggle: () => void}) {
    const channels = useFollowUpChannels(decision);
    if (!channels.length) {
        return null;
    }
    return (
        <button
            type='button'
            className='tl-btn'
            aria-expanded={expanded}
            onClick={onToggle}
        >
            <FormattedMessage {...messages.followUp}/>
        </button>
    );
}
