import type {MessageDescriptor} from 'react-intl';

import {assetModalOpened, decisionDialogOpened, modalOpened} from '../../actions';
import {getPost, postFiles} from '../../host/selectors';
import type {HostDispatch, HostState} from '../../host/types';
import {decisionMessages} from '../decisions';

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
    {
        id: 'add_asset_version',
        label: messages.addAssetVersion,
        isAvailable: (state, postId) => isTaskablePost(getPost(state, postId)) && postFiles(state, postId).length > 0,
        run: (dispatch, postId) => dispatch(assetModalOpened({postId})),
    },
    {
        id: 'record_decision',
        label: decisionMessages.recordAction,
        isAvailable: (state, postId) => isTaskablePost(getPost(state, postId)),
        run: (dispatch, postId) => dispatch(decisionDialogOpened({mode: 'record', postId})),
    },
];

export const availableActions = (state: HostState, postId: string) =>
    postActions.filter((a) => a.isAvailable(state, postId));
