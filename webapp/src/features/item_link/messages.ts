import {defineMessages} from 'react-intl';

export default defineMessages({
    opening: {id: 'throughline.item.opening', defaultMessage: 'Opening it in the Throughline sidebar…'},
    unknownKind: {id: 'throughline.item.unknownKind', defaultMessage: 'This Throughline link names nothing the sidebar can open: it shows tasks, decisions, assets and rollouts.'},
    notFound: {id: 'throughline.item.notFound', defaultMessage: 'This Throughline link leads to an item that no longer exists, or to one in a channel you are not a member of.'},
    unavailable: {id: 'throughline.item.unavailable', defaultMessage: 'The Throughline item could not be opened: the service did not answer. Try the link again shortly.'},
});
