export {default as PostMenu} from './post_menu';
export {installRightClick} from './right_click';
export {postActions} from './post_actions';
export {isTaskablePost} from './taskable';
