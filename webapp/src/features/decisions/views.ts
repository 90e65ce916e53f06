// The decisions chunk (loaded on first use, see lazy.tsx).
export {default as DecisionsPanel} from './decisions_panel';
export {default as RecordDecisionDialog} from './record_dialog';
