import type {Asset, AssetVersion} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedMessage} from 'react-intl';

import {assetReceived, type ErrorInfo} from '../../actions';
import {decideVersion} from '../../client';
import DialogActions from '../../components/dialog_actions';
import ErrorNotice from '../../components/error_notice';
import {Field} from '../../components/form';
import FormDialog from '../../components/form_dialog';
import {useUniqueId} from '../../components/unique_id';
import {useAppDispatch} from '../../hooks';
import {toErrorInfo} from '../../use_request';

import messages from './messages';
import type {Decision} from './version_list';

type Props = {
    asset: Asset;
    version: AssetVersion;
    decision: Decision;
    onClose: () => void;
};

const COMMENT_MAX = 2000;

// Approve or reject one version, with an optional comment that goes into the record (and the card).
export default function DecisionDialog({asset, version, decision, onClose}: Props) {
    const dispatch = useAppDispatch();
    const headingId = useUniqueId('tl-decide');
    const [comment, setComment] = useState('');
    const [state, setState] = useState<{busy: boolean; error: ErrorInfo | null}>({busy: false, error: null});
    const approve = decision === 'approve';
    const submitLabel = approve ? messages.approve : messages.reject;

    const submit = async (e: React.FormEvent) => {
        e.preventDefault();
        if (state.busy) {
            return;
        }
        setState({busy: true, error: null});
        try {
            dispatch(assetReceived(await decideVersion(asset.id, version.id, decision, comment)));
            onClose();
        } catch (err) {
            setState({busy: false, error: toErrorInfo(err)});
        }
    };

    return (
        <FormDialog
            id={headingId}
            onClose={onClose}
            onSubmit={submit}
            title={
                <FormattedMessage
                    {...(approve ? messages.approveVersion : messages.rejectVersion)}
                    values={{number: version.number}}
                />
            }
        >
            <div className='tl-dialog__body'>
                <p>
                    <FormattedMessage
                        {...messages.assetFile}
                        values={{asset: asset.name, file: version.file_name}}
                    />
                </p>
                <Field label={messages.comment}>
                    {(control) => (
                        <textarea
                            {...control}
                            className='tl-input'
                            data-autofocus={true}
                            maxLength={COMMENT_MAX}
                            value={comment}
                            onChange={(e) => setComment(e.target.value)}
                        />
                    )}
                </Field>
                {state.error && <ErrorNotice error={state.error}/>}
            </div>
            <div className='tl-dialog__footer'>
                <DialogActions
                    onCancel={onClose}
                    busy={state.busy}
                    submitLabel={<FormattedMessage {...(state.busy ? messages.deciding : submitLabel)}/>}
                />
            </div>
        </FormDialog>
    );
}
