import React from 'react';

import PluginIntl from './components/plugin_intl';
import {AddVersionModal} from './features/assets';
import {DecisionDialogHost} from './features/decisions';
import {PostMenu} from './features/post_menu';
import {CreateTaskModal, TaskToast} from './features/tasks';

// The one root component: everything that floats above Mattermost.
export default function Root() {
    return (
        <PluginIntl>
            <PostMenu/>
            <CreateTaskModal/>
            <AddVersionModal/>
            <DecisionDialogHost/>
            <TaskToast/>
        </PluginIntl>
    );
}
