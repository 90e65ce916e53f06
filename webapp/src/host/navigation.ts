import {useEffect, useState, type MouseEvent} from 'react';

import {siteBase} from './site';

// Mattermost's permalink route: it finds the post's team and channel itself.
const permalinkPath = (postId: string) => '/_redirect/pl/' + encodeURIComponent(postId);

export const postPermalink = (postId: string) => siteBase() + permalinkPath(postId);

// A channel's page, as Mattermost names it.
export const channelPath = (teamName: string, channelName: string) => `/${teamName}/channels/${channelName}`;

// In-app navigation to `path` (under the site) where the host exposes its router; a plain link otherwise.
export function followLink(e: MouseEvent, path: string | null) {
    const history = window.WebappUtils?.browserHistory;
    if (path && history && !e.metaKey && !e.ctrlKey && !e.shiftKey) {
        e.preventDefault();
        history.push(path);
    }
}

export const jumpToPost = (e: MouseEvent, postId: string | null) => followLink(e, postId ? permalinkPath(postId) : null);

// The host draws a team page but does not tell it where its router goes: the page follows the
// router itself (Mattermost's browserHistory.listen; the browser's back and forward).
function watchLocation(listener: () => void): () => void {
    const history = window.WebappUtils?.browserHistory;
    window.addEventListener('popstate', listener);
    const stop = typeof history?.listen === 'function' ? history.listen(listener) : null;
    return () => {
        window.removeEventListener('popstate', listener);
        stop?.();
    };
}

// The path the browser is at, following the host's router.
export function usePathname(): string {
    const [pathname, setPathname] = useState(window.location.pathname);
    useEffect(() => watchLocation(() => setPathname(window.location.pathname)), []);
    return pathname;
}

// Moves the host's router to `path` in place of the current entry (back does not return to it).
export function replacePath(path: string): boolean {
    const history = window.WebappUtils?.browserHistory;
    if (typeof history?.replace !== 'function') {
        return false;
    }
    history.replace(path);
    return true;
}
