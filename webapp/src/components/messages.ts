import {defineMessages} from 'react-intl';

export default defineMessages({
    network: {id: 'throughline.error.network', defaultMessage: 'Could not reach Throughline. Check your connection and try again.'},
    retry: {id: 'throughline.error.retry', defaultMessage: 'Retry'},
    close: {id: 'throughline.common.close', defaultMessage: 'Close'},
    cancel: {id: 'throughline.common.cancel', defaultMessage: 'Cancel'},
    unknownUser: {id: 'throughline.common.unknownUser', defaultMessage: 'Unknown user'},
    unassigned: {id: 'throughline.common.unassigned', defaultMessage: 'Unassigned'},
    unknownChannel: {id: 'throughline.common.unknownChannel', defaultMessage: 'Unknown channel'},
    dismiss: {id: 'throughline.common.dismiss', defaultMessage: 'Dismiss'},
    historyOlder: {id: 'throughline.history.older', defaultMessage: 'Show older changes'},
    historyOlderLoading: {id: 'throughline.history.olderLoading', defaultMessage: 'Loading older changes…'},
    dateTime: {id: 'throughline.common.dateTime', defaultMessage: '{date} {time}'},
});
