import type {DecisionStatus} from '@throughline/contract';
import React from 'react';
import {FormattedMessage} from 'react-intl';

import {decisionStatusMessages} from './messages';

const BADGE: Record<DecisionStatus, string> = {proposed: '', decided: ' tl-badge--approved', superseded: ' tl-badge--superseded', revoked: ' tl-badge--rejected'};

export function DecisionStatusBadge({status}: {status: DecisionStatus}) {
    return (
        <span className={'tl-badge' + BADGE[status]}>
            <FormattedMessage {...decisionStatusMessages[status]}/>
        </span>
    );
}
