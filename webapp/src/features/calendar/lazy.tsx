import type {Project} from '@throughline/contract';
import React, {Suspense, useState} from 'react';
import {FormattedMessage} from 'react-intl';

import ChunkBoundary from '../../components/chunk_boundary';
import {Alert} from '../../components/form';

import messages from './entry_messages';

// The panel is a chunk of its own, loaded the first time it is opened.
const Panel = React.lazy(() => import(/* webpackChunkName: "calendar" */ './views').then((m) => ({default: m.FeedsPanel})));

// The sidebar's "Calendar feeds" toggle: the person's feeds, and one of the project in view.
export function CalendarFeeds({project}: {project?: Project}) {
    const [open, setOpen] = useState(false);
    return (
        <div className='tl-sidebar__foot'>
            <button
                type='button'
                className='tl-btn tl-btn--link'
                aria-expanded={open}
                onClick={() => setOpen(!open)}
            >
                <FormattedMessage {...messages.toggle}/>
            </button>
            {open && (
                <ChunkBoundary failed={<Alert><FormattedMessage {...messages.viewFailed}/></Alert>}>
                    <Suspense fallback={<p className='tl-muted'><FormattedMessage {...messages.loading}/></p>}>
                        <Panel project={project}/>
                    </Suspense>
                </ChunkBoundary>
            )}
        </div>
    );
}
