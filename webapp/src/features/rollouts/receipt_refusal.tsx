import type {ReceiptRequired} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedMessage} from 'react-intl';

import {assetReceived, type ErrorInfo} from '../../actions';
import {confirmReceipt, versionFileUrl} from '../../client';
import {ErrorText} from '../../components/error_notice';
import {Alert} from '../../components/form';
import {useAppDispatch} from '../../hooks';
import {toErrorInfo} from '../../use_request';

import messages from './view_messages';

type Props = {
    required: ReceiptRequired;

    // Receipt confirmed: the refused change is tried again (this view goes with the notice).
    onConfirmed: () => void;
    onDismiss: () => void;
};

// Why a rolled-out task cannot be done yet: its channel has not confirmed the approved version.
// "Confirm receipt" confirms it for the task's channel, then does what was refused.
export default function ReceiptRefusal({required, onConfirmed, onDismiss}: Props) {
    const dispatch = useAppDispatch();
    const [state, setState] = useState<{busy: boolean; error: ErrorInfo | null}>({busy: false, error: null});
    const {version} = required;

    const confirm = async () => {
        if (state.busy) {
            return;
        }
        setState({busy: true, error: null});
        try {
            dispatch(assetReceived(await confirmReceipt(required.asset_id, required.channel_id)));
        } catch (e) {
            setState({busy: false, error: toErrorInfo(e)});
            return;
        }
        onConfirmed();
    };

    if (!version) {
        return (
            <Alert onDismiss={onDismiss}>
                <FormattedMessage
                    {...messages.refusalNothing}
                    values={{asset: required.asset_name}}
                />
            </Alert>
        );
    }
    return (
        <Alert onDismiss={onDismiss}>
            <span className='tl-card__meta'>
                <span>
                    <FormattedMessage
                        {...messages.refusal}
                        values={{number: version.number, asset: required.asset_name}}
                    />
                </span>
                <a href={versionFileUrl(required.asset_id, version.id)}>
                    <FormattedMessage
                        {...messages.refusalFile}
                        values={{file: version.file_name}}
                    />
                </a>
                <button
                    type='button'
                    className='tl-btn tl-btn--primary'
                    aria-disabled={state.busy}
                    onClick={confirm}
                >
                    <FormattedMessage {...(state.busy ? messages.confirming : messages.confirmReceipt)}/>
                </button>
                {state.error && <span><ErrorText error={state.error}/></span>}
            </span>
        </Alert>
    );
}
