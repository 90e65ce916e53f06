export {default as TaskSourceStatus} from './source_status';
export {ApprovedVersionsBanner} from './lazy';
