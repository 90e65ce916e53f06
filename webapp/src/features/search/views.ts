// The search chunk (loaded on first use, see lazy.tsx).
export {default as SearchResults} from './search_results';
