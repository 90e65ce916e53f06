// The assets chunk: the shelf and the list of late downloads, loaded the first time one is shown.
export {default as ShelfView} from './shelf_view';
export {default as SupersededDownloads} from './superseded_downloads';
