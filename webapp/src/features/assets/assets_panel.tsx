import type {Project} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedMessage, useIntl} from 'react-intl';

import ErrorNotice from '../../components/error_notice';

import AssetDetail from './asset_detail';
import AssetRow from './asset_row';
import CreateAssetDialog from './create_asset_dialog';
import messages from './messages';
import {ShelfTab} from './recall_lazy';
import {useProjectAssets} from './use_assets';

type Props = {
    project: Project;
    channelId: string;
    openAssetId?: string; // shown in detail first (a search result)
};

// The Assets tab of the sidebar: first the channel's shelf (what to use now), one click away the
// project's assets with their history, and one of them in detail.
export default function AssetsPanel({project, channelId, openAssetId}: Props) {
    const intl = useIntl();
    const mayCreate = project.permissions.includes('asset.create');

    // Those who only use the material (guests: franchisees, agencies) start on the shelf alone;
    // those who manage assets see it above the list.
    const [onShelf, setOnShelf] = useState(!mayCreate);
    const list = useProjectAssets(onShelf ? null : project.id);
    const [openId, setOpenId] = useState<string | null>(openAssetId ?? null);
    const [creating, setCreating] = useState(false);

    if (onShelf && !openId) {
        return (
            <div className='tl-detail'>
                <ShelfTab
                    channelId={channelId}
                    onShowAll={() => setOnShelf(false)}
                />
            </div>
        );
    }

    if (openId) {
        return (
            <AssetDetail
                assetId={openId}
                onBack={() => setOpenId(null)}
            />
        );
    }

    let body: React.ReactNode;
    if (list.status === 'error' && list.error) {
        body = (
            <ErrorNotice
                error={list.error}
                onRetry={list.reload}
            />
        );
    } else if (list.status === 'loading' && !list.assets.length) {
        body = <p className='tl-muted'><FormattedMessage {...messages.loading}/></p>;
    } else if (!list.assets.length) {
        body = <p><FormattedMessage {...(mayCreate ? messages.empty : messages.emptyGuest)}/></p>;
    } else {
        body = (
            <ul
                className='tl-assets'
                aria-label={intl.formatMessage(messages.listLabel)}
            >
                {list.assets.map((a) => (
                    <AssetRow
                        key={a.id}
                        asset={a}
                        onOpen={setOpenId}
                    />
                ))}
            </ul>
        );
    }

    return (
        <div className='tl-detail'>
            {mayCreate ? (
                <ShelfTab channelId={channelId}/>
            ) : (
                <p>
                    <button
                        type='button'
                        className='tl-btn tl-btn--link'
                        onClick={() => setOnShelf(true)}
                    >
                        <FormattedMessage {...messages.shelfBack}/>
                    </button>
                </p>
            )}
            {mayCreate && (
                <p>
                    <button
                        type='button'
                        className='tl-btn'
                        onClick={() => setCreating(true)}
                    >
                        <FormattedMessage {...messages.newAsset}/>
                    </button>
                </p>
            )}
            {body}
            {creating && (
                <CreateAssetDialog
                    project={project}
                    channelId={channelId}
                    onClose={() => setCreating(false)}
                    onCreated={(asset) => {
                        setCreating(false);
                        setOpenId(asset.id);
                    }}
                />
            )}
        </div>
    );
}
