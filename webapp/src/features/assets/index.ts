export {default as AssetsPanel} from './assets_panel';
export {default as AddVersionModal} from './add_version_modal';
export {default as assetMessages} from './messages';
export {default as ApprovalCard} from './approval_card';
export {useProjectAssets} from './use_assets';
export {getShelf} from './recall_api';
