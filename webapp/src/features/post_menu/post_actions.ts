import type {MessageDescriptor} from 'react-intl';

import {modalOpened} from '../../actions';
import {getPost} from '../../selectors';
import type {HostDispatch, HostState} from '../../types';

import messages from './messages';
import {isTaskablePost} from './taskable';

// Each post action appears in Mattermost's message-actions menu and in the right-click menu.
export type PostAction = {
    id: string;
    label: MessageDescriptor;
    isAvailable: (state: HostState, postId: string) => boolean;
    run: (dispatch: HostDispatch, postId: string) => void;
};

export const postActions: PostAction[] = [
    {
        id: 'create_task',
        label: messages.createTask,
        isAvailable: (state, postId) => isTaskablePost(getPost(state, postId)),
        run: (dispatch, postId) => dispatch(modalOpened(postId)),
    },
];

export const availableActions = (state: HostState, postId: string) =>
    postActions.filter((a) => a.isAvailable(state, postId));
