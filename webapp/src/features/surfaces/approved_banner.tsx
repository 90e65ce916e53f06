import type {ShelfItem} from '@throughline/contract';
import React from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {assetOpened, taskSelected} from '../../actions';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {showSidebar} from '../../host/rhs';
import {useResource} from '../../resource';
import {pluginState} from '../../selectors';
import {getShelf} from '../assets';

import m from './banner_messages';

const NONE: ShelfItem[] = [];

// One line above the message box: the approved version of every asset shared with this channel that
// the caller may see, each opening the asset in the sidebar. Nothing while there is none (or the
// caller is not a member); asked again when an approval reaches this channel.
export default function ApprovedBanner({channelId}: {channelId: string}) {
    const intl = useIntl();
    const dispatch = useAppDispatch();
    const stamp = useAppSelector((s) => pluginState(s).shelfStamps[channelId] ?? 0);
    const shelf = useResource(`banner:${channelId}:${stamp}`, (signal) => getShelf(channelId, {signal}));
    const items = shelf.data?.channel_id === channelId ? shelf.data.items : NONE;
    if (!items.length) {
        return null;
    }
    const open = (item: ShelfItem) => {
        dispatch(taskSelected(null));
        dispatch(assetOpened(item.project_id, item.asset_id));
        showSidebar(dispatch);
    };
    return (
        <div
            className='tl-banner'
            role='note'
            aria-label={intl.formatMessage(m.label)}
        >
            <span className='tl-banner__heading'><FormattedMessage {...m.heading}/></span>
            {items.map((item) => {
                const values = {asset: item.asset_name, number: item.version.number, file: item.version.file_name};
                return (
                    <button
                        key={item.asset_id}
                        type='button'
                        className='tl-btn tl-btn--link tl-banner__item'
                        data-asset-id={item.asset_id}
                        title={intl.formatMessage(m.itemTitle, values)}
                        onClick={() => open(item)}
                    >
                        {intl.formatMessage(m.item, values)}
                    </button>
                );
            })}
        </div>
    );
}
