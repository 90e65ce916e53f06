import {taskSelected} from '../../actions';
import {showSidebar} from '../../host/rhs';
import type {HostDispatch} from '../../host/types';

// Shows one task in the sidebar (from a card or the toast).
export function openTask(dispatch: HostDispatch, taskId: string) {
    dispatch(taskSelected(taskId));
    showSidebar(dispatch);
}
