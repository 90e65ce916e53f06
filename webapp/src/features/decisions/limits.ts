import type {DecisionStatus} from '@throughline/contract';

// The contract's limits the decision views apply (types only come from the contract, so the bundle
// carries no schema code; a test checks these against it).
export const DECISION_LIMITS = {statementMax: 2000, rationaleMax: 10000, quotesMax: 20, commentMax: 2000, titleMax: 200} as const;

// Every status, in their order: a Record, so a status the contract adds fails to compile until it is here.
const STATUS_ORDER: Record<DecisionStatus, number> = {proposed: 0, decided: 1, superseded: 2, revoked: 3};
export const DECISION_STATUS_LIST = Object.keys(STATUS_ORDER) as DecisionStatus[];
