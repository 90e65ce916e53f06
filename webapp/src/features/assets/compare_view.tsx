import type {Asset} from '@throughline/contract';
import React from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {versionFileUrl} from '../../client';

import messages from './messages';

type Props = {
    asset: Asset;
    picks: string[];
    onClose: () => void;
};

// Two image versions side by side, older on the left.
export default function CompareView({asset, picks, onClose}: Props) {
    const intl = useIntl();
    const versions = asset.versions.filter((v) => picks.includes(v.id)).sort((a, b) => a.number - b.number);
    if (versions.length < 2) {
        return picks.length === 1 ? <p className='tl-muted'><FormattedMessage {...messages.compareHint}/></p> : null;
    }
    return (
        <section
            className='tl-section'
            aria-label={intl.formatMessage(messages.comparison)}
        >
            <div className='tl-compare'>
                {versions.map((v) => {
                    const label = intl.formatMessage(messages.imageAlt, {number: v.number, file: v.file_name});
                    return (
                        <figure key={v.id}>
                            <img
                                src={versionFileUrl(asset.id, v.id)}
                                alt={label}
                            />
                            <figcaption>{label}</figcaption>
                        </figure>
                    );
                })}
            </div>
            <button
                type='button'
                className='tl-btn tl-btn--link'
                onClick={onClose}
            >
                <FormattedMessage {...messages.closeComparison}/>
            </button>
        </section>
    );
}
