import type {ShelfItem} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {assetReceived, type ErrorInfo} from '../../actions';
import {confirmReceipt, versionFileUrl} from '../../client';
import ErrorNotice from '../../components/error_notice';
import keyed from '../../components/keyed';
import UserName from '../../components/user_name';
import When from '../../components/when';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {useProfiles} from '../../host/users';
import {useResource} from '../../resource';
import {pluginState} from '../../selectors';
import {toErrorInfo} from '../../use_request';

import {getShelf} from './recall_api';
import m from './recall_messages';

type Props = {channelId: string; onShowAll?: () => void};

// What the channel should use now: the approved version of every asset shared with it, and whether
// the channel has confirmed it. Asked again whenever an approval or a receipt reaches the store.
export default function ShelfView({channelId, onShowAll}: Props) {
    const intl = useIntl();
    const seen = useAppSelector((s) => Object.values(pluginState(s).assets).
        map((a) => `${a.id}:${a.approved_version_id}:${a.receipts.filter((r) => r.confirmed_at).length}`).join(','));
    const shelf = useResource(`shelf:${channelId}:${seen}`, (signal) => getShelf(channelId, {signal}));
    const items = shelf.data?.items ?? [];
    useProfiles(items.map((i) => i.receipt.confirmed_by));

    let body: React.ReactNode;
    if (shelf.error && !shelf.data) {
        body = (
            <ErrorNotice
                error={shelf.error}
                onRetry={shelf.reload}
            />
        );
    } else if (!shelf.data) {
        body = <p className='tl-muted'><FormattedMessage {...m.shelfLoading}/></p>;
    } else if (!items.length) {
        body = <p><FormattedMessage {...m.shelfEmpty}/></p>;
    } else {
        body = (
            <ul
                className='tl-assets'
                aria-label={intl.formatMessage(m.shelfLabel)}
            >
                {items.map((item) => (
                    <ShelfRow
                        key={item.asset_id}
                        item={item}
                        channelId={channelId}
                        onConfirmed={shelf.reload}
                    />
                ))}
            </ul>
        );
    }
    return (
        <section className='tl-section tl-shelf'>
            <h4><FormattedMessage {...m.shelfHeading}/></h4>
            {body}
            {onShowAll && (
                <p>
                    <button
                        type='button'
                        className='tl-btn tl-btn--link'
                        onClick={onShowAll}
                    >
                        <FormattedMessage {...m.showAll}/>
                    </button>
                </p>
            )}
        </section>
    );
}

function ShelfRow({item, channelId, onConfirmed}: {item: ShelfItem; channelId: string; onConfirmed: () => void}) {
    const intl = useIntl();
    const dispatch = useAppDispatch();
    const [state, setState] = useState<{busy: boolean; error: ErrorInfo | null}>({busy: false, error: null});
    const {version: v, receipt} = item;
    const names = {asset: item.asset_name, number: v.number};

    const confirm = async () => {
        if (state.busy) {
            return;
        }
        setState({busy: true, error: null});
        try {
            dispatch(assetReceived(await confirmReceipt(item.asset_id, channelId)));
            setState({busy: false, error: null});
            onConfirmed();
        } catch (e) {
            setState({busy: false, error: toErrorInfo(e)});
        }
    };

    return (
        <li className='tl-asset'>
            <span className='tl-card__title'>{item.asset_name}</span>
            <span className='tl-muted'>
                <FormattedMessage
                    {...m.itemMeta}
                    values={{number: v.number, file: v.file_name}}
                />
            </span>
            <span className='tl-actions'>
                <a
                    href={versionFileUrl(item.asset_id, v.id, channelId)}
                    download={v.file_name}
                    aria-label={intl.formatMessage(m.downloadOf, names)}
                >
                    <FormattedMessage {...m.download}/>
                </a>
                {receipt.confirmed_at ? (
                    <FormattedMessage
                        {...m.confirmed}
                        values={keyed({user: <UserName userId={receipt.confirmed_by}/>, when: <When at={receipt.confirmed_at}/>})}
                    />
                ) : (
                    <button
                        type='button'
                        className='tl-btn tl-btn--primary'
                        aria-disabled={state.busy}
                        aria-label={intl.formatMessage(m.confirmOf, names)}
                        onClick={confirm}
                    >
                        <FormattedMessage {...(state.busy ? m.confirming : m.confirm)}/>
                    </button>
                )}
            </span>
            {state.error && <ErrorNotice error={state.error}/>}
        </li>
    );
}
