import type {Decision} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';
import {shallowEqual} from 'react-redux';

import {decisionsReceived, type ErrorInfo} from '../../actions';
import {confirmDecisionReceipt} from '../../client';
import ErrorNotice from '../../components/error_notice';
import keyed from '../../components/keyed';
import UserName from '../../components/user_name';
import When from '../../components/when';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {useChannels} from '../../host/channels';
import {channelLabel, isMyChannel} from '../../host/selectors';
import {useProfiles} from '../../host/users';
import {toErrorInfo} from '../../use_request';

import decisionMessages from './messages';
import messages from './view_messages';

// Per channel the decision was sent to: confirmed (by whom, when) or pending, with the button for
// channels the user is in. Guests get only their own channels' receipts from the service.
export default function DecisionReceipts({decision}: {decision: Decision}) {
    const intl = useIntl();
    const dispatch = useAppDispatch();
    const [busy, setBusy] = useState<string | null>(null);
    const [error, setError] = useState<ErrorInfo | null>(null);
    const ids = decision.receipts.map((r) => r.channel_id);
    useChannels(ids);
    useProfiles(decision.receipts.map((r) => r.confirmed_by));
    const names = useAppSelector((s) => ids.map((id) => channelLabel(s, id) ?? intl.formatMessage(messages.unknownChannel)), shallowEqual);
    const mine = useAppSelector((s) => ids.map((id) => isMyChannel(s, id)), shallowEqual);
    const open = decision.status === 'decided';

    const confirm = async (channelId: string) => {
        if (busy) {
            return;
        }
        setBusy(channelId);
        setError(null);
        try {
            dispatch(decisionsReceived([await confirmDecisionReceipt(decision.id, channelId)]));
        } catch (e) {
            setError(toErrorInfo(e));
        }
        setBusy(null);
    };

    if (!decision.receipts.length) {
        return (
            <>
                <h4><FormattedMessage {...messages.receipts}/></h4>
                <p className='tl-muted'><FormattedMessage {...messages.receiptsNone}/></p>
            </>
        );
    }
    return (
        <>
            <table className='tl-table'>
                <caption><FormattedMessage {...messages.receipts}/></caption>
                <thead>
                    <tr>
                        <th scope='col'><FormattedMessage {...messages.receiptChannel}/></th>
                        <th scope='col'><FormattedMessage {...messages.receiptState}/></th>
                    </tr>
                </thead>
                <tbody>
                    {decision.receipts.map((r, i) => (
                        <tr key={r.channel_id}>
                            <th scope='row'>{names[i]}</th>
                            <td>
                                {r.confirmed_at ? (
                                    <FormattedMessage
                                        {...messages.receiptConfirmed}
                                        values={keyed({user: <UserName userId={r.confirmed_by}/>, when: <When at={r.confirmed_at}/>})}
                                    />
                                ) : (
                                    <>
                                        <span className='tl-badge'><FormattedMessage {...messages.receiptPending}/></span>
                                        {open && mine[i] && (
                                            <>
                                                {' '}
                                                <button
                                                    type='button'
                                                    className='tl-btn'
                                                    aria-label={intl.formatMessage(messages.confirmReceiptFor, {channel: names[i]})}
                                                    aria-disabled={busy !== null}
                                                    onClick={() => confirm(r.channel_id)}
                                                >
                                                    <FormattedMessage {...(busy === r.channel_id ? decisionMessages.confirming : decisionMessages.confirmReceipt)}/>
                                                </button>
                                            </>
                                        )}
                                    </>
                                )}
                            </td>
                        </tr>
                    ))}
                </tbody>
            </table>
            {error && <ErrorNotice error={error}/>}
        </>
    );
}
