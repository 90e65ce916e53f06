import React from 'react';
import {useIntl} from 'react-intl';

import commonMessages from './messages';

type Props = {

    // The id the dialog's aria-labelledby points at.
    id: string;
    title: React.ReactNode;
    onClose: () => void;
};

// The title row every Throughline dialog shares: its heading and a labelled close button.
export default function DialogHeader({id, title, onClose}: Props) {
    const intl = useIntl();
    return (
        <div className='tl-dialog__header'>
            <h2
                id={id}
                className='tl-dialog__title'
            >
                {title}
            </h2>
            <button
                type='button'
                className='tl-btn tl-btn--icon tl-btn--x'
                aria-label={intl.formatMessage(commonMessages.close)}
                onClick={onClose}
            />
        </div>
    );
}
