// The hover controls of a post, as Mattermost's post_options: the message-actions menu (apps icon,
// `#<LOCATION>_actions_button_<postId>`) lists the plugins' PostDropdownMenu items, each shown when
// its filter(postId) is true and run as action(postId); the "…" menu (`#<LOCATION>_button_<postId>`)
// holds the host's own items only. There is deliberately no right-click handling here.
import React from 'react';
import { useSelector } from 'react-redux';

import { DropdownMenu, pluginMenuItems, type MenuItem } from './menu';

export type Location = 'CENTER' | 'RHS_ROOT' | 'RHS_COMMENT';

type Props = {
  postId: string;
  location: Location;
  onReply?: () => void;
  onMenuOpenChange: (open: boolean) => void;
};

export function PostOptions(props: Props) {
  const pluginItems = useSelector((state: any) => state.plugins.components.PostDropdownMenu) as any[];
  const actions = pluginMenuItems(
    pluginItems,
    'registerPostDropdownMenuAction',
    `filter("${props.postId}")`,
    (item) => !item.filter || item.filter(props.postId),
    (item) => item.action?.(props.postId),
  );
  const dotItems: MenuItem[] = [];
  if (props.onReply) {
    dotItems.push({ id: `reply_to_post_${props.postId}`, text: 'Reply', onClick: props.onReply });
  }
  dotItems.push({
    id: `permalink_${props.postId}`,
    text: 'Copy link',
    onClick: () => void navigator.clipboard?.writeText(`${window.location.origin}/_redirect/pl/${props.postId}`).catch(() => undefined),
  });

  return (
    <div className="post-menu" data-testid={`post-menu-${props.postId}`}>
      {props.onReply && (
        <button
          id={`${props.location}_commentIcon_${props.postId}`}
          type="button"
          aria-label="reply"
          title="Reply"
          className="sandbox-icon-button"
          onClick={props.onReply}
        >
          {'↩'}
        </button>
      )}
      <DropdownMenu
        buttonId={`${props.location}_actions_button_${props.postId}`}
        menuId={`${props.location}_actions_dropdown_${props.postId}`}
        label="Message actions"
        buttonContent={'▦'}
        items={actions}
        emptyText="No actions from plugins"
        onOpenChange={props.onMenuOpenChange}
      />
      <DropdownMenu
        buttonId={`${props.location}_button_${props.postId}`}
        menuId={`${props.location}_dropdown_${props.postId}`}
        label="more"
        buttonContent={'…'}
        items={dotItems}
        onOpenChange={props.onMenuOpenChange}
      />
    </div>
  );
}
