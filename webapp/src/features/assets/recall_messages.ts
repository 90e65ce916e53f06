import {defineMessages} from 'react-intl';

// The shelf's and the downloads list's strings: they live with those views, in their own chunk.
export default defineMessages({
    shelfHeading: {id: 'throughline.shelf.heading', defaultMessage: 'Shelf: the current versions for this channel'},
    shelfLabel: {id: 'throughline.shelf.label', defaultMessage: 'Current versions'},
    shelfEmpty: {id: 'throughline.shelf.empty', defaultMessage: 'Nothing is approved for this channel yet.'},
    shelfLoading: {id: 'throughline.shelf.loading', defaultMessage: 'Loading the shelf…'},
    showAll: {id: 'throughline.shelf.showAll', defaultMessage: 'All assets and their history'},
    itemMeta: {id: 'throughline.shelf.itemMeta', defaultMessage: 'Version {number} · {file}'},
    download: {id: 'throughline.shelf.download', defaultMessage: 'Download'},
    downloadOf: {id: 'throughline.shelf.downloadOf', defaultMessage: 'Download {asset}, version {number}'},
    confirm: {id: 'throughline.shelf.confirm', defaultMessage: 'Confirm receipt'},
    confirmOf: {id: 'throughline.shelf.confirmOf', defaultMessage: 'Confirm receipt of {asset}, version {number}'},
    confirming: {id: 'throughline.shelf.confirming', defaultMessage: 'Confirming…'},
    confirmed: {id: 'throughline.shelf.confirmed', defaultMessage: 'Receipt confirmed by {user}, {when}'},
    lateHeading: {id: 'throughline.downloads.lateHeading', defaultMessage: 'Downloaded after it was superseded'},
    lateNone: {id: 'throughline.downloads.lateNone', defaultMessage: 'Nobody has downloaded a superseded version.'},
    lateLine: {id: 'throughline.downloads.lateLine', defaultMessage: '{user} downloaded version {number}, {when}'},
    more: {id: 'throughline.downloads.more', defaultMessage: 'Show more'},
});
