import type {DisappearingVersion} from '@throughline/contract';
import React from 'react';
import {useIntl} from 'react-intl';

import type {Names} from './directory';
import messages from './messages';
import Section from './section';
import viewMessages from './view_messages';

// Approved versions that some channel never confirmed: downloaded there and then silence, or not even that.
export default function FilesGone({versions, names}: {versions: DisappearingVersion[]; names: Names}) {
    const intl = useIntl();
    return (
        <Section
            title={viewMessages.files}
            empty={viewMessages.filesEmpty}
            isEmpty={!versions.length}
        >
            <ul className='tl-overview__list'>
                {versions.map((v) => (
                    <li key={v.version_id}>
                        <strong>{intl.formatMessage(messages.versionOf, {number: v.version_number, asset: v.asset_name, file: v.file_name})}</strong>
                        <ul>
                            {v.channels.map((c) => (
                                <li
                                    key={c.channel_id}
                                    className={'tl-file tl-file--' + c.state}
                                >
                                    {intl.formatMessage(viewMessages.fileLine, {channel: names.channel(c.channel_id), state: c.state === 'downloaded' ? intl.formatMessage(viewMessages.fileDownloaded, {count: c.downloads}) : intl.formatMessage(viewMessages.fileSilent)})}
                                </li>
                            ))}
                        </ul>
                    </li>
                ))}
            </ul>
        </Section>
    );
}
