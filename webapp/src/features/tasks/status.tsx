import type {TaskStatus} from '@throughline/contract';
import React from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import messages, {statusMessages} from './messages';
import {TASK_STATUSES} from './statuses';

export function StatusBadge({status}: {status: TaskStatus}) {
    return (
        <span className={'tl-badge tl-badge--' + status}>
            <FormattedMessage {...statusMessages[status]}/>
        </span>
    );
}

type SelectProps = {
    value: TaskStatus;
    title: string;
    disabled?: boolean;
    onChange: (status: TaskStatus) => void;
};

// A status select labelled with the task's title, so a list of them stays tellable apart.
export function StatusSelect({value, title, disabled, onChange}: SelectProps) {
    const intl = useIntl();
    return (
        <select
            className='tl-input'
            aria-label={intl.formatMessage(messages.statusFor, {title})}
            value={value}
            disabled={disabled}
            onChange={(e) => onChange(e.target.value as TaskStatus)}
        >
            {TASK_STATUSES.map((s) => (
                <option
                    key={s}
                    value={s}
                >
                    {intl.formatMessage(statusMessages[s])}
                </option>
            ))}
        </select>
    );
}
