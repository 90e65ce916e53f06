// The "My work" chunk (loaded on first use, see lazy.tsx).
export {default as MyWorkPanel} from './my_work_panel';
