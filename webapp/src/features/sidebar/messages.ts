import {defineMessages} from 'react-intl';

export default defineMessages({
    title: {id: 'throughline.sidebar.title', defaultMessage: 'Throughline'},
    headerButton: {id: 'throughline.sidebar.headerButton', defaultMessage: 'Throughline tasks'},
    tooltip: {id: 'throughline.sidebar.tooltip', defaultMessage: 'Open the project sidebar'},
    tabs: {id: 'throughline.sidebar.tabs', defaultMessage: 'Project views'},
    tabTasks: {id: 'throughline.sidebar.tab.tasks', defaultMessage: 'Tasks'},
    tabAssets: {id: 'throughline.sidebar.tab.assets', defaultMessage: 'Assets'},
    tabDecisions: {id: 'throughline.sidebar.tab.decisions', defaultMessage: 'Decisions'},
    noProject: {id: 'throughline.sidebar.noProject', defaultMessage: 'This channel is not part of a project yet.'},
    scope: {id: 'throughline.sidebar.scope', defaultMessage: 'Show tasks from'},
    scopeChannel: {id: 'throughline.sidebar.scope.channel', defaultMessage: 'This channel'},
    scopeProject: {id: 'throughline.sidebar.scope.project', defaultMessage: 'Whole project'},
    rightClickPref: {id: 'throughline.sidebar.rightClickPref', defaultMessage: 'Right-click on a message opens the Throughline menu'},
    exportRecord: {id: 'throughline.sidebar.export', defaultMessage: 'Export campaign record'},
    exportJson: {id: 'throughline.sidebar.export.json', defaultMessage: 'JSON'},
    exportPrintable: {id: 'throughline.sidebar.export.html', defaultMessage: 'Printable page'},
});
