import React, {Suspense} from 'react';
import {FormattedMessage, type MessageDescriptor} from 'react-intl';

import ChunkBoundary from './chunk_boundary';
import {Alert} from './form';

type Props = {loading: MessageDescriptor; failed: MessageDescriptor; children: React.ReactNode};

// A view in a chunk of its own: a line while the chunk loads, a notice in its place if it cannot.
export default function LazyView({loading, failed, children}: Props) {
    return (
        <ChunkBoundary failed={<Alert><FormattedMessage {...failed}/></Alert>}>
            <Suspense fallback={<p className='tl-muted'><FormattedMessage {...loading}/></p>}>
                {children}
            </Suspense>
        </ChunkBoundary>
    );
}
