// The surfaces chunk: the status beside a task's message and the channel's banner of approved versions.
export {default as SourceChips} from './source_chips';
export {default as ApprovedBanner} from './approved_banner';
