import React from 'react';
import {FormattedMessage} from 'react-intl';

import {useAppDispatch, useAppSelector} from '../../hooks';
import {setRightClickPref} from '../../preferences';
import {pluginState} from '../../selectors';

import messages from './messages';

export default function SettingsFooter() {
    const dispatch = useAppDispatch();
    const enabled = useAppSelector((s) => pluginState(s).rightClick);
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
