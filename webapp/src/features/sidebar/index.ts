export {default as Sidebar} from './sidebar';
export {taskCommandHook} from './slash_command';
export {default as sidebarMessages} from './messages';
