import React from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import type {Channel} from '@mattermost/types/channels';
import type {FileInfo} from '@mattermost/types/files';

import ErrorNotice from '../../components/error_notice';
import {useUniqueId} from '../../components/unique_id';
import {MakeProjectButton, ProjectOptions, type ChannelProjects} from '../projects';
import type {Project} from '../../types';

import type {AddEvent, AddForm} from './add_version_form';
import {NEW_ASSET} from './add_version_form';
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
    staff: boolean;
};

// Which file, which project, and which asset (or a new one) the version goes to.
export default function AddVersionFields({form, update, files, file, channel, projects, project, assets, assetId, staff}: Props) {
    const intl = useIntl();
    const id = useUniqueId('tl-add-version-field');

    if (!file) {
        return (
            <div
                role='alert'
                className='tl-error'
            >
                <FormattedMessage {...messages.fileMissing}/>
            </div>
        );
    }

    let projectControl: React.ReactNode;
    if (!project) {
        if (projects.status === 'error' && projects.error) {
            projectControl = (
                <ErrorNotice
                    error={projects.error}
                    onRetry={projects.reload}
                />
            );
        } else if (projects.status === 'loading') {
            projectControl = <p className='tl-muted'><FormattedMessage {...messages.loadingProjects}/></p>;
        } else {
            projectControl = (
                <div className='tl-field'>
                    <p className='tl-muted'><FormattedMessage {...messages.noProjectHere}/></p>
                    {staff && (
                        <MakeProjectButton
                            channel={channel}
                            existing={projects.items}
                            onMade={(p) => update({type: 'project', projectId: p.id})}
                        />
                    )}
                </div>
            );
        }
    } else if (projects.items.length > 1) {
        projectControl = (
            <div className='tl-field'>
                <label htmlFor={id + '-project'}><FormattedMessage {...messages.addProject}/></label>
                <select
                    id={id + '-project'}
                    className='tl-input'
                    value={project.id}
                    onChange={(e) => update({type: 'project', projectId: e.target.value})}
                >
                    <ProjectOptions
                        projects={projects.items}
                        channelId={channel?.id ?? ''}
                    />
                </select>
            </div>
        );
    }

    return (
        <>
            <div className='tl-field'>
                {files.length > 1 ? (
                    <>
                        <label htmlFor={id + '-file'}><FormattedMessage {...messages.addFile}/></label>
                        <select
                            id={id + '-file'}
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
                    </>
                ) : (
                    <>
                        <span className='tl-label'><FormattedMessage {...messages.addFile}/></span>
                        <span>{file.name}</span>
                    </>
                )}
            </div>
            {projectControl}
            {project && (
                <AssetChoice
                    id={id + '-asset'}
                    form={form}
                    update={update}
                    project={project}
                    assets={assets}
                    assetId={assetId}
                    staff={staff}
                    newLabel={intl.formatMessage(messages.addNewOption)}
                />
            )}
        </>
    );
}

type ChoiceProps = Pick<Props, 'form' | 'update' | 'assets' | 'assetId' | 'staff'> & {id: string; project: Project; newLabel: string};

function AssetChoice({id, form, update, project, assets, assetId, staff, newLabel}: ChoiceProps) {
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
    if (!staff && !assets.assets.length) {
        return <p className='tl-muted'><FormattedMessage {...messages.emptyGuest}/></p>;
    }
    return (
        <>
            <div className='tl-field'>
                <label htmlFor={id}><FormattedMessage {...messages.addAsset}/></label>
                <select
                    id={id}
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
                    {staff && <option value={NEW_ASSET}>{newLabel}</option>}
                </select>
            </div>
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
