import type {SearchHit} from '@throughline/contract';
import React from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import type {SearchStatus} from './limits';
import MarkedText from './marked_text';
import messages, {statusMessages} from './view_messages';

const KIND = {task: messages.kindTask, decision: messages.kindDecision, asset: messages.kindAsset, version: messages.kindVersion} as const;

const isStatus = (s: string | null): s is SearchStatus => s !== null && Object.prototype.hasOwnProperty.call(statusMessages, s);

// One hit: what it is, its title and a passage with the searched words marked; opening it shows it in the sidebar.
export default function SearchHitRow({hit, onOpen}: {hit: SearchHit; onOpen: (hit: SearchHit) => void}) {
    const intl = useIntl();
    return (
        <li className='tl-card tl-search__hit'>
            <p className='tl-muted'>
                <FormattedMessage {...KIND[hit.kind]}/>
                {isStatus(hit.status) && <>{' · '}{intl.formatMessage(statusMessages[hit.status])}</>}
            </p>
            <button
                type='button'
                className='tl-btn tl-btn--link tl-search__title'
                onClick={() => onOpen(hit)}
            >
                <MarkedText value={hit.title}/>
            </button>
            {hit.snippet.text && (
                <p className='tl-search__snippet'>
                    <MarkedText value={hit.snippet}/>
                </p>
            )}
            {hit.permalink && (
                <a
                    className='tl-muted'
                    href={hit.permalink}
                >
                    <FormattedMessage {...messages.source}/>
                </a>
            )}
        </li>
    );
}
