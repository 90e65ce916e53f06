// The channel's bookmarks bar under the header (Mattermost 9.5+), read through Client4. Mattermost
// pushes bookmark changes over its WebSocket; the sandbox has none for them, so it asks again every
// few seconds. A link to this server's own permalink opens here, whatever origin the service wrote
// (MM_SITE_URL is the stand-in's address in the sandbox, not this page's).
import React, { useEffect, useState } from 'react';
import { Client4 } from 'mattermost-redux/client';

type Bookmark = { id: string; display_name: string; link_url?: string; emoji?: string; type: string; owner_id: string };

const REFRESH_MS = 2000;

const here = (url: string | undefined): string | undefined => {
  if (!url) {
    return url;
  }
  try {
    const u = new URL(url);
    return /^\/[^/]+\/pl\/[a-z0-9]{26}$/.test(u.pathname) ? u.pathname + window.location.search : url;
  } catch {
    return url;
  }
};

export function ChannelBookmarks({ channelId }: { channelId: string }) {
  const [items, setItems] = useState<Bookmark[]>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      (Client4 as any)
        .getChannelBookmarks(channelId)
        .then((list: Bookmark[]) => live && setItems(list))
        // Before 9.5 (404) or unlicensed (501) there is no bar.
        .catch(() => live && setItems([]));
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [channelId]);
  if (!items.length) {
    return null;
  }
  return (
    <nav className="sandbox-bookmarks" id="channelBookmarks" aria-label="Channel bookmarks">
      {items.map((b) => (
        <a key={b.id} className="sandbox-bookmark" data-bookmark-id={b.id} data-owner-id={b.owner_id} href={here(b.link_url)}>
          {b.emoji === 'pushpin' ? '📌 ' : ''}
          {b.display_name}
        </a>
      ))}
    </nav>
  );
}
