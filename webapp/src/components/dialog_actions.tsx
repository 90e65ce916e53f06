import React from 'react';
import {FormattedMessage} from 'react-intl';

import commonMessages from './messages';

type Props = {
    onCancel: () => void;

    // The submit button's label (it changes while the request runs).
    submitLabel: React.ReactNode;
    busy: boolean;
    disabled?: boolean;
};

// The footer of a form dialog: Cancel, and the submit button.
// aria-disabled while busy, not disabled: a disabled button drops focus to <body>.
export default function DialogActions({onCancel, submitLabel, busy, disabled}: Props) {
    return (
        <>
            <button
                type='button'
                className='tl-btn'
                onClick={onCancel}
            >
                <FormattedMessage {...commonMessages.cancel}/>
            </button>
            <button
                type='submit'
                className='tl-btn tl-btn--primary'
                aria-disabled={busy}
                disabled={disabled}
            >
                {submitLabel}
            </button>
        </>
    );
}
