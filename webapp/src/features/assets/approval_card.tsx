import type {ApprovalCardProps} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedMessage} from 'react-intl';

import {assetReceived, type ErrorInfo} from '../../actions';
import {confirmReceipt, versionFileUrl} from '../../client';
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

import messages from './messages';
import {useAsset} from './use_assets';

// What the card takes from props.approval: which version of which asset, for which channel. Names and
// numbers come from the asset as the service answers it, never from props, which whoever posted chose.
type CardRef = Pick<ApprovalCardProps, 'asset_id' | 'version_id' | 'channel_id'>;

function readApproval(value: unknown): CardRef | null {
    const a = value as Partial<ApprovalCardProps> | null;
    if (!a || typeof a.asset_id !== 'string' || typeof a.version_id !== 'string' || typeof a.channel_id !== 'string') {
        return null;
    }
    return {asset_id: a.asset_id, version_id: a.version_id, channel_id: a.channel_id};
}

// The body of a custom_throughline_approval post; the post's message is the fallback where this does not run,
// and what is shown for a post the bot did not write or that names another channel than its own.
export default function ApprovalCard({post}: PostTypeComponentProps) {
    const approval = readApproval(post.props?.approval);
    const genuine = useGenuineCard(post, approval?.channel_id);
    if (!approval || !genuine) {
        return <p>{post.message}</p>;
    }
    return (
        <Card
            approval={approval}
            message={post.message}
        />
    );
}

function Card({approval, message}: {approval: CardRef; message: string}) {
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
    const approved = asset?.versions.find((v) => v.id === asset.approved_version_id);
    if (current === false) {
        status = (
            <strong className='tl-card__superseded'>
                <FormattedMessage {...(approved ? {...messages.cardSupersededBy, values: {number: approved.number}} : messages.cardSuperseded)}/>
            </strong>
        );
    } else if (receipt?.confirmed_at) {
        status = (
            <span>
                <FormattedMessage
                    {...messages.cardConfirmed}
                    values={keyed({user: <UserName userId={receipt.confirmed_by}/>, when: <When at={receipt.confirmed_at}/>})}
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

    const version = asset?.versions.find((v) => v.id === approval.version_id);
    if (!asset || !version) {
        return (
            <>
                <p>{message}</p>
                {loadError && !asset && loadError.code !== 'not_found' && (
                    <ErrorNotice
                        error={loadError}
                        onRetry={reload}
                    />
                )}
            </>
        );
    }
    return (
        <div className='tl-card'>
            <span className='tl-muted'><FormattedMessage {...messages.cardLabel}/></span>
            <span className='tl-card__title'>{asset.name}</span>
            <span className='tl-card__meta'>
                <FormattedMessage
                    {...messages.cardMeta}
                    values={{number: version.number, file: version.file_name}}
                />
                <a
                    href={versionFileUrl(asset.id, version.id, approval.channel_id)}
                    download={version.file_name}
                >
                    <FormattedMessage {...messages.download}/>
                </a>
            </span>
            {status}
            {state.error && <ErrorNotice error={state.error}/>}
        </div>
    );
}
