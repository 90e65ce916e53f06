// Asset transfer through the S3 store: the same upload and download as assets.ts, with the versions in
// an S3-compatible bucket (s3rver on loopback, on the same disk) instead of DATA_DIR, so the ratio of
// the two is what the bucket costs (the staging file, the multipart upload to the bucket, the ranged reads).
import { startS3 } from '../s3/s3_server.js';
import { benchAssets, type AssetFigures } from './assets.js';

export async function benchS3Assets(mmUrl: string): Promise<AssetFigures> {
  const s3 = await startS3();
  try {
    return await benchAssets(mmUrl, s3.env);
  } finally {
    await s3.close();
  }
}
