export {default as DecisionCard} from './decision_card';
export {DecisionDialogHost, DecisionsTab} from './lazy';
export {default as decisionMessages} from './messages';
export {openDecision} from './open_decision';
