import type {DecisionCardProps} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedMessage} from 'react-intl';

import {decisionsReceived, type ErrorInfo} from '../../actions';
import {confirmDecisionReceipt} from '../../client';
import {useGenuineCard} from '../../components/card_guard';
import ErrorNotice from '../../components/error_notice';
import keyed from '../../components/keyed';
import UserName from '../../components/user_name';
import When from '../../components/when';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {isMyChannel} from '../../host/selectors';
import type {PostTypeComponentProps} from '../../host/types';
import {useProfiles} from '../../host/users';
import {toErrorInfo} from '../../use_request';

import {decide} from './api';
import messages from './messages';
import {openDecision} from './open_decision';
import {DecisionStatusBadge} from './status';
import {useDecision} from './use_decision';

// Only the ids are read from the props; what the card says comes from the decision itself.
function readCard(value: unknown): Pick<DecisionCardProps, 'decision_id' | 'channel_id'> | null {
    const d = value as Partial<DecisionCardProps> | null;
    if (!d || typeof d.decision_id !== 'string' || typeof d.channel_id !== 'string') {
        return null;
    }
    return {decision_id: d.decision_id, channel_id: d.channel_id};
}

// The body of a custom_throughline_decision post; the post's message is the fallback where this does not run.
// Trusted only when the bot wrote it, for the channel it was posted in (card_guard.ts): anyone may post this type with any props.
export default function DecisionCard({post}: PostTypeComponentProps) {
    const card = readCard(post.props?.decision);
    const genuine = useGenuineCard(post, card?.channel_id);
    if (!card || !genuine) {
        return <p className='tl-desc'>{post.message}</p>;
    }
    return (
        <Card
            decisionId={card.decision_id}
            channelId={card.channel_id}
            fallback={post.message}
        />
    );
}

function Card({decisionId, channelId, fallback}: {decisionId: string; channelId: string; fallback: string}) {
    const dispatch = useAppDispatch();
    const {decision, error: loadError, reload} = useDecision(decisionId);
    const successor = useDecision(decision?.superseded_by_id ?? null).decision;
    const member = useAppSelector((s) => isMyChannel(s, channelId));
    const [state, setState] = useState<{busy: boolean; error: ErrorInfo | null}>({busy: false, error: null});
    const receipt = decision?.receipts.find((r) => r.channel_id === channelId);
    useProfiles([decision?.decided_by, receipt?.confirmed_by]);

    if (!decision) {
        return (
            <div className='tl-card'>
                <span className='tl-muted'><FormattedMessage {...messages.cardLabel}/></span>
                {loadError ? (
                    <>
                        <span className='tl-desc'>{fallback}</span>
                        {loadError.code !== 'not_found' && (
                            <ErrorNotice
                                error={loadError}
                                onRetry={reload}
                            />
                        )}
                    </>
                ) : <span className='tl-muted'><FormattedMessage {...messages.cardLoading}/></span>}
            </div>
        );
    }

    const confirm = async () => {
        if (state.busy) {
            return;
        }
        setState({busy: true, error: null});
        try {
            dispatch(decisionsReceived([await confirmDecisionReceipt(decision.id, channelId)]));
            setState({busy: false, error: null});
        } catch (e) {
            setState({busy: false, error: toErrorInfo(e)});
        }
    };

    // A proposal card (in the source channel): whoever may decide does so here, as from the mobile card's button.
    const onDecide = async () => {
        if (state.busy) {
            return;
        }
        setState({busy: true, error: null});
        try {
            dispatch(decisionsReceived([await decide(decision.id, decision.version)]));
            setState({busy: false, error: null});
        } catch (e) {
            setState({busy: false, error: toErrorInfo(e)});
        }
    };

    let receiptLine: React.ReactNode = null;
    if (receipt?.confirmed_at) {
        receiptLine = (
            <span>
                <FormattedMessage
                    {...messages.cardConfirmed}
                    values={keyed({user: <UserName userId={receipt.confirmed_by}/>, when: <When at={receipt.confirmed_at}/>})}
                />
            </span>
        );
    } else if (receipt && decision.status === 'decided' && member) {
        receiptLine = (
            <span>
                <button
                    type='button'
                    className='tl-btn tl-btn--primary'
                    aria-disabled={state.busy}
                    onClick={confirm}
                >
                    <FormattedMessage {...(state.busy ? messages.confirming : messages.confirmReceipt)}/>
                </button>
            </span>
        );
    } else if (receipt && decision.status === 'decided') {
        receiptLine = <span className='tl-muted'><FormattedMessage {...messages.cardWaiting}/></span>;
    }
    const decideLine = decision.status === 'proposed' && decision.permissions.includes('decision.decide') ? (
        <span>
            <button
                type='button'
                className='tl-btn tl-btn--primary'
                aria-disabled={state.busy}
                onClick={onDecide}
            >
                <FormattedMessage {...messages.cardDecide}/>
            </button>
        </span>
    ) : null;

    return (
        <div className='tl-card'>
            <span className='tl-muted'><FormattedMessage {...messages.cardLabel}/></span>
            <span className='tl-card__title tl-desc'>{decision.statement}</span>
            <span className='tl-card__meta'>
                <DecisionStatusBadge status={decision.status}/>
                {decision.decided_by && decision.decided_at && (
                    <span>
                        <FormattedMessage
                            {...messages.cardDecided}
                            values={keyed({user: <UserName userId={decision.decided_by}/>, when: <When at={decision.decided_at}/>})}
                        />
                    </span>
                )}
            </span>
            {decision.status === 'superseded' && (
                <span>
                    {successor ? (
                        <FormattedMessage
                            {...messages.cardSupersededBy}
                            values={{statement: successor.statement}}
                        />
                    ) : <FormattedMessage {...messages.cardSupersededByUnknown}/>}
                </span>
            )}
            {decision.status === 'revoked' && (
                <span>
                    <FormattedMessage
                        {...messages.cardRevoked}
                        values={{reason: decision.revoke_reason ?? ''}}
                    />
                </span>
            )}
            {receiptLine}
            {decideLine}
            <span>
                <button
                    type='button'
                    className='tl-btn tl-btn--link'
                    onClick={() => openDecision(dispatch, decision.id)}
                >
                    <FormattedMessage {...messages.openInSidebar}/>
                </button>
            </span>
            {state.error && <ErrorNotice error={state.error}/>}
        </div>
    );
}
