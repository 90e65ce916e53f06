import {defineMessages} from 'react-intl';

// The status beside a task's message, in the surfaces chunk with it.
export default defineMessages({
    sourceStatus: {id: 'throughline.surfaces.sourceStatus', defaultMessage: 'Task “{title}”: {status}. Open it in Throughline'},
    more: {id: 'throughline.surfaces.more', defaultMessage: '+{count}'},
});
