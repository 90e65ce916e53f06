export {MyWorkView} from './lazy';
