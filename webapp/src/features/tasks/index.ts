export {default as CreateTaskModal} from './create_task_modal';
export {default as TaskToast} from './task_toast';
export {default as TaskCard} from './task_card';
export {StatusBadge, StatusSelect} from './status';
export {default as taskMessages, statusMessages} from './messages';
