import {menuClosed, menuOpened} from '../../actions';
import {findPostId} from '../../host/posts';
import type {HostStore} from '../../host/types';
import {pluginState} from '../../selectors';

import {availableActions} from './post_actions';

// Where the browser's own menu is more useful than ours.
const NATIVE = 'a,img,video,audio,input,textarea,select,[contenteditable]:not([contenteditable="false"])';

function hasSelection(): boolean {
    const sel = window.getSelection();
    return Boolean(sel && !sel.isCollapsed && sel.toString().trim());
}

// One delegated listener for the whole document; returns its removal.
export function installRightClick(store: HostStore): () => void {
    const onContextMenu = (e: MouseEvent) => {
        const state = store.getState();
        const plugin = pluginState(state);

        // A second right-click (or any while ours is open) gives the browser's menu.
        if (plugin.menu) {
            store.dispatch(menuClosed());
            return;
        }
        if (!plugin.rightClick || e.shiftKey || e.defaultPrevented || !(e.target instanceof Element)) {
            return;
        }
        if (e.target.closest(NATIVE) || hasSelection()) {
            return;
        }
        const postId = findPostId(e.target);
        if (!postId || availableActions(state, postId).length === 0) {
            return;
        }
        e.preventDefault();
        store.dispatch(menuOpened(postId, e.clientX, e.clientY));
    };

    document.addEventListener('contextmenu', onContextMenu);
    return () => document.removeEventListener('contextmenu', onContextMenu);
}
