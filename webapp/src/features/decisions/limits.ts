import type {DecisionStatus} from '@throughline/contract';

// The contract's limits and statuses the decision views apply (types only come from the contract,
// so the bundle carries no schema code; a test checks these against it).
export const DECISION_LIMITS = {statementMax: 2000, rationaleMax: 10000, quotesMax: 20, commentMax: 2000, titleMax: 200} as const;

export const DECISION_STATUS_LIST: readonly DecisionStatus[] = ['proposed', 'decided', 'superseded', 'revoked'];
