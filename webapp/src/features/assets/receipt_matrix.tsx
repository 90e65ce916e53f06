import type {Asset, AssetVersion} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';
import {shallowEqual} from 'react-redux';

import {assetReceived, type ErrorInfo} from '../../actions';
import {confirmReceipt} from '../../client';
import ErrorNotice from '../../components/error_notice';
import UserName from '../../components/user_name';
import When from '../../components/when';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {useChannels} from '../../host/channels';
import {channelLabel, isMyChannel} from '../../host/selectors';
import {toErrorInfo} from '../../use_request';

import messages from './messages';

type Props = {
    asset: Asset;
    version: AssetVersion;
};

// Which channels have confirmed they received the approved version: channel × who × when.
export default function ReceiptMatrix({asset, version}: Props) {
    const intl = useIntl();
    const dispatch = useAppDispatch();
    const [busy, setBusy] = useState<string | null>(null);
    const [error, setError] = useState<ErrorInfo | null>(null);
    const channelIds = asset.receipts.map((r) => r.channel_id);
    useChannels(channelIds);
    const names = useAppSelector((s) => channelIds.map((id) => channelLabel(s, id)), shallowEqual);
    const mine = useAppSelector((s) => channelIds.map((id) => isMyChannel(s, id)), shallowEqual);

    // The asset says whether the user may confirm at all; each receipt is for one channel, so they must be in it.
    const mayConfirm = asset.permissions.includes('receipt.confirm');
    const rows = asset.receipts.map((r, i) => ({...r, name: names[i] ?? intl.formatMessage(messages.unknownChannel), mine: mayConfirm && mine[i]}));

    const confirm = async (channelId: string) => {
        if (busy) {
            return;
        }
        setBusy(channelId);
        setError(null);
        try {
            dispatch(assetReceived(await confirmReceipt(asset.id, channelId)));
        } catch (e) {
            setError(toErrorInfo(e));
        }
        setBusy(null);
    };

    if (!rows.length) {
        return null;
    }
    return (
        <>
            <table className='tl-table'>
                <caption>
                    <FormattedMessage
                        {...messages.receiptsCaption}
                        values={{number: version.number}}
                    />
                </caption>
                <thead>
                    <tr>
                        <th scope='col'><FormattedMessage {...messages.receiptChannel}/></th>
                        <th scope='col'><FormattedMessage {...messages.receiptBy}/></th>
                        <th scope='col'><FormattedMessage {...messages.receiptWhen}/></th>
                    </tr>
                </thead>
                <tbody>
                    {rows.map((r) => (
                        <tr key={r.channel_id}>
                            <th scope='row'>{r.name}</th>
                            {r.confirmed_at ? (
                                <>
                                    <td><UserName userId={r.confirmed_by}/></td>
                                    <td><When at={r.confirmed_at}/></td>
                                </>
                            ) : (
                                <td colSpan={2}>
                                    <span className='tl-badge'><FormattedMessage {...messages.pending}/></span>
                                    {r.mine && (
                                        <>
                                            {' '}
                                            <button
                                                type='button'
                                                className='tl-btn'
                                                aria-label={intl.formatMessage(messages.confirmReceiptFor, {channel: r.name})}
                                                aria-disabled={busy !== null}
                                                onClick={() => confirm(r.channel_id)}
                                            >
                                                <FormattedMessage {...(busy === r.channel_id ? messages.confirming : messages.confirmReceipt)}/>
                                            </button>
                                        </>
                                    )}
                                </td>
                            )}
                        </tr>
                    ))}
                </tbody>
            </table>
            {error && <ErrorNotice error={error}/>}
        </>
    );
}
