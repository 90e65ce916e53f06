// The calendar feeds chunk (loaded on first use, see lazy.tsx).
export {default as FeedsPanel} from './feeds_panel';
