import type {Project} from '@throughline/contract';
import React, {useEffect, useRef, useState} from 'react';
import {FormattedMessage} from 'react-intl';

import type {Channel} from '@mattermost/types/channels';

import type {ErrorInfo} from '../../actions';
import ErrorNotice from '../../components/error_notice';
import {useAppDispatch} from '../../hooks';
import {useMay} from '../../me';
import {toErrorInfo} from '../../use_request';

import messages from './messages';
import {makeChannelProject} from './use_channel_projects';

type Props = {
    channel: Channel | undefined;
    existing: Project[];
    onMade: (project: Project) => void;
};

// One click: the channel becomes a project named after it. Only for who the service lets make one.
export default function MakeProjectButton({channel, existing, onMade}: Props) {
    const dispatch = useAppDispatch();
    const may = useMay('project.create');
    const [state, setState] = useState<{busy: boolean; error: ErrorInfo | null}>({busy: false, error: null});

    // Success removes this button (the channel now has a project): no state update after that.
    const mounted = useRef(true);
    useEffect(() => () => {
        mounted.current = false;
    }, []);

    const make = async () => {
        if (!channel) {
            return;
        }
        setState({busy: true, error: null});
        try {
            const project = await makeChannelProject(dispatch, channel, existing);
            if (mounted.current) {
                setState({busy: false, error: null});
            }
            onMade(project);
        } catch (e) {
            if (mounted.current) {
                setState({busy: false, error: toErrorInfo(e)});
            }
        }
    };

    if (!may) {
        return null;
    }
    return (
        <>
            <button
                type='button'
                className='tl-btn'
                disabled={state.busy || !channel}
                onClick={make}
            >
                <FormattedMessage {...(state.busy ? messages.making : messages.makeProject)}/>
            </button>
            {state.error && <ErrorNotice error={state.error}/>}
        </>
    );
}
