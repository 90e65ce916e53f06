import {defineMessages} from 'react-intl';

// What shows before and instead of the "My work" chunk: kept in the main bundle.
export default defineMessages({
    loading: {id: 'throughline.mywork.loadingView', defaultMessage: 'Loading your work…'},
    viewFailed: {id: 'throughline.mywork.viewFailed', defaultMessage: 'My work could not be loaded. Reload the page to try again.'},
});
