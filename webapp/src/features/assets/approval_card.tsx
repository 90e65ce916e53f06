import type {ApprovalCardProps} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedMessage} from 'react-intl';

import {assetReceived, type ErrorInfo} from '../../actions';
import {confirmReceipt, versionFileUrl} from '../../client';
import ErrorNotice from '../../components/error_notice';
import UserName from '../../components/user_name';
import When from '../../components/when';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {isMyChannel} from '../../host/selectors';
import type {PostTypeComponentProps} from '../../host/types';
import {useProfiles} from '../../host/users';
import {toErrorInfo} from '../../use_request';

import messages from './messages';
import {useAsset} from './use_assets';

function readApproval(value: unknown): ApprovalCardProps | null {
    const a = value as Partial<ApprovalCardProps> | null;
    if (!a || typeof a.asset_id !== 'string' || typeof a.version_id !== 'string' || typeof a.channel_id !== 'string') {
        return null;
    }
    return {
        asset_id: a.asset_id,
        version_id: a.version_id,
        channel_id: a.channel_id,
        version_number: typeof a.version_number === 'number' ? a.version_number : 0,
        asset_name: String(a.asset_name ?? ''),
        file_name: String(a.file_name ?? ''),
    };
}

// The body of a custom_throughline_approval post; the post's message is the fallback where this does not run.
export default function ApprovalCard({post}: PostTypeComponentProps) {
    const approval = readApproval(post.props?.approval);
    if (!approval) {
        return <p>{post.message}</p>;
    }
    return <Card approval={approval}/>;
}

function Card({approval}: {approval: ApprovalCardProps}) {
    const dispatch = useAppDispatch();
    const {asset, error: loadError, reload} = useAsset(approval.asset_id);

    // The asset says whether the user may confirm at all; confirming is for the card's channel, so they must be in it.
    const member = useAppSelector((s) => isMyChannel(s, approval.channel_id));
    const [state, setState] = useState<{busy: boolean; error: ErrorInfo | null}>({busy: false, error: null});
    const receipt = asset?.receipts.find((r) => r.channel_id === approval.channel_id);
    const current = asset ? asset.approved_version_id === approval.version_id : null;
    useProfiles([receipt?.confirmed_by]);

    const confirm = async () => {
        if (state.busy) {
            return;
        }
        setState({busy: true, error: null});
        try {
            dispatch(assetReceived(await confirmReceipt(approval.asset_id, approval.channel_id)));
            setState({busy: false, error: null});
        } catch (e) {
            setState({busy: false, error: toErrorInfo(e)});
        }
    };

    let status: React.ReactNode = null;
    if (current === false) {
        status = <span className='tl-muted'><FormattedMessage {...messages.cardSuperseded}/></span>;
    } else if (receipt?.confirmed_at) {
        status = (
            <span>
                <FormattedMessage
                    {...messages.cardConfirmed}
                    values={{user: <UserName userId={receipt.confirmed_by}/>, when: <When at={receipt.confirmed_at}/>}}
                />
            </span>
        );
    } else if (asset?.permissions.includes('receipt.confirm') && member) {
        status = (
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
    } else if (asset) {
        status = <span className='tl-muted'><FormattedMessage {...messages.cardWaiting}/></span>;
    }

    return (
        <div className='tl-card'>
            <span className='tl-muted'><FormattedMessage {...messages.cardLabel}/></span>
            <span className='tl-card__title'>{approval.asset_name}</span>
            <span className='tl-card__meta'>
                <FormattedMessage
                    {...messages.cardMeta}
                    values={{number: approval.version_number, file: approval.file_name}}
                />
                <a
                    href={versionFileUrl(approval.asset_id, approval.version_id)}
                    download={approval.file_name}
                >
                    <FormattedMessage {...messages.download}/>
                </a>
            </span>
            {status}
            {loadError && !asset && loadError.code !== 'not_found' && (
                <ErrorNotice
                    error={loadError}
                    onRetry={reload}
                />
            )}
            {state.error && <ErrorNotice error={state.error}/>}
        </div>
    );
}
