export {default as PostMenu} from './post_menu';
export {installRightClick, findPostId} from './right_click';
export {postActions, availableActions, type PostAction} from './post_actions';
export {isTaskablePost} from './taskable';
