// The rollouts chunk (loaded on first use, see lazy.tsx).
export {default as RolloutMatrix} from './rollout_matrix';
export {default as PartOfRollout} from './part_of_rollout';
export {default as RolloutDialog} from './rollout_dialog';
export {default as ReceiptRefusal} from './receipt_refusal';
export {default as LeadsDialog} from './leads_dialog';
