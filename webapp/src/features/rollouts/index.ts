export {LeadsButton, ReceiptRefusal, RolloutSection} from './lazy';
