import type {Task, TaskStatus} from '@throughline/contract';
import React, {useCallback} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import VirtualList from '../../components/virtual_list';

import type {Row} from './filters';
import messages from './list_messages';
import {statusMessages} from './messages';
import TaskRow from './task_row';

const ROW_HEIGHT = 44;

type Props = {
    rows: Row[];
    now: number;
    pending: ReadonlySet<string>;
    onOpen: (id: string) => void;
    onStatus: (task: Task, status: TaskStatus) => void;
    onToggleGroup: (status: TaskStatus) => void;
};

const rowKey = (row: Row) => (row.kind === 'group' ? 'g:' + row.status : row.task.id);

export default function TaskList({rows, now, pending, onOpen, onStatus, onToggleGroup}: Props) {
    const intl = useIntl();
    const renderRow = useCallback((row: Row) => {
        if (row.kind === 'group') {
            return (
                <button
                    type='button'
                    className='tl-btn tl-group'
                    aria-expanded={!row.collapsed}
                    onClick={() => onToggleGroup(row.status)}
                >
                    <FormattedMessage
                        {...messages.groupCount}
                        values={{status: intl.formatMessage(statusMessages[row.status]), count: row.count}}
                    />
                </button>
            );
        }
        return (
            <TaskRow
                task={row.task}
                now={now}
                pending={pending.has(row.task.id)}
                onOpen={onOpen}
                onStatus={onStatus}
            />
        );
    }, [intl, now, pending, onOpen, onStatus, onToggleGroup]);

    return (
        <VirtualList
            items={rows}
            rowHeight={ROW_HEIGHT}
            itemKey={rowKey}
            renderRow={renderRow}
            label={intl.formatMessage(messages.taskList)}
        />
    );
}
