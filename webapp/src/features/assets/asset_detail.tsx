import type {AssetVersion} from '@throughline/contract';
import React, {useState} from 'react';
import {FormattedMessage} from 'react-intl';

import ErrorNotice from '../../components/error_notice';
import {useProfiles} from '../../host/users';

import ApprovedPanel from './approved_panel';
import CompareView from './compare_view';
import DecisionDialog from './decision_dialog';
import messages from './messages';
import {LateDownloads} from './recall_lazy';
import UploadVersion from './upload_version';
import {useAsset} from './use_assets';
import VersionList, {type Decision} from './version_list';

type Props = {
    assetId: string;
    onBack: () => void;
};

const MAX_PICKS = 2;

// One asset: the approved version and its receipts, uploads, and the whole version history.
export default function AssetDetail({assetId, onBack}: Props) {
    const {asset, error, reload} = useAsset(assetId);
    const [picks, setPicks] = useState<string[]>([]);
    const [deciding, setDeciding] = useState<{version: AssetVersion; decision: Decision} | null>(null);
    useProfiles(asset ? [
        ...asset.versions.flatMap((v) => [v.added_by, v.decided_by]),
        ...asset.receipts.map((r) => r.confirmed_by),
    ] : []);

    const back = (
        <button
            type='button'
            className='tl-btn tl-btn--link'
            onClick={onBack}
        >
            <FormattedMessage {...messages.back}/>
        </button>
    );

    if (!asset) {
        return (
            <div className='tl-detail'>
                {back}
                {error ? (
                    <ErrorNotice
                        error={error}
                        onRetry={reload}
                    />
                ) : <p className='tl-muted'><FormattedMessage {...messages.loading}/></p>}
            </div>
        );
    }

    // Picking a third version lets go of the oldest pick.
    const onPick = (versionId: string, picked: boolean) =>
        setPicks((prev) => (picked ? [...prev.filter((p) => p !== versionId), versionId].slice(-MAX_PICKS) : prev.filter((p) => p !== versionId)));

    return (
        <div className='tl-detail'>
            {back}
            <h3>{asset.name}</h3>
            {error && (
                <ErrorNotice
                    error={error}
                    onRetry={reload}
                />
            )}
            <ApprovedPanel asset={asset}/>
            {asset.permissions.includes('asset.read_downloads') && <LateDownloads assetId={asset.id}/>}
            {asset.permissions.includes('asset.add_version') && (
                <UploadVersion
                    assetId={asset.id}
                    onUploaded={reload}
                />
            )}
            <section className='tl-section'>
                <h4><FormattedMessage {...messages.versionsHeading}/></h4>
                <CompareView
                    asset={asset}
                    picks={picks}
                    onClose={() => setPicks([])}
                />
                <VersionList
                    asset={asset}
                    mayDecide={asset.permissions.includes('asset.approve')}
                    picks={picks}
                    onPick={onPick}
                    onDecide={(version, decision) => setDeciding({version, decision})}
                />
            </section>
            {deciding && (
                <DecisionDialog
                    asset={asset}
                    version={deciding.version}
                    decision={deciding.decision}
                    onClose={() => setDeciding(null)}
                />
            )}
        </div>
    );
}
