import type {HostDispatch, RhsRegistration} from './types';

// The RHS actions exist only after registration; components that open the sidebar reach them here.
let rhs: RhsRegistration | null = null;

export function setRhs(registration: RhsRegistration | null) {
    rhs = registration;
}

// Already-built actions (MATTERMOST.md): dispatched, never called.
export function showSidebar(dispatch: HostDispatch) {
    if (rhs) {
        dispatch(rhs.showRHSPlugin);
    }
}

export function toggleSidebar(dispatch: HostDispatch) {
    if (rhs) {
        dispatch(rhs.toggleRHSPlugin);
    }
}
