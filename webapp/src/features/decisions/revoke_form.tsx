import type {Decision} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedMessage} from 'react-intl';

import {decisionsReceived, type ErrorInfo} from '../../actions';
import ErrorNotice from '../../components/error_notice';
import {Field} from '../../components/form';
import {useAppDispatch} from '../../hooks';
import {toErrorInfo} from '../../use_request';

import {revokeDecision} from './api';
import {DECISION_LIMITS} from './limits';
import messages from './view_messages';

// Revoking says why; the reason goes into the record and the cards.
export default function RevokeForm({decision, onDone}: {decision: Decision; onDone: () => void}) {
    const dispatch = useAppDispatch();
    const [reason, setReason] = useState('');
    const [missing, setMissing] = useState(false);
    const [state, setState] = useState<{busy: boolean; error: ErrorInfo | null}>({busy: false, error: null});

    const submit = async (e: React.FormEvent) => {
        e.preventDefault();
        if (state.busy) {
            return;
        }
        if (!reason.trim()) {
            setMissing(true);
            return;
        }
        setState({busy: true, error: null});
        try {
            dispatch(decisionsReceived([await revokeDecision(decision.id, decision.version, reason.trim())]));
            onDone();
        } catch (err) {
            setState({busy: false, error: toErrorInfo(err)});
        }
    };

    return (
        <form
            className='tl-section'
            onSubmit={submit}
            noValidate={true}
        >
            <Field
                label={messages.revokeReasonLabel}
                error={missing ? messages.revokeReasonRequired : null}
            >
                {(control) => (
                    <textarea
                        {...control}
                        className='tl-input'
                        data-autofocus={true}
                        maxLength={DECISION_LIMITS.commentMax}
                        value={reason}
                        onChange={(e) => {
                            setReason(e.target.value);
                            setMissing(false);
                        }}
                    />
                )}
            </Field>
            {state.error && <ErrorNotice error={state.error}/>}
            <div className='tl-actions'>
                <button
                    type='button'
                    className='tl-btn'
                    onClick={onDone}
                >
                    <FormattedMessage {...messages.cancel}/>
                </button>
                <button
                    type='submit'
                    className='tl-btn tl-btn--primary'
                    aria-disabled={state.busy}
                >
                    <FormattedMessage {...(state.busy ? messages.revoking : messages.revoke)}/>
                </button>
            </div>
        </form>
    );
}
