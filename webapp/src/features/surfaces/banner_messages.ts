import {defineMessages} from 'react-intl';

export default defineMessages({
    label: {id: 'throughline.banner.label', defaultMessage: 'Approved versions for this channel'},
    heading: {id: 'throughline.banner.heading', defaultMessage: 'Approved:'},
    item: {id: 'throughline.banner.item', defaultMessage: '{asset} · v{number}'},
    itemTitle: {id: 'throughline.banner.itemTitle', defaultMessage: '{asset}, version {number} ({file}): open in Throughline'},
});
