import type {OverviewCell} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import ErrorNotice from '../../components/error_notice';
import {useAppDispatch} from '../../hooks';
import {useRequest} from '../../use_request';
import {openDecision} from '../decisions';
import {StatusBadge, openTask} from '../tasks';

import {getOverviewCell} from './api';
import type {Cell} from './matrix';
import messages from './messages';

const PAGE = 50;

type Props = {projectId: string; cell: Cell; channel: string; onClose: () => void};

// The records behind one cell of the matrix; each opens in the sidebar.
export default function CellList({projectId, cell, channel, onClose}: Props) {
    const intl = useIntl();
    const dispatch = useAppDispatch();
    const [cursor, setCursor] = useState<string | null>(null);
    const [earlier, setEarlier] = useState<OverviewCell[]>([]);
    const key = [projectId, cell.channelId, cell.kind, cell.status ?? '', cursor ?? ''].join(':');
    const page = useRequest<OverviewCell>(key, (signal) => getOverviewCell(projectId, {
        channel_id: cell.channelId, kind: cell.kind, ...(cell.status && cell.kind === 'status' ? {status: cell.status} : {}), ...(cursor ? {cursor} : {}), limit: PAGE,
    }, {signal}));
    const pages = page.status === 'ready' ? [...earlier, page.data] : earlier;
    const tasks = pages.flatMap((p) => p.tasks);
    const receipts = pages.flatMap((p) => p.receipts);
    const decisions = pages.flatMap((p) => p.decisions);
    const empty = page.status === 'ready' && !tasks.length && !receipts.length && !decisions.length;
    const heading = intl.formatMessage(messages.cellHeading, {channel, column: cell.column});
    return (
        <section
            className='tl-overview__cell'
            aria-label={heading}
        >
            <div className='tl-overview__section-head'>
                <h3>{heading}</h3>
                <button
                    type='button'
                    className='tl-btn tl-btn--icon tl-btn--x'
                    aria-label={intl.formatMessage(messages.cellClose)}
                    onClick={onClose}
                />
            </div>
            {page.status === 'error' && (
                <ErrorNotice
                    error={page.error}
                    onRetry={page.reload}
                />
            )}
            {empty && <p className='tl-muted'><FormattedMessage {...messages.cellEmpty}/></p>}
            <ul className='tl-overview__list'>
                {tasks.map((t) => (
                    <li
                        key={t.id}
                        className='tl-overview__item'
                    >
                        <button
                            type='button'
                            className='tl-btn tl-btn--link'
                            onClick={() => openTask(dispatch, t.id)}
                        >
                            {t.title}
                        </button>
                        <StatusBadge status={t.status}/>
                    </li>
                ))}
                {receipts.map((r) => (
                    <li key={r.version.id}>
                        <FormattedMessage
                            {...messages.versionOf}
                            values={{number: r.version.number, asset: r.asset_name, file: r.version.file_name}}
                        />
                    </li>
                ))}
                {decisions.map((d) => (
                    <li key={d.id}>
                        <button
                            type='button'
                            className='tl-btn tl-btn--link'
                            onClick={() => openDecision(dispatch, d.id)}
                        >
                            {d.statement}
                        </button>
                    </li>
                ))}
            </ul>
            {page.status === 'loading' && <p className='tl-muted'><FormattedMessage {...messages.loadingOverview}/></p>}
            {page.status === 'ready' && page.data.next_cursor && (
                <button
                    type='button'
                    className='tl-btn'
                    onClick={() => {
                        setEarlier(pages);
                        setCursor(page.data.next_cursor);
                    }}
                >
                    <FormattedMessage {...messages.cellMore}/>
                </button>
            )}
        </section>
    );
}
