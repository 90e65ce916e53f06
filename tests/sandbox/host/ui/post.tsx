// One post as Mattermost lays it out for a plugin's eyes: the element `#post_<id>` in the center
// channel, `#rhsPost_<id>` in the thread view (Mattermost's post_component getTestId), the body
// `#<id>_message` in the center, a registered component for `custom_*` types (which then replaces the
// message attachments, as in Mattermost), files underneath. Mattermost 12's PostHeader components
// (registerPostHeaderComponent) are drawn in the header after the time, each given the post.
import React, { useCallback, useState } from 'react';
import { useSelector } from 'react-redux';

import { getTheme } from 'mattermost-redux/selectors/entities/preferences';

import { FileAttachments } from './file_attachments';
import { MessageAttachments } from './message_attachments';
import { PluginComponent, PluginErrorBoundary } from './pluggable';
import { PostOptions, type Location } from './post_options';

type Props = {
  postId: string;
  location: Location;
  onReply?: (rootId: string) => void;
  highlighted?: boolean;
};

function displayName(user: any): string {
  if (!user) {
    return 'someone';
  }
  const full = [user.first_name, user.last_name].filter(Boolean).join(' ');
  return full ? `${full} (@${user.username})` : `@${user.username}`;
}

function PostBody(props: { post: any; isRHS: boolean }) {
  const pluginType = useSelector((state: any) => state.plugins.postTypes[props.post.type]);
  const theme = useSelector(getTheme);
  if (pluginType) {
    const Component = pluginType.component;
    return (
      <PluginErrorBoundary pluginId={pluginType.pluginId} where={`post type ${props.post.type}`}>
        <Component post={props.post} compactDisplay={false} isRHS={props.isRHS} theme={theme} />
      </PluginErrorBoundary>
    );
  }
  return (
    <>
      <div className="post-message__text">{props.post.message}</div>
      <MessageAttachments post={props.post} />
    </>
  );
}

function PostHeaderComponents(props: { post: any }) {
  const components = useSelector((state: any) => state.plugins.components.PostHeader) as any[];
  return (
    <>
      {components.map((c) => (
        <span key={c.id} className="post__header-plugin" data-plugin-id={c.pluginId}>
          <PluginComponent pluginId={c.pluginId} where="a post header" component={c.component} extra={{ post: props.post }} />
        </span>
      ))}
    </>
  );
}

export function Post(props: Props) {
  const post = useSelector((state: any) => state.entities.posts.posts[props.postId]);
  const user = useSelector((state: any) => (post ? state.entities.users.profiles[post.user_id] : undefined));
  const replyCount = useSelector((state: any) => (post ? (state.entities.posts.postsReplies?.[post.id] ?? post.reply_count ?? 0) : 0));
  const [hover, setHover] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const onMenuOpenChange = useCallback((open: boolean) => setMenuOpen(open), []);
  if (!post || post.delete_at) {
    return null;
  }
  const isRHS = props.location !== 'CENTER';
  const rootId = post.root_id || post.id;
  const reply = props.onReply ? () => props.onReply!(rootId) : undefined;
  const isSystem = typeof post.type === 'string' && post.type.startsWith('system_');
  return (
    <div
      id={`${isRHS ? 'rhsPost' : 'post'}_${post.id}`}
      role="listitem"
      tabIndex={0}
      data-testid={isRHS ? undefined : 'postView'}
      className={[
        'post',
        post.root_id ? 'post--comment' : '',
        isSystem ? 'post--system' : '',
        hover || menuOpen ? 'post--hovered' : '',
        props.highlighted ? 'post--highlight' : '',
      ].join(' ')}
      onMouseOver={() => setHover(true)}
      onMouseLeave={() => setHover(false)}
    >
      <div className="post__header">
        <span className="post__author">{user?.is_bot ? `${displayName(user)} BOT` : displayName(user)}</span>
        {post.type === 'system_ephemeral' && <span className="post__ephemeral">{'(Only visible to you)'}</span>}
        <time className="post__time" dateTime={new Date(post.create_at).toISOString()}>
          {new Date(post.create_at).toLocaleString()}
        </time>
        {!isSystem && <PostHeaderComponents post={post} />}
        {(hover || menuOpen) && !isSystem && (
          <PostOptions postId={post.id} location={props.location} onReply={reply} onMenuOpenChange={onMenuOpenChange} />
        )}
      </div>
      <div className="post__body" id={isRHS ? undefined : `${post.id}_message`}>
        <PostBody post={post} isRHS={isRHS} />
        {post.file_ids?.length > 0 && <FileAttachments postId={post.id} onMenuOpenChange={onMenuOpenChange} />}
      </div>
      {props.location === 'CENTER' && !post.root_id && replyCount > 0 && reply && (
        <button type="button" className="post__replies" onClick={reply}>
          {replyCount === 1 ? '1 reply' : `${replyCount} replies`}
        </button>
      )}
    </div>
  );
}
