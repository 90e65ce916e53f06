import React from 'react';
import {FormattedMessage, useIntl} from 'react-intl';
import {useSelector} from 'react-redux';

import commonMessages from '../../components/messages';
import {useUniqueId} from '../../components/unique_id';
import {displayName, getUser} from '../../selectors';
import type {HostState} from '../../types';

import type {Filters} from './filters';
import messages from './messages';

type Props = {
    filters: Filters;
    assignees: string[];
    onChange: (changes: Partial<Filters>) => void;
};

export default function FiltersBar({filters, assignees, onChange}: Props) {
    const intl = useIntl();
    const id = useUniqueId('tl-assignee-filter');
    const unknown = intl.formatMessage(commonMessages.unknownUser);
    const names = useSelector(
        (s: HostState) => assignees.map((uid) => [uid, displayName(getUser(s, uid), unknown)]).sort((a, b) => a[1].localeCompare(b[1])),
        (a, b) => a.join() === b.join(),
    );
    return (
        <div className='tl-filters'>
            <label className='tl-check'>
                <input
                    type='checkbox'
                    checked={filters.mine}
                    onChange={(e) => onChange({mine: e.target.checked})}
                />
                <FormattedMessage {...messages.filterMine}/>
            </label>
            <label className='tl-check'>
                <input
                    type='checkbox'
                    checked={filters.overdue}
                    onChange={(e) => onChange({overdue: e.target.checked})}
                />
                <FormattedMessage {...messages.filterOverdue}/>
            </label>
            <label
                className='tl-check'
                htmlFor={id}
            >
                <FormattedMessage {...messages.filterAssignee}/>
            </label>
            <select
                id={id}
                className='tl-input'
                value={filters.assignee}
                onChange={(e) => onChange({assignee: e.target.value})}
            >
                <option value=''>{intl.formatMessage(messages.anyone)}</option>
                <option value='none'>{intl.formatMessage(commonMessages.unassigned)}</option>
                {names.map(([uid, name]) => (
                    <option
                        key={uid}
                        value={uid}
                    >
                        {name}
                    </option>
                ))}
            </select>
        </div>
    );
}
