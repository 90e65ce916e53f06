export {CalendarFeeds} from './lazy';
