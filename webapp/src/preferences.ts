import {rightClickSet} from './actions';
import type {HostDispatch} from './host/types';

const RIGHT_CLICK_KEY = 'throughline.rightClick';

// Private browsing or a full quota may make storage throw; the preference then lasts the session.
export function readRightClickPref(): boolean {
    try {
        return window.localStorage.getItem(RIGHT_CLICK_KEY) !== 'false';
    } catch {
        return true;
    }
}

export function setRightClickPref(dispatch: HostDispatch, enabled: boolean) {
    try {
        window.localStorage.setItem(RIGHT_CLICK_KEY, String(enabled));
    } catch {
        // keep the in-memory value
    }
    dispatch(rightClickSet(enabled));
}
