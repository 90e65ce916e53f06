import React from 'react';
import {FormattedMessage} from 'react-intl';
import {useDispatch, useSelector} from 'react-redux';

import {setRightClickPref} from '../../preferences';
import {pluginState} from '../../selectors';
import type {HostDispatch, HostState} from '../../types';

import messages from './messages';

export default function SettingsFooter() {
    const dispatch = useDispatch() as HostDispatch;
    const enabled = useSelector((s: HostState) => pluginState(s).rightClick);
    return (
        <div className='tl-sidebar__foot'>
            <label className='tl-check'>
                <input
                    type='checkbox'
                    checked={enabled}
                    onChange={(e) => setRightClickPref(dispatch, e.target.checked)}
                />
                <FormattedMessage {...messages.rightClickPref}/>
            </label>
        </div>
    );
}
