import {defineMessages} from 'react-intl';

export default defineMessages({
    heading: {id: 'throughline.overview.heading', defaultMessage: '{name}: overview'},
    back: {id: 'throughline.overview.back', defaultMessage: 'Back to {channel}'},
    noProject: {id: 'throughline.overview.noProject', defaultMessage: 'This address names no project. Open the overview from a project in the Throughline sidebar.'},
    loadingProject: {id: 'throughline.overview.loadingProject', defaultMessage: 'Loading the project…'},
});
