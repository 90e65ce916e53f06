import React, {Suspense} from 'react';
import {FormattedMessage} from 'react-intl';

import ChunkBoundary from '../../components/chunk_boundary';
import {Alert} from '../../components/form';

import messages from './messages';

// The shelf and the late-downloads list are a chunk of their own: main.js carries only this door to them.
const load = () => import(/* webpackChunkName: "shelf" */ './recall_views');
const Shelf = React.lazy(() => load().then((x) => ({default: x.ShelfView})));
const Late = React.lazy(() => load().then((x) => ({default: x.SupersededDownloads})));

const failed = <Alert><FormattedMessage {...messages.viewFailed}/></Alert>;

const lazily = (node: React.ReactNode) => (
    <ChunkBoundary failed={failed}>
        <Suspense fallback={<p className='tl-muted'><FormattedMessage {...messages.loading}/></p>}>{node}</Suspense>
    </ChunkBoundary>
);

export const ShelfTab = (p: {channelId: string; onShowAll?: () => void}) => lazily(<Shelf {...p}/>);
export const LateDownloads = (p: {assetId: string}) => lazily(<Late {...p}/>);
