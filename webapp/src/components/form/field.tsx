import React from 'react';
import {FormattedMessage, type MessageDescriptor} from 'react-intl';

import {useUniqueId} from '../unique_id';

// What a field hands its control, so the label and the error message point at it.
type ControlProps = {id: string; 'aria-invalid'?: true; 'aria-describedby'?: string};

type Props = {
    label: MessageDescriptor;

    // Shown under the control, which is then marked invalid and described by it.
    error?: MessageDescriptor | null;

    // Label and control side by side in a row of filters, with no block of their own.
    inline?: boolean;

    // A control (given its id and aria props), or content with nothing to label (text, a button).
    children: ((control: ControlProps) => React.ReactNode) | React.ReactNode;
};

// One labelled form field: the label, the control, and its error.
export default function Field({label, error, inline, children}: Props) {
    const id = useUniqueId('tl-field');
    const errorId = id + '-error';
    const text = <FormattedMessage {...label}/>;

    if (typeof children !== 'function') {
        return (
            <div className='tl-field'>
                <span className='tl-label'>{text}</span>
                {children}
            </div>
        );
    }
    const control = children(error ? {id, 'aria-invalid': true, 'aria-describedby': errorId} : {id});
    if (inline) {
        return (
            <>
                <label
                    className='tl-check'
                    htmlFor={id}
                >
                    {text}
                </label>
                {control}
            </>
        );
    }
    return (
        <div className='tl-field'>
            <label htmlFor={id}>{text}</label>
            {control}
            {error && (
                <span
                    id={errorId}
                    className='tl-invalid'
                >
                    <FormattedMessage {...error}/>
                </span>
            )}
        </div>
    );
}
