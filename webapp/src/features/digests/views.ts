// The digests chunk (loaded on first use, see lazy.tsx).
export {default as DigestPanel} from './digest_panel';
