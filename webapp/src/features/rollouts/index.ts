export {LeadsButton, ReceiptRefusal, RolloutSection} from './lazy';
export {getRollout} from './api';
