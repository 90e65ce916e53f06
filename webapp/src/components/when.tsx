import React from 'react';
import {FormattedDate, FormattedMessage, FormattedTime} from 'react-intl';

import keyed from './keyed';
import messages from './messages';

// A moment as the reader's locale writes a date and a time.
export default function When({at}: {at: string}) {
    return (
        <time dateTime={at}>
            <FormattedMessage
                {...messages.dateTime}
                values={keyed({date: <FormattedDate value={at}/>, time: <FormattedTime value={at}/>})}
            />
        </time>
    );
}
