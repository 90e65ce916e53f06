// The center channel: header, root posts oldest first (replies live in the thread view, as with
// collapsed reply threads), and the message box.
import React, { useEffect, useRef } from 'react';
import { useSelector } from 'react-redux';

import { getCurrentChannel } from 'mattermost-redux/selectors/entities/channels';

import { openThread } from '../navigation';
import { ChannelHeader } from './channel_header';
import { MessageBox } from './message_box';
import { Post } from './post';

const NO_IDS: string[] = [];

export function ChannelView(props: { highlightPostId: string | null }) {
  const channel = useSelector(getCurrentChannel) as any;
  const blocks = useSelector((state: any) => state.entities.posts.postsInChannel[channel?.id ?? '']) as any[] | undefined;
  const recent = blocks?.find((b: any) => b.recent) ?? blocks?.[0];
  const order: string[] = recent?.order ?? NO_IDS;
  const rootIds = useSelector(
    (state: any) =>
      order
        .filter((id) => {
          const p = state.entities.posts.posts[id];
          return p && !p.root_id;
        })
        .reverse(),
    (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]),
  );
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (listRef.current) {
      listRef.current.scrollTop = listRef.current.scrollHeight;
    }
  }, [rootIds.length, channel?.id]);

  if (!channel) {
    return (
      <main className="sandbox-center">
        <p className="sandbox-muted">{'Choose a channel.'}</p>
      </main>
    );
  }
  return (
    <main className="sandbox-center" id="app-content">
      <ChannelHeader />
      <div className="sandbox-post-list" id="postListContent" role="list" ref={listRef}>
        {rootIds.length === 0 && <p className="sandbox-muted">{'No messages yet.'}</p>}
        {rootIds.map((id) => (
          <Post
            key={id}
            postId={id}
            location="CENTER"
            onReply={(rootId) => void openThread(rootId)}
            highlighted={id === props.highlightPostId}
          />
        ))}
      </div>
      <MessageBox channelId={channel.id} teamId={channel.team_id} placeholder={`Write to ${channel.display_name || channel.name}`} />
    </main>
  );
}
