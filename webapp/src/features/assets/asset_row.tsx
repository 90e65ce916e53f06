import type {Asset} from '@throughline/contract';
import React from 'react';
import {FormattedMessage} from 'react-intl';

import {versionFileUrl} from '../../client';

import {approvedVersion, isImage} from './format';
import messages from './messages';

type Props = {
    asset: Asset;
    onOpen: (id: string) => void;
};

// One asset in the list: its approved version (a thumbnail for images) and how far its receipt got.
export default function AssetRow({asset, onOpen}: Props) {
    const approved = approvedVersion(asset);
    const confirmed = asset.receipts.filter((r) => r.confirmed_at).length;
    return (
        <li className='tl-asset'>
            <span className='tl-thumb'>
                {approved && isImage(approved) && (
                    <img
                        src={versionFileUrl(asset.id, approved.id)}
                        alt=''
                        loading='lazy'
                    />
                )}
            </span>
            <span className='tl-asset__main'>
                <button
                    type='button'
                    className='tl-btn tl-btn--link tl-row__title'
                    onClick={() => onOpen(asset.id)}
                >
                    {asset.name}
                </button>
                <span className='tl-muted'>
                    {approved ? (
                        <FormattedMessage
                            {...messages.approvedShort}
                            values={{number: approved.number, file: approved.file_name}}
                        />
                    ) : <FormattedMessage {...messages.noneApproved}/>}
                </span>
                {approved && asset.receipts.length > 0 && (
                    <span className='tl-muted'>
                        <FormattedMessage
                            {...messages.receiptsSummary}
                            values={{confirmed, total: asset.receipts.length}}
                        />
                    </span>
                )}
            </span>
        </li>
    );
}
