// The overview chunk (loaded on first use, see lazy.tsx).
export {default as OverviewPage} from './overview_page';
