import type {Project, Rollout, RolloutRow, Task} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedDate, FormattedMessage, useIntl} from 'react-intl';
import {shallowEqual} from 'react-redux';

import {taskSelected} from '../../actions';
import ErrorNotice from '../../components/error_notice';
import keyed from '../../components/keyed';
import UserName from '../../components/user_name';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {useChannels} from '../../host/channels';
import {channelLabel} from '../../host/selectors';
import {useProfiles} from '../../host/users';
import {StatusBadge} from '../tasks';

import RolloutDialog from './rollout_dialog';
import {useRollout, useRolloutAsset, withReceipts} from './use_rollout';
import messages from './view_messages';

type Props = {
    rolloutId: string;

    // The rolled-out task, whose detail this is.
    task: Task;

    // Its project, once known: the channels that can be added.
    project: Project | undefined;
};

// A rollout at a glance: one row per channel with its task's status, assignee, due date and the
// channel's receipt of the approved version; a row opens that channel's task.
export default function RolloutMatrix({rolloutId, task, project}: Props) {
    const req = useRollout(rolloutId);
    const [adding, setAdding] = useState(false);
    const rollout = req.data;
    const asset = useRolloutAsset(rollout?.asset_id ?? null);

    let body: React.ReactNode;
    if (!rollout) {
        body = req.error ? (
            <ErrorNotice
                error={req.error}
                onRetry={req.reload}
            />
        ) : <p className='tl-muted'><FormattedMessage {...messages.loading}/></p>;
    } else {
        const rows = withReceipts(rollout, asset);
        body = (
            <>
                <Counts
                    rollout={rollout}
                    confirmed={rows.filter((r) => r.receipt?.confirmed_at).length}
                />
                {rows.length ? (
                    <Table
                        rows={rows}
                        version={rollout.asset_id ? rollout.approved_version?.number ?? 0 : null}
                    />
                ) : <p><FormattedMessage {...messages.noRows}/></p>}
                {req.error && (
                    <ErrorNotice
                        error={req.error}
                        onRetry={req.reload}
                    />
                )}
                {project && rollout.permissions.includes('rollout.add_channel') && (
                    <p>
                        <button
                            type='button'
                            className='tl-btn'
                            onClick={() => setAdding(true)}
                        >
                            <FormattedMessage {...messages.addChannels}/>
                        </button>
                    </p>
                )}
                {adding && project && (
                    <RolloutDialog
                        task={task}
                        project={project}
                        rollout={rollout}
                        onClose={() => setAdding(false)}
                        onDone={req.reload}
                    />
                )}
            </>
        );
    }
    return (
        <section
            className='tl-rollout'
            aria-busy={req.status === 'loading' || undefined}
        >
            <h4><FormattedMessage {...messages.heading}/></h4>
            {body}
        </section>
    );
}

function Counts({rollout, confirmed}: {rollout: Rollout; confirmed: number}) {
    const {counts, approved_version: version} = rollout;
    const asset = rollout.asset_name ?? '';
    return (
        <p className='tl-card__meta'>
            <span>
                <FormattedMessage
                    {...messages.countDone}
                    values={{done: counts.done, total: counts.total}}
                />
            </span>
            {counts.overdue > 0 && (
                <span className='tl-overdue'>
                    <FormattedMessage
                        {...messages.countOverdue}
                        values={{count: counts.overdue}}
                    />
                </span>
            )}
            {rollout.asset_id && version && (
                <span>
                    <FormattedMessage
                        {...messages.countConfirmed}
                        values={{count: confirmed, total: counts.total, number: version.number, asset}}
                    />
                </span>
            )}
            {rollout.asset_id && !version && (
                <span>
                    <FormattedMessage
                        {...messages.countNothingApproved}
                        values={{asset}}
                    />
                </span>
            )}
        </p>
    );
}

// `version`: the approved version's number, 0 while none is; null when the rollout names no asset (no receipt column).
function Table({rows, version}: {rows: RolloutRow[]; version: number | null}) {
    const intl = useIntl();
    const dispatch = useAppDispatch();
    const channelIds = rows.map((r) => r.channel_id);
    useChannels(channelIds);
    useProfiles(rows.flatMap((r) => [r.task.assignee_id, r.receipt?.confirmed_by]));
    const names = useAppSelector((s) => channelIds.map((id) => channelLabel(s, id) ?? intl.formatMessage(messages.unknownChannel)), shallowEqual);

    // The sidebar is narrow: no column for due dates when no task has one.
    const dated = rows.some((r) => r.task.due_at);

    return (
        <table
            className='tl-table'
            aria-label={intl.formatMessage(messages.matrix)}
        >
            <thead>
                <tr>
                    <th scope='col'><FormattedMessage {...messages.colChannel}/></th>
                    <th scope='col'><FormattedMessage {...messages.colStatus}/></th>
                    <th scope='col'><FormattedMessage {...messages.colAssignee}/></th>
                    {dated && <th scope='col'><FormattedMessage {...messages.colDue}/></th>}
                    {version !== null && <th scope='col'><FormattedMessage {...messages.colReceipt}/></th>}
                </tr>
            </thead>
            <tbody>
                {rows.map((row, i) => (
                    <tr
                        key={row.channel_id}
                        className={row.overdue ? 'tl-overdue' : undefined}
                    >
                        <th scope='row'>
                            <button
                                type='button'
                                className='tl-btn tl-btn--link'
                                title={intl.formatMessage(messages.openTask, {channel: names[i]})}
                                onClick={() => dispatch(taskSelected(row.task.id))}
                            >
                                {names[i]}
                            </button>
                        </th>
                        <td><StatusBadge status={row.task.status}/></td>
                        <td><UserName userId={row.task.assignee_id}/></td>
                        {dated && (
                            <td>
                                {row.task.due_at ? <FormattedDate value={row.task.due_at}/> : <FormattedMessage {...messages.noDue}/>}
                                {row.overdue && (
                                    <>
                                        {' '}
                                        <FormattedMessage {...messages.overdue}/>
                                    </>
                                )}
                            </td>
                        )}
                        {version !== null && (
                            <td>
                                <Receipt
                                    row={row}
                                    version={version}
                                />
                            </td>
                        )}
                    </tr>
                ))}
            </tbody>
        </table>
    );
}

function Receipt({row, version}: {row: RolloutRow; version: number}) {
    if (!row.receipt) {
        return <FormattedMessage {...messages.receiptNone}/>;
    }
    if (!row.receipt.confirmed_at) {
        return <span className='tl-badge'><FormattedMessage {...messages.receiptPending}/></span>;
    }
    return (
        <FormattedMessage
            {...messages.receiptConfirmed}
            values={keyed({number: version, user: <UserName userId={row.receipt.confirmed_by}/>})}
        />
    );
}
