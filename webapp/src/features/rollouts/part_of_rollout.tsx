import type {Task} from '@throughline/contract';
import React from 'react';
import {FormattedMessage} from 'react-intl';

import {taskReceived, taskSelected} from '../../actions';
import {getTask} from '../../client';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {useResource} from '../../resource';
import {pluginState} from '../../selectors';

import messages from './view_messages';

// A rolled-out task's link to the task it came from, whose detail holds the matrix. Whoever may not
// read that task (a guest outside its channel) learns only that there is one.
export default function PartOfRollout({parentId}: {parentId: string}) {
    const dispatch = useAppDispatch();
    const parent = useAppSelector((s) => pluginState(s).tasks[parentId]);
    useResource<Task>(parent ? null : 'task:' + parentId, async (signal) => {
        const t = await getTask(parentId, {signal});
        dispatch(taskReceived(t));
        return t;
    });

    if (!parent) {
        return <p className='tl-muted'><FormattedMessage {...messages.partOfUnknown}/></p>;
    }
    return (
        <p>
            <button
                type='button'
                className='tl-btn tl-btn--link'
                onClick={() => dispatch(taskSelected(parentId))}
            >
                <FormattedMessage
                    {...messages.partOf}
                    values={{title: parent.title}}
                />
            </button>
        </p>
    );
}
