import type React from 'react';

import {siteBase} from './site';

// Mattermost's permalink route: it finds the post's team and channel itself.
const permalinkPath = (postId: string) => '/_redirect/pl/' + encodeURIComponent(postId);

export const postPermalink = (postId: string) => siteBase() + permalinkPath(postId);

// A channel's page, as Mattermost names it.
export const channelPath = (teamName: string, channelName: string) => `/${teamName}/channels/${channelName}`;

// In-app navigation to `path` (under the site) where the host exposes its router; a plain link otherwise.
export function followLink(e: React.MouseEvent, path: string | null) {
    const history = window.WebappUtils?.browserHistory;
    if (path && history && !e.metaKey && !e.ctrlKey && !e.shiftKey) {
        e.preventDefault();
        history.push(path);
    }
}

export const jumpToPost = (e: React.MouseEvent, postId: string | null) => followLink(e, postId ? permalinkPath(postId) : null);
