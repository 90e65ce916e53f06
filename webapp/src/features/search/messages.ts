import {defineMessages} from 'react-intl';

// What the main bundle says of search: the box and the chunk's loading states. The results view's
// strings live with it, in the search chunk (view_messages.ts).
export default defineMessages({
    label: {id: 'throughline.search.label', defaultMessage: 'Search tasks, decisions and assets'},
    placeholder: {id: 'throughline.search.placeholder', defaultMessage: 'Search in your channels'},
    loadingView: {id: 'throughline.search.loadingView', defaultMessage: 'Loading…'},
    viewFailed: {id: 'throughline.search.viewFailed', defaultMessage: 'Search could not be loaded. Check your connection and reload the page.'},
});
