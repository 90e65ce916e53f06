import {defineMessages} from 'react-intl';

// What the main bundle says about calendar feeds: the toggle and the loading states.
export default defineMessages({
    toggle: {id: 'throughline.feeds.toggle', defaultMessage: 'Calendar feeds'},
    loading: {id: 'throughline.feeds.loadingView', defaultMessage: 'Loading…'},
    viewFailed: {id: 'throughline.feeds.viewFailed', defaultMessage: 'Calendar feeds could not be loaded. Reload the page to try again.'},
});
