import type {Project} from '@throughline/contract';
import React from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import type {Channel} from '@mattermost/types/channels';
import type {FileInfo} from '@mattermost/types/files';

import ErrorNotice from '../../components/error_notice';
import {Alert, Field} from '../../components/form';
import {ProjectSelect, type ChannelProjects} from '../projects';

import {NEW_ASSET, type AddEvent, type AddForm} from './add_version_form';
import {AssetFields} from './create_asset_dialog';
import messages from './messages';
import type {useProjectAssets} from './use_assets';

type Props = {
    form: AddForm;
    update: (e: AddEvent) => void;
    files: FileInfo[];
    file: FileInfo | undefined;
    channel: Channel | undefined;
    projects: ChannelProjects;
    project: Project | undefined;
    assets: ReturnType<typeof useProjectAssets>;
    assetId: string | null;
    mayCreate: boolean;
};

// Which file, which project, and which asset (or a new one) the version goes to.
export default function AddVersionFields({form, update, files, file, channel, projects, project, assets, assetId, mayCreate}: Props) {
    if (!file) {
        return <Alert><FormattedMessage {...messages.fileMissing}/></Alert>;
    }
    return (
        <>
            {files.length > 1 ? (
                <Field label={messages.addFile}>
                    {(control) => (
                        <select
                            {...control}
                            className='tl-input'
                            data-autofocus={true}
                            value={file.id}
                            onChange={(e) => update({type: 'file', fileId: e.target.value})}
                        >
                            {files.map((f) => (
                                <option
                                    key={f.id}
                                    value={f.id}
                                >
                                    {f.name}
                                </option>
                            ))}
                        </select>
                    )}
                </Field>
            ) : (
                <Field label={messages.addFile}>
                    <span>{file.name}</span>
                </Field>
            )}
            <ProjectSelect
                channel={channel}
                projects={projects}
                value={project?.id ?? ''}
                onChange={(projectId) => update({type: 'project', projectId})}
                hideSingle={true}
                emptyText={messages.noProjectHere}
            />
            {project && (
                <AssetChoice
                    form={form}
                    update={update}
                    project={project}
                    assets={assets}
                    assetId={assetId}
                    mayCreate={mayCreate}
                />
            )}
        </>
    );
}

type ChoiceProps = Pick<Props, 'form' | 'update' | 'assets' | 'assetId' | 'mayCreate'> & {project: Project};

function AssetChoice({form, update, project, assets, assetId, mayCreate}: ChoiceProps) {
    const intl = useIntl();
    if (assets.status === 'error' && assets.error && !assets.assets.length) {
        return (
            <ErrorNotice
                error={assets.error}
                onRetry={assets.reload}
            />
        );
    }
    if (assets.status === 'loading' && !assets.assets.length) {
        return <p className='tl-muted'><FormattedMessage {...messages.loading}/></p>;
    }
    if (!mayCreate && !assets.assets.length) {
        return <p className='tl-muted'><FormattedMessage {...messages.emptyGuest}/></p>;
    }
    return (
        <>
            <Field label={messages.addAsset}>
                {(control) => (
                    <select
                        {...control}
                        className='tl-input'
                        value={assetId ?? ''}
                        onChange={(e) => update({type: 'asset', assetId: e.target.value})}
                    >
                        {assets.assets.map((a) => (
                            <option
                                key={a.id}
                                value={a.id}
                            >
                                {a.name}
                            </option>
                        ))}
                        {mayCreate && <option value={NEW_ASSET}>{intl.formatMessage(messages.addNewOption)}</option>}
                    </select>
                )}
            </Field>
            {assetId === NEW_ASSET && (
                <AssetFields
                    project={project}
                    draft={form.draft}
                    onChange={(draft) => update({type: 'draft', draft})}
                    showProblems={form.checked}
                />
            )}
        </>
    );
}
