import {defineMessages} from 'react-intl';

export default defineMessages({
    menuLabel: {id: 'throughline.postMenu.label', defaultMessage: 'Throughline actions'},
    createTask: {id: 'throughline.postMenu.createTask', defaultMessage: 'Create task'},
    addAssetVersion: {id: 'throughline.postMenu.addAssetVersion', defaultMessage: 'Add file as asset version'},
});
