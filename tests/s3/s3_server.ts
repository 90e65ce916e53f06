// An S3-compatible server (s3rver, from npm) in this process on loopback, for tests and benchmarks:
// multipart uploads, ranged reads and signatures as S3 has them, objects kept in a temporary folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

/** s3rver's own credentials: it checks every request's signature against them. */
const KEY = 'S3RVER';
const OBJECT = '._S3rver_object';
const UPLOADS = '._S3rver_uploads';

export interface S3Server {
  url: string;
  bucket: string;
  /** What the service reads to use the bucket: BLOB_STORE and the AWS variables. */
  env: Record<string, string>;
  /** Keys of the objects in the bucket, sorted. */
  keys(): string[];
  /** Multipart uploads begun and neither completed nor aborted. */
  openUploads(): number;
  /** The file s3rver keeps an object's bytes in. */
  fileOf(key: string): string;
  /** Sets an object's Last-Modified (s3rver tells its file's modification time). */
  age(key: string, hours: number): void;
  /** Puts an object as another writer would (bypassing the service). */
  put(key: string, bytes: string | Buffer): void;
  close(): Promise<void>;
}

export async function startS3(prefix = 'throughline/blobs'): Promise<S3Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-s3-'));
  const bucket = 'throughline-test';
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory: dir, silent: true, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const url = `http://127.0.0.1:${port}`;
  const root = path.join(dir, bucket);
  const fileOf = (key: string) => path.join(root, `${key}${OBJECT}`);
  const walk = (d: string, under: string): string[] =>
    fs.existsSync(d)
      ? fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
          if (e.isDirectory()) return e.name === UPLOADS ? [] : walk(path.join(d, e.name), `${under}${e.name}/`);
          return e.name.endsWith(OBJECT) ? [`${under}${e.name.slice(0, -OBJECT.length)}`] : [];
        })
      : [];
  return {
    url,
    bucket,
    env: {
      BLOB_STORE: `s3://${bucket}/${prefix}`,
      AWS_ENDPOINT_URL: url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: KEY,
      AWS_SECRET_ACCESS_KEY: KEY,
    },
    keys: () => walk(root, '').sort(),
    fileOf,
    openUploads: () => (fs.existsSync(path.join(root, UPLOADS)) ? fs.readdirSync(path.join(root, UPLOADS)).length : 0),
    age: (key, hours) => {
      const t = new Date(Date.now() - hours * 3_600_000);
      fs.utimesSync(fileOf(key), t, t);
    },
    put: (key, bytes) => {
      fs.mkdirSync(path.dirname(fileOf(key)), { recursive: true });
      fs.writeFileSync(fileOf(key), bytes);
    },
    close: async () => {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
