import React from 'react';
import {FormattedMessage, type MessageDescriptor} from 'react-intl';

import {itemLinkNoticed, type ItemLinkNotice as Notice} from '../../actions';
import {Alert} from '../../components/form';
import {useAppDispatch, useAppSelector} from '../../hooks';
import {pluginState} from '../../selectors';

import messages from './messages';

export const NOTICE: Record<Notice, MessageDescriptor> = {
    unknown_kind: messages.unknownKind,
    not_found: messages.notFound,
    unavailable: messages.unavailable,
};

// At the top of the sidebar: why the item link just followed opened nothing, until dismissed.
export default function ItemLinkNotice() {
    const dispatch = useAppDispatch();
    const notice = useAppSelector((s) => pluginState(s).itemLinkNotice);
    if (!notice) {
        return null;
    }
    return (
        <Alert onDismiss={() => dispatch(itemLinkNoticed(null))}>
            <FormattedMessage {...NOTICE[notice]}/>
        </Alert>
    );
}
