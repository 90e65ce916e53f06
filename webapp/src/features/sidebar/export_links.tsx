import type {Project} from '@throughline/contract';
import React from 'react';
import {useIntl} from 'react-intl';

import {exportUrl} from '../../client';

import messages from './messages';

// Plain links: the browser downloads the streamed record itself, with the session cookie.
export default function ExportLinks({project}: {project: Project}) {
    const intl = useIntl();
    const locale = intl.locale.toLowerCase().startsWith('ru') ? 'ru' : 'en';
    return (
        <span
            className='tl-export'
            role='group'
            aria-label={intl.formatMessage(messages.exportRecord)}
        >
            <span>{intl.formatMessage(messages.exportRecord)}</span>
            <a
                className='tl-btn tl-btn--link'
                href={exportUrl(project.id, 'json', locale)}
                download={true}
            >
                {intl.formatMessage(messages.exportJson)}
            </a>
            <a
                className='tl-btn tl-btn--link'
                href={exportUrl(project.id, 'html', locale)}
                download={true}
            >
                {intl.formatMessage(messages.exportPrintable)}
            </a>
        </span>
    );
}
