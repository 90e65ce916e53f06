import type {Durations, StatusDuration} from '@throughline/contract';
import React from 'react';
import {useIntl, type MessageDescriptor} from 'react-intl';

import {TASK_STATUSES, statusMessages} from '../tasks';

import type {Names} from './directory';
import {formatDuration} from './format';
import Section from './section';
import messages from './view_messages';

type Row = {key: string; label: string; statuses: StatusDuration[]};

function DurationTable({caption, rows}: {caption: MessageDescriptor; rows: Row[]}) {
    const intl = useIntl();
    return (
        <table className='tl-matrix'>
            <caption>{intl.formatMessage(caption)}</caption>
            <thead>
                <tr>
                    <td/>
                    {TASK_STATUSES.map((s) => (
                        <th
                            key={s}
                            scope='col'
                        >
                            {intl.formatMessage(statusMessages[s])}
                        </th>
                    ))}
                </tr>
            </thead>
            <tbody>
                {rows.map((row) => (
                    <tr key={row.key}>
                        <th scope='row'>{row.label}</th>
                        {TASK_STATUSES.map((status) => {
                            const d = row.statuses.find((x) => x.status === status);
                            return (
                                <td key={status}>
                                    {d ? intl.formatMessage(messages.stays, {median: formatDuration(intl, d.median_seconds), stays: d.stays}) : intl.formatMessage(messages.noStays)}
                                </td>
                            );
                        })}
                    </tr>
                ))}
            </tbody>
        </table>
    );
}

// How long tasks stay in each status, per channel and per assignee, over the chosen weeks.
export default function DurationsView({durations, names}: {durations: Durations; names: Names}) {
    return (
        <Section
            title={messages.durations}
            empty={messages.durationsEmpty}
            isEmpty={!durations.by_channel.length && !durations.by_assignee.length}
        >
            <div className='tl-overview__scroll'>
                <DurationTable
                    caption={messages.byChannel}
                    rows={durations.by_channel.map((r) => ({key: r.channel_id, label: names.channel(r.channel_id), statuses: r.statuses}))}
                />
                <DurationTable
                    caption={messages.byAssignee}
                    rows={durations.by_assignee.map((r) => ({key: r.user_id ?? '-', label: names.user(r.user_id), statuses: r.statuses}))}
                />
            </div>
        </Section>
    );
}
