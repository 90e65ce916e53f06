import {defineMessages} from 'react-intl';

// The overview's strings in main.js: the way in, and what shows while its chunk loads.
export default defineMessages({
    open: {id: 'throughline.overview.open', defaultMessage: 'Overview'},
    loading: {id: 'throughline.overview.loading', defaultMessage: 'Loading…'},
    viewFailed: {id: 'throughline.overview.viewFailed', defaultMessage: 'The overview could not be loaded. Reload the page.'},
});
