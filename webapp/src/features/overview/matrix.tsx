import type {OverviewCellKind, OverviewRow, TaskStatus} from '@throughline/contract';
import React from 'react';
import {useIntl, type MessageDescriptor} from 'react-intl';

import {TASK_STATUSES, statusMessages} from '../tasks';

import messages from './messages';

export type Cell = {channelId: string; kind: OverviewCellKind; status?: TaskStatus; column: string};

type Column = {label: MessageDescriptor; kind: OverviewCellKind; status?: TaskStatus; count: (r: OverviewRow) => number; text?: (r: OverviewRow) => string};

const COLUMNS: Column[] = [
    ...TASK_STATUSES.map((status) => ({label: statusMessages[status], kind: 'status' as const, status, count: (r: OverviewRow) => r.tasks[status]})),
    {label: messages.overdue, kind: 'overdue', count: (r) => r.overdue},
    {label: messages.rollout, kind: 'rollout', count: (r) => r.rollout.total},
    {label: messages.receipts, kind: 'receipts', count: (r) => r.receipts_owed},
    {label: messages.decisions, kind: 'decisions', count: (r) => r.decisions_unconfirmed},
];

type Props = {rows: OverviewRow[]; channelName: (id: string) => string; open: Cell | null; onOpen: (cell: Cell) => void};

// Every channel of the project by stage; a cell that counts something opens the list behind it.
export default function Matrix({rows, channelName, open, onOpen}: Props) {
    const intl = useIntl();
    return (
        <div className='tl-overview__scroll'>
            <table className='tl-matrix'>
                <thead>
                    <tr>
                        <th scope='col'>{intl.formatMessage(messages.channel)}</th>
                        {COLUMNS.map((c) => (
                            <th
                                key={c.label.id}
                                scope='col'
                            >
                                {intl.formatMessage(c.label)}
                            </th>
                        ))}
                    </tr>
                </thead>
                <tbody>
                    {rows.map((row) => {
                        const channel = row.display_name || channelName(row.channel_id);
                        return (
                            <tr key={row.channel_id}>
                                <th scope='row'>
                                    {channel}
                                    {row.is_home && <span className='tl-muted tl-matrix__home'>{intl.formatMessage(messages.home)}</span>}
                                </th>
                                {COLUMNS.map((c) => {
                                    const count = c.count(row);
                                    const column = intl.formatMessage(c.label);
                                    const shown = c.kind === 'rollout' ? intl.formatMessage(messages.rolloutCount, {done: row.rollout.done, total: count}) : String(count);
                                    const isOpen = open?.channelId === row.channel_id && open.kind === c.kind && open.status === c.status;
                                    return (
                                        <td
                                            key={c.label.id}
                                            className={count ? 'tl-matrix__cell tl-matrix__cell--' + c.kind : 'tl-matrix__cell tl-muted'}
                                        >
                                            {count ? (
                                                <button
                                                    type='button'
                                                    className='tl-btn tl-btn--link'
                                                    aria-pressed={isOpen}
                                                    aria-label={intl.formatMessage(messages.cellOpen, {channel, column, count: shown})}
                                                    onClick={() => onOpen({channelId: row.channel_id, kind: c.kind, status: c.status, column})}
                                                >
                                                    {shown}
                                                </button>
                                            ) : shown}
                                        </td>
                                    );
                                })}
                            </tr>
                        );
                    })}
                </tbody>
            </table>
        </div>
    );
}
