export {DigestTab} from './lazy';
export {default as digestEntryMessages} from './entry_messages';
