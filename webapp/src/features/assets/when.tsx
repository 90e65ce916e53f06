import React from 'react';
import {FormattedDate, FormattedTime} from 'react-intl';

export default function When({at}: {at: string}) {
    return (
        <time dateTime={at}>
            <FormattedDate value={at}/>
            {' '}
            <FormattedTime value={at}/>
        </time>
    );
}
