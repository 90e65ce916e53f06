import {defineMessages} from 'react-intl';

// What the main bundle says about the digest: the tab's label and its loading states.
export default defineMessages({
    tab: {id: 'throughline.sidebar.tab.digest', defaultMessage: 'Digest'},
    loading: {id: 'throughline.digest.loadingView', defaultMessage: 'Loading…'},
    viewFailed: {id: 'throughline.digest.viewFailed', defaultMessage: 'The digest view could not be loaded. Reload the page to try again.'},
});
