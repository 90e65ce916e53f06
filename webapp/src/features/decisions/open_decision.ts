import {decisionOpened} from '../../actions';
import {showSidebar} from '../../host/rhs';
import type {HostDispatch} from '../../host/types';

// Shows one decision in the sidebar's Decisions tab (from a card, or once recorded).
export function openDecision(dispatch: HostDispatch, decisionId: string) {
    dispatch(decisionOpened(decisionId));
    showSidebar(dispatch);
}
