import React from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import {Field} from '../../components/form';
import commonMessages from '../../components/messages';
import {useAppSelector} from '../../hooks';
import {displayName, getUser} from '../../host/selectors';

import type {Filters} from './filters';
import messages from './list_messages';

type Props = {
    filters: Filters;
    assignees: string[];
    onChange: (changes: Partial<Filters>) => void;
};

export default function FiltersBar({filters, assignees, onChange}: Props) {
    const intl = useIntl();
    const unknown = intl.formatMessage(commonMessages.unknownUser);
    const names = useAppSelector(
        (s) => assignees.map((uid) => [uid, displayName(getUser(s, uid), unknown)]).sort((a, b) => a[1].localeCompare(b[1])),
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
            <Field
                label={messages.filterAssignee}
                inline={true}
            >
                {(control) => (
                    <select
                        {...control}
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
                )}
            </Field>
        </div>
    );
}
