import {defineMessages} from 'react-intl';

export default defineMessages({
    project: {id: 'throughline.project.label', defaultMessage: 'Project'},
    noProject: {id: 'throughline.project.none', defaultMessage: 'No project'},
    makeProject: {id: 'throughline.project.make', defaultMessage: 'Make this channel a project'},
    making: {id: 'throughline.project.making', defaultMessage: 'Creating project…'},
    loading: {id: 'throughline.project.loading', defaultMessage: 'Loading projects…'},
});
