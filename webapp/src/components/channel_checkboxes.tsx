import React from 'react';
import {FormattedMessage, useIntl, type MessageDescriptor} from 'react-intl';
import {shallowEqual} from 'react-redux';

import {useAppSelector} from '../hooks';
import {channelLabel} from '../host/selectors';

import commonMessages from './messages';

type Props = {

    // The channels to choose from, in the order shown.
    ids: string[];
    value: string[];
    onChange: (ids: string[]) => void;
    legend: MessageDescriptor;

    // Shown when there is nothing to choose from.
    empty: MessageDescriptor;

    // Shown (and the group marked invalid) when set: why the choice will not do.
    error?: MessageDescriptor | null;

    // More about one channel, after its name (who will get the work there, say).
    detail?: (id: string) => React.ReactNode;
};

// A group of checkboxes, one per channel, named as the host names them.
export default function ChannelCheckboxes({ids, value, onChange, legend, empty, error, detail}: Props) {
    const intl = useIntl();
    const names = useAppSelector((s) => ids.map((id) => channelLabel(s, id) ?? intl.formatMessage(commonMessages.unknownChannel)), shallowEqual);

    return (
        <fieldset
            className='tl-field tl-fieldset'
            aria-invalid={Boolean(error) || undefined}
        >
            <legend className='tl-label'><FormattedMessage {...legend}/></legend>
            {ids.length === 0 && <span className='tl-muted'><FormattedMessage {...empty}/></span>}
            {ids.map((id, i) => (
                <label
                    key={id}
                    className='tl-check'
                >
                    <input
                        type='checkbox'
                        checked={value.includes(id)}
                        onChange={(e) => onChange(e.target.checked ? [...value, id] : value.filter((v) => v !== id))}
                    />
                    {names[i]}
                    {detail && <span className='tl-muted'>{detail(id)}</span>}
                </label>
            ))}
            {error && <span className='tl-error'><FormattedMessage {...error}/></span>}
        </fieldset>
    );
}
