import type {Asset, AssetVersion} from '@throughline/contract';
import React from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {versionFileUrl} from '../../client';
import keyed from '../../components/keyed';
import UserName from '../../components/user_name';
import When from '../../components/when';

import {formatSize, isImage} from './format';
import messages, {stateMessages} from './messages';

export type Decision = 'approve' | 'reject';

type Props = {
    asset: Asset;
    mayDecide: boolean;
    picks: string[];
    onPick: (versionId: string, picked: boolean) => void;
    onDecide: (version: AssetVersion, decision: Decision) => void;
};

const DECIDED = {approved: messages.decidedApproved, rejected: messages.decidedRejected, superseded: messages.decidedSuperseded};

function VersionItem({asset, version: v, mayDecide, picked, onPick, onDecide}: Omit<Props, 'picks'> & {version: AssetVersion; picked: boolean}) {
    const intl = useIntl();
    const title = intl.formatMessage(messages.versionTitle, {number: v.number});
    return (
        <li
            className='tl-version'
            aria-label={title}
        >
            <div className='tl-version__head'>
                <strong>{title}</strong>
                <span className={'tl-badge tl-badge--' + v.state}><FormattedMessage {...stateMessages[v.state]}/></span>
                {isImage(v) && (
                    <label className='tl-check'>
                        <input
                            type='checkbox'
                            checked={picked}
                            onChange={(e) => onPick(v.id, e.target.checked)}
                        />
                        <FormattedMessage
                            {...messages.compareVersion}
                            values={{number: v.number}}
                        />
                    </label>
                )}
            </div>
            <div>
                <FormattedMessage
                    {...messages.fileSize}
                    values={keyed({
                        file: (
                            <a
                                href={versionFileUrl(asset.id, v.id)}
                                download={v.file_name}
                            >
                                {v.file_name}
                            </a>
                        ),
                        size: formatSize(intl, v.size),
                    })}
                />
            </div>
            <div className='tl-muted'>
                <FormattedMessage
                    {...messages.addedBy}
                    values={keyed({user: <UserName userId={v.added_by}/>, when: <When at={v.added_at}/>})}
                />
            </div>
            {v.state !== 'proposed' && v.decided_at && (
                <div className='tl-muted'>
                    <FormattedMessage
                        {...DECIDED[v.state]}
                        values={keyed({user: <UserName userId={v.decided_by}/>, when: <When at={v.decided_at}/>})}
                    />
                </div>
            )}
            {v.decision_comment && <blockquote className='tl-quote'>{v.decision_comment}</blockquote>}
            {mayDecide && v.state !== 'approved' && (
                <div className='tl-actions'>
                    <button
                        type='button'
                        className='tl-btn'
                        aria-label={intl.formatMessage(messages.approveVersion, {number: v.number})}
                        onClick={() => onDecide(v, 'approve')}
                    >
                        <FormattedMessage {...messages.approve}/>
                    </button>
                    {v.state === 'proposed' && (
                        <button
                            type='button'
                            className='tl-btn'
                            aria-label={intl.formatMessage(messages.rejectVersion, {number: v.number})}
                            onClick={() => onDecide(v, 'reject')}
                        >
                            <FormattedMessage {...messages.reject}/>
                        </button>
                    )}
                </div>
            )}
        </li>
    );
}

// Every version, newest first: file, size, state, who added it and who decided, when and why.
export default function VersionList({asset, mayDecide, picks, onPick, onDecide}: Props) {
    const intl = useIntl();
    if (!asset.versions.length) {
        return <p className='tl-muted'><FormattedMessage {...messages.noVersions}/></p>;
    }
    return (
        <ol
            className='tl-versions'
            aria-label={intl.formatMessage(messages.versionsLabel)}
        >
            {asset.versions.map((v) => (
                <VersionItem
                    key={v.id}
                    asset={asset}
                    version={v}
                    mayDecide={mayDecide}
                    picked={picks.includes(v.id)}
                    onPick={onPick}
                    onDecide={onDecide}
                />
            ))}
        </ol>
    );
}
