export {default as CreateTaskModal} from './create_task_modal';
export {default as TaskToast} from './task_toast';
export {default as TaskCard} from './task_card';
export {default as TaskDetail} from './task_detail';
export {default as TasksPanel, PatchNotice} from './tasks_panel';
export {default as FiltersBar} from './filters_bar';
export {NO_FILTERS, assigneesOf, type Filters} from './filters';
export {useScopeTasks} from './use_scope_tasks';
export {useTaskPatch} from './use_task_patch';
