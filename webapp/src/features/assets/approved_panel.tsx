import type {Asset} from '@throughline/contract';
import React from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {versionFileUrl} from '../../client';
import keyed from '../../components/keyed';
import UserName from '../../components/user_name';
import When from '../../components/when';

import {approvedVersion, formatSize, isImage} from './format';
import messages from './messages';
import ReceiptMatrix from './receipt_matrix';

// The one version everybody should use, and which channels have confirmed they have it.
export default function ApprovedPanel({asset}: {asset: Asset}) {
    const intl = useIntl();
    const v = approvedVersion(asset);
    return (
        <section className='tl-section'>
            <h4><FormattedMessage {...messages.approvedHeading}/></h4>
            {v ? (
                <>
                    {isImage(v) && (
                        <img
                            className='tl-preview'
                            src={versionFileUrl(asset.id, v.id)}
                            alt={intl.formatMessage(messages.imageAlt, {number: v.number, file: v.file_name})}
                        />
                    )}
                    <p>
                        <FormattedMessage
                            {...messages.versionLine}
                            values={keyed({
                                version: (
                                    <strong>
                                        <FormattedMessage
                                            {...messages.versionTitle}
                                            values={{number: v.number}}
                                        />
                                    </strong>
                                ),
                                file: v.file_name,
                                size: formatSize(intl, v.size),
                                download: (
                                    <a
                                        href={versionFileUrl(asset.id, v.id)}
                                        download={v.file_name}
                                        aria-label={intl.formatMessage(messages.downloadVersion, {number: v.number})}
                                    >
                                        <FormattedMessage {...messages.download}/>
                                    </a>
                                ),
                            })}
                        />
                    </p>
                    {v.decided_at && (
                        <p className='tl-muted'>
                            <FormattedMessage
                                {...messages.decidedApproved}
                                values={keyed({user: <UserName userId={v.decided_by}/>, when: <When at={v.decided_at}/>})}
                            />
                        </p>
                    )}
                    {v.decision_comment && <blockquote className='tl-quote'>{v.decision_comment}</blockquote>}
                    <ReceiptMatrix
                        asset={asset}
                        version={v}
                    />
                </>
            ) : <p className='tl-muted'><FormattedMessage {...messages.noneApproved}/></p>}
        </section>
    );
}
