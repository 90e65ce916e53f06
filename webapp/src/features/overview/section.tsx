import React from 'react';
import {FormattedMessage, type MessageDescriptor} from 'react-intl';

import {useUniqueId} from '../../components/unique_id';

type Props = {title: MessageDescriptor; empty: MessageDescriptor; isEmpty: boolean; children: React.ReactNode; aside?: React.ReactNode};

// One view of the overview: a headed region, or a line saying there is nothing to show.
export default function Section({title, empty, isEmpty, children, aside}: Props) {
    const id = useUniqueId('tl-overview-section');
    return (
        <section
            className='tl-overview__section'
            aria-labelledby={id}
        >
            <div className='tl-overview__section-head'>
                <h2 id={id}><FormattedMessage {...title}/></h2>
                {aside}
            </div>
            {isEmpty ? <p className='tl-muted'><FormattedMessage {...empty}/></p> : children}
        </section>
    );
}
