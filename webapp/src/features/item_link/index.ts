export {default as ItemRoute} from './item_route';
export {default as ItemLinkNotice} from './item_link_notice';
export {ITEM_ROUTE} from './address';
