export {default as OverviewRoute} from './lazy';
export {default as OverviewLink} from './overview_link';
export {OVERVIEW_ROUTE} from './address';
