export {default as SearchBox} from './search_box';
export {SearchResultsView} from './lazy';
