import type {AssetVersion} from '@throughline/contract';
import React, {useEffect, useRef, useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import type {ErrorInfo} from '../../actions';
import {isApiError, uploadVersion} from '../../client';
import ErrorNotice from '../../components/error_notice';
import {Alert, Field} from '../../components/form';
import {toErrorInfo} from '../../use_request';

import messages from './messages';

type Upload =
    | {kind: 'idle'}
    | {kind: 'sending'; file: string; percent: number}
    | {kind: 'done'; number: number; file: string}
    | {kind: 'cancelled'}
    | {kind: 'duplicate'; number: number}
    | {kind: 'failed'; error: ErrorInfo};

type Props = {
    assetId: string;
    onUploaded: () => void;
};

// Uploads one file as the asset's next version, with progress and a way to stop it.
export default function UploadVersion({assetId, onUploaded}: Props) {
    const intl = useIntl();
    const [upload, setUpload] = useState<Upload>({kind: 'idle'});
    const controller = useRef<AbortController | null>(null);

    // Leaving the view stops the upload (and, with no controller left, no state is set afterwards).
    useEffect(() => () => {
        const c = controller.current;
        controller.current = null;
        c?.abort();
    }, []);

    const start = async (file: File) => {
        const mine = new AbortController();
        controller.current = mine;
        setUpload({kind: 'sending', file: file.name, percent: 0});
        try {
            const v = await uploadVersion(assetId, file, {
                signal: mine.signal,
                onProgress: ({loaded, total}) => !mine.signal.aborted &&
                    setUpload({kind: 'sending', file: file.name, percent: total ? Math.min(100, Math.round((loaded / total) * 100)) : 0}),
            });
            setUpload({kind: 'done', number: v.number, file: v.file_name});
            onUploaded();
        } catch (e) {
            if (mine.signal.aborted) {
                if (controller.current === mine) {
                    setUpload({kind: 'cancelled'});
                }
                return;
            }
            const existing = isApiError(e) && e.code === 'duplicate_version' ? e.details.existing as Partial<AssetVersion> | undefined : undefined;
            if (existing && typeof existing.number === 'number') {
                setUpload({kind: 'duplicate', number: existing.number});
            } else {
                setUpload({kind: 'failed', error: toErrorInfo(e)});
            }
        } finally {
            if (controller.current === mine) {
                controller.current = null;
            }
        }
    };

    const sending = upload.kind === 'sending';
    return (
        <section className='tl-section'>
            <Field label={messages.uploadLabel}>
                {(control) => (
                    <input
                        {...control}
                        type='file'
                        disabled={sending}
                        onChange={(e) => {
                            const file = e.target.files?.[0];
                            e.target.value = ''; // the same file may be chosen again
                            if (file) {
                                start(file);
                            }
                        }}
                    />
                )}
            </Field>
            {upload.kind === 'sending' && (
                <div className='tl-upload'>
                    <div
                        role='progressbar'
                        className='tl-progress'
                        aria-label={intl.formatMessage(messages.uploading, {file: upload.file})}
                        aria-valuemin={0}
                        aria-valuemax={100}
                        aria-valuenow={upload.percent}
                    >
                        <span style={{width: upload.percent + '%'}}/>
                    </div>
                    <span className='tl-muted'>{intl.formatNumber(upload.percent / 100, {style: 'percent'})}</span>
                    <button
                        type='button'
                        className='tl-btn'
                        onClick={() => controller.current?.abort()}
                    >
                        <FormattedMessage {...messages.cancelUpload}/>
                    </button>
                </div>
            )}
            <div role='status'>
                {upload.kind === 'done' && (
                    <FormattedMessage
                        {...messages.uploaded}
                        values={{number: upload.number, file: upload.file}}
                    />
                )}
                {upload.kind === 'cancelled' && <FormattedMessage {...messages.uploadCancelled}/>}
            </div>
            {upload.kind === 'duplicate' && (
                <Alert>
                    <FormattedMessage
                        {...messages.duplicate}
                        values={{number: upload.number}}
                    />
                </Alert>
            )}
            {upload.kind === 'failed' && <ErrorNotice error={upload.error}/>}
        </section>
    );
}
