import type {Asset, AssetVersion} from '@throughline/contract';
import type {IntlShape} from 'react-intl';

import messages from './messages';

// Image types a browser shows in <img>; SVG is served as a download only, so it is not one.
const IMAGE = /^image\/(png|jpe?g|gif|webp|avif|bmp)$/i;

export const isImage = (v: Pick<AssetVersion, 'mime_type'>) => IMAGE.test(v.mime_type);

const UNITS = ['kilobyte', 'megabyte', 'gigabyte'] as const;

// Intl's short "byte" is the whole word in English, so bytes have their own message.
export function formatSize(intl: IntlShape, bytes: number): string {
    if (bytes < 1024) {
        return intl.formatMessage(messages.bytes, {count: bytes});
    }
    let value = bytes / 1024;
    let unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
        value /= 1024;
        unit++;
    }
    return intl.formatNumber(value, {style: 'unit', unit: UNITS[unit], unitDisplay: 'short', maximumFractionDigits: 1});
}

export const approvedVersion = (asset: Asset) =>
    (asset.approved_version_id ? asset.versions.find((v) => v.id === asset.approved_version_id) : undefined);

export const byName = (a: Asset, b: Asset) => a.name.localeCompare(b.name);
