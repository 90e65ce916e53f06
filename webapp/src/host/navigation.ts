import type React from 'react';

import {siteBase} from './site';

// Mattermost's permalink route: it finds the post's team and channel itself.
const permalinkPath = (postId: string) => '/_redirect/pl/' + encodeURIComponent(postId);

export const postPermalink = (postId: string) => siteBase() + permalinkPath(postId);

// In-app navigation where the host exposes its router; a plain link otherwise.
export function jumpToPost(e: React.MouseEvent, postId: string | null) {
    const history = window.WebappUtils?.browserHistory;
    if (postId && history && !e.metaKey && !e.ctrlKey && !e.shiftKey) {
        e.preventDefault();
        history.push(permalinkPath(postId));
    }
}
