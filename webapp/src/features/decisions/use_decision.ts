import type {Decision} from '@throughline/contract';

import {decisionsReceived} from '../../actions';
import {getDecision} from '../../client';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {useResource} from '../../resource';
import {pluginState} from '../../selectors';

// How many decision events of a project arrived: a view keyed by it loads again when it moves.
export const useDecisionStamp = (projectId: string | null | undefined) =>
    useAppSelector((s) => (projectId ? pluginState(s).decisionStamps[projectId] ?? 0 : 0));

// One decision as the service shows it to this user: asked for once for every view showing it,
// kept in the plugin store, and asked again when a decision event of its project arrives.
export function useDecision(id: string | null) {
    const dispatch = useAppDispatch();
    const decision = useAppSelector((s) => (id ? pluginState(s).decisions[id] : undefined));
    const stamp = useDecisionStamp(decision?.project_id);
    const req = useResource<Decision>(id && `decision:${id}#${stamp}`, async (signal) => {
        const d = await getDecision(id as string, {signal});
        dispatch(decisionsReceived([d]));
        return d;
    });
    return {decision, status: req.status, error: req.error, reload: req.reload};
}
