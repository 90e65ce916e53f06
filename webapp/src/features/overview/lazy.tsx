import React from 'react';

import LazyView from '../../components/lazy_view';

import messages from './entry_messages';

// The overview page is a chunk of its own, loaded the first time someone opens it.
const Page = React.lazy(() => import(/* webpackChunkName: "overview" */ './views').then((m) => ({default: m.OverviewPage})));

// What registerNeedsTeamRoute draws at /<team>/<plugin id>/overview/<project id>.
export default function OverviewRoute() {
    return (
        <div className='tl-overview-route'>
            <LazyView
                loading={messages.loading}
                failed={messages.viewFailed}
            >
                <Page/>
            </LazyView>
        </div>
    );
}
