import { createHash } from 'node:crypto';
import path from 'node:path';
import { isTimeZone } from './digests/digest.schedule.js';

export type Config = Readonly<{
  port: number;
  host: string;
  mmUrl: string;
  /** Public address of Mattermost used in permalinks; defaults to mmUrl. */
  mmSiteUrl: string;
  /** Where browsers and calendar apps reach this service from outside (the site mount): the base of calendar feed addresses. */
  publicUrl: string;
  mmBotToken: string | null;
  databaseUrl: string | null;
  dataDir: string;
  /** How long an answer from Mattermost (who a token is, who is in a channel) is reused. */
  mmCacheMs: number;
  /** A Mattermost call slower than this counts as Mattermost being unavailable. */
  mmTimeoutMs: number;
  logLevel: string;
  bodyLimitBytes: number;
  /** How Mattermost reaches this service (button clicks, slash commands). */
  serviceUrl: string;
  /** The token Mattermost sends with the /task slash command. */
  slashToken: string | null;
  /** HMAC key for button contexts; derived from the bot token when not given. */
  actionSecret: string;
  reminderLeadMs: number;
  outboxPollMs: number;
  outboxRetryBaseMs: number;
  /** How long a claimed message stays its worker's without a renewal; a crashed worker's messages are taken over after it. */
  outboxLeaseMs: number;
  /** The shortest time between two posts about one object (a task's status, its assignee); what comes between is coalesced. */
  notifyMinIntervalMs: number;
  /** How often each replica looks for events it was not notified of (a lost NOTIFY, a dropped LISTEN). */
  eventsPollMs: number;
  /** Event streams one replica holds at most, in all and per user. */
  eventsMaxStreams: number;
  eventsMaxStreamsPerUser: number;
  /** Events that may wait for a client that does not read; past that its stream is closed (it resumes by Last-Event-ID). */
  eventsMaxBacklog: number;
  /** A resume further behind than this many events answers `reset` instead of replaying them. */
  eventsReplayMax: number;
  /** How long events are kept for resuming streams, and how often old ones are deleted. */
  eventsRetentionMs: number;
  eventsPruneMs: number;
  botLocale: 'en' | 'ru';
  uploadLimitBytes: number;
  /** A client must finish sending a request's headers within this. */
  headersTimeoutMs: number;
  /** A body other than an upload (JSON, the slash command's form) must arrive in full within this. */
  bodyTimeoutMs: number;
  /** A connection that moves no bytes either way for this long is closed (a stalled upload too). */
  idleTimeoutMs: number;
  /** No request, an upload included, may take longer than this to arrive. */
  requestTimeoutMs: number;
  /** Open connections one replica accepts; further ones are dropped. */
  maxConnections: number;
  /** Bytes of versions one user may have added, and one asset may hold, in all. */
  quotaUserBytes: number;
  quotaAssetBytes: number;
  /** Free space the data directory keeps (for the database, logs): an upload that would leave less is refused with 507. */
  diskFreeMinBytes: number;
  /** Stored files no version points at are removed once older than the grace, checked this often. */
  blobSweepGraceMs: number;
  blobSweepIntervalMs: number;
  /** Where versions are stored: DATA_DIR/blobs (the default), or a bucket every replica shares. */
  blobStore: BlobStoreConfig;
  /** The time zone of a project's digest schedule until one is set for it. */
  digestDefaultTz: string;
  /** How often each replica looks for digests that are due; off: this replica compiles none on schedule. */
  digestPollMs: number;
  digestScheduler: boolean;
  /** Where `GET /metrics` is served on a listener of its own; null: no such listener. */
  metricsPort: number | null;
  metricsHost: string;
  /** A bearer token for `GET /metrics`: on the main port it is served only with it; required on the metrics port too when set. */
  metricsToken: string | null;
}>;

export type BlobStoreConfig = LocalStoreConfig | S3StoreConfig;
interface LocalStoreConfig {
  kind: 'local';
}
export interface S3StoreConfig {
  kind: 's3';
  bucket: string;
  /** Key prefix without slashes at either end; '' for the bucket's root. */
  prefix: string;
  /** An S3-compatible server's address; null for AWS itself. */
  endpoint: string | null;
  region: string;
  /** Custom endpoints are addressed path-style (http://host/bucket/key): most S3-compatible servers serve no per-bucket host names. */
  forcePathStyle: boolean;
  /** From AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY; null leaves the SDK's own chain (instance role, web identity) to find them. */
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates the environment once; every problem is reported, not just the first. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const int = (name: string, def: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return def;
    }
    return n;
  };
  const url = (name: string, def: string | null, protocols: string[]): string | null => {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    try {
      const u = new URL(raw);
      if (!protocols.includes(u.protocol)) {
        problems.push(`${name} must start with ${protocols.map((p) => p + '//').join(' or ')} (got "${u.protocol}//…")`);
      }
      return raw.replace(/\/+$/, '');
    } catch {
      problems.push(`${name} is not a valid URL`);
      return def;
    }
  };

  const port = int('PORT', 8787, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const mmUrl = url('MM_URL', 'http://127.0.0.1:8065', ['http:', 'https:'])!;
  const mmSiteUrl = url('MM_SITE_URL', mmUrl, ['http:', 'https:'])!;
  const publicUrl = url('PUBLIC_URL', `${mmSiteUrl}/throughline-api`, ['http:', 'https:'])!;
  const databaseUrl = url('DATABASE_URL', null, ['postgres:', 'postgresql:']);
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const mmBotToken = env.MM_BOT_TOKEN || null;
  if (mmBotToken !== null && !/^[A-Za-z0-9]{10,64}$/.test(mmBotToken)) {
    problems.push('MM_BOT_TOKEN must be a Mattermost access token (letters and digits only)');
  }
  const mmCacheMs = int('MM_CACHE_MS', 5000, 0, 60_000);
  const mmTimeoutMs = int('MM_TIMEOUT_MS', 5000, 100, 120_000);
  const bodyLimitBytes = int('BODY_LIMIT_BYTES', 64 * 1024, 1024, 10 * 1024 * 1024);
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const serviceUrl = url('SERVICE_URL', `http://${host.includes(':') ? `[${host}]` : host}:${port}`, ['http:', 'https:'])!;
  const slashToken = env.MM_SLASH_TOKEN || null;
  if (slashToken !== null && !/^[A-Za-z0-9]{10,64}$/.test(slashToken)) {
    problems.push('MM_SLASH_TOKEN must be the slash command token Mattermost shows (letters and digits only)');
  }
  const actionSecretRaw = env.ACTION_SECRET || '';
  if (actionSecretRaw && actionSecretRaw.length < 16) problems.push('ACTION_SECRET must be at least 16 characters');
  // Every replica must sign buttons alike, so the default comes from a secret they all share.
  const actionSecret =
    actionSecretRaw ||
    createHash('sha256')
      .update(`throughline-actions:${mmBotToken ?? 'no-bot'}`)
      .digest('hex');
  const reminderLeadMs = int('REMINDER_LEAD_MINUTES', 24 * 60, 1, 30 * 24 * 60) * 60_000;
  const outboxPollMs = int('OUTBOX_POLL_MS', 1000, 50, 60_000);
  const outboxRetryBaseMs = int('OUTBOX_RETRY_BASE_MS', 1000, 10, 600_000);
  const outboxLeaseMs = int('OUTBOX_LEASE_MS', 5000, 1000, 600_000);
  const notifyMinIntervalMs = int('NOTIFY_MIN_INTERVAL_MS', 10_000, 0, 3_600_000);
  const eventsPollMs = int('EVENTS_POLL_MS', 2000, 100, 3_600_000);
  const eventsMaxStreams = int('EVENTS_MAX_STREAMS', 1000, 1, 100_000);
  const eventsMaxStreamsPerUser = int('EVENTS_MAX_STREAMS_PER_USER', 10, 1, 1000);
  const eventsMaxBacklog = int('EVENTS_MAX_BACKLOG', 500, 1, 100_000);
  const eventsReplayMax = int('EVENTS_REPLAY_MAX', 1000, 1, 1_000_000);
  const eventsRetentionMs = int('EVENTS_RETENTION_HOURS', 7 * 24, 1, 24 * 3650) * 3_600_000;
  const eventsPruneMs = int('EVENTS_PRUNE_INTERVAL_MS', 3_600_000, 100, 86_400_000);
  const uploadLimitBytes = int('UPLOAD_LIMIT_BYTES', 2 * 1024 ** 3, 1, 1024 ** 4);
  const headersTimeoutMs = int('HEADERS_TIMEOUT_MS', 20_000, 100, 600_000);
  const bodyTimeoutMs = int('BODY_TIMEOUT_MS', 30_000, 100, 600_000);
  const idleTimeoutMs = int('IDLE_TIMEOUT_MS', 60_000, 100, 3_600_000);
  const requestTimeoutMs = int('REQUEST_TIMEOUT_MS', 3_600_000, 1000, 86_400_000);
  if (headersTimeoutMs > requestTimeoutMs) problems.push('HEADERS_TIMEOUT_MS must not be larger than REQUEST_TIMEOUT_MS');
  const maxConnections = int('MAX_CONNECTIONS', 2000, 1, 1_000_000);
  const quotaUserBytes = int('UPLOAD_QUOTA_USER_BYTES', 20 * 1024 ** 3, 1, 1024 ** 5);
  const quotaAssetBytes = int('UPLOAD_QUOTA_ASSET_BYTES', 10 * 1024 ** 3, 1, 1024 ** 5);
  const diskFreeMinBytes = int('DISK_FREE_MIN_BYTES', 1024 ** 3, 0, 1024 ** 5);
  const blobSweepGraceMs = int('BLOB_SWEEP_GRACE_MS', 3_600_000, 1000, 30 * 86_400_000);
  const blobSweepIntervalMs = int('BLOB_SWEEP_INTERVAL_MS', 3_600_000, 1000, 30 * 86_400_000);
  const blobStore = blobStoreOf(env, problems);
  const metricsPortRaw = env.METRICS_PORT;
  const metricsPort = metricsPortRaw === undefined || metricsPortRaw === '' ? null : int('METRICS_PORT', 0, 0, 65535);
  if (metricsPort !== null && metricsPort !== 0 && metricsPort === port) problems.push('METRICS_PORT must differ from PORT');
  const metricsHost = env.METRICS_HOST || host;
  const metricsToken = env.METRICS_TOKEN || null;
  if (metricsToken !== null && !/^[A-Za-z0-9._~+/=-]{16,256}$/.test(metricsToken)) {
    problems.push('METRICS_TOKEN must be 16 to 256 characters: letters, digits and . _ ~ + / = -');
  }
  if (env.METRICS_HOST && metricsPort === null) problems.push('METRICS_HOST is set but METRICS_PORT is not: set the port too');
  const botLocale = env.BOT_LOCALE || 'en';
  if (botLocale !== 'en' && botLocale !== 'ru') problems.push('BOT_LOCALE must be en or ru');

  const digestDefaultTz = env.DIGEST_DEFAULT_TZ || 'UTC';
  if (!isTimeZone(digestDefaultTz))
    problems.push(`DIGEST_DEFAULT_TZ must be an IANA time zone such as Europe/Moscow (got "${digestDefaultTz}")`);
  const digestPollMs = int('DIGEST_POLL_MS', 60_000, 100, 3_600_000);
  const digestSchedulerRaw = env.DIGEST_SCHEDULER || 'on';
  if (digestSchedulerRaw !== 'on' && digestSchedulerRaw !== 'off') problems.push('DIGEST_SCHEDULER must be on or off');

  if (problems.length) throw new ConfigError(problems);
  return Object.freeze({
    port,
    host,
    mmUrl,
    mmSiteUrl,
    publicUrl,
    mmBotToken,
    databaseUrl,
    dataDir,
    mmCacheMs,
    mmTimeoutMs,
    logLevel,
    bodyLimitBytes,
    serviceUrl,
    slashToken,
    actionSecret,
    reminderLeadMs,
    outboxPollMs,
    outboxRetryBaseMs,
    outboxLeaseMs,
    notifyMinIntervalMs,
    eventsPollMs,
    eventsMaxStreams,
    eventsMaxStreamsPerUser,
    eventsMaxBacklog,
    eventsReplayMax,
    eventsRetentionMs,
    eventsPruneMs,
    botLocale: botLocale as 'en' | 'ru',
    uploadLimitBytes,
    headersTimeoutMs,
    bodyTimeoutMs,
    idleTimeoutMs,
    requestTimeoutMs,
    maxConnections,
    quotaUserBytes,
    quotaAssetBytes,
    diskFreeMinBytes,
    blobSweepGraceMs,
    blobSweepIntervalMs,
    blobStore,
    digestDefaultTz,
    digestPollMs,
    digestScheduler: digestSchedulerRaw === 'on',
    metricsPort,
    metricsHost,
    metricsToken,
  });
}

/** S3's bucket naming rules (the strict, DNS-compatible form every S3-compatible server takes). */
const BUCKET = /^(?!xn--)(?!.*\.\.)(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function blobStoreOf(env: Env, problems: string[]): BlobStoreConfig {
  const raw = env.BLOB_STORE;
  if (raw === undefined || raw === '' || raw === 'local') return { kind: 'local' };
  const m = /^s3:\/\/([^/?#]*)(\/[^?#]*)?$/.exec(raw);
  if (!m) {
    problems.push(`BLOB_STORE must be "local" or s3://bucket/prefix (got "${raw}")`);
    return { kind: 'local' };
  }
  const bucket = m[1]!;
  const prefix = (m[2] ?? '').replace(/^\/+|\/+$/g, '');
  if (!BUCKET.test(bucket))
    problems.push(
      `BLOB_STORE names the bucket "${bucket}", which is not a valid S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)`,
    );
  if (/\/\/|(^|\/)\.\.?(\/|$)/.test(prefix)) problems.push(`BLOB_STORE's prefix "${prefix}" must not contain empty, . or .. segments`);
  const endpointName = env.AWS_ENDPOINT_URL_S3 ? 'AWS_ENDPOINT_URL_S3' : 'AWS_ENDPOINT_URL';
  const endpointRaw = env[endpointName] || null;
  let endpoint: string | null = null;
  if (endpointRaw) {
    try {
      const u = new URL(endpointRaw);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') problems.push(`${endpointName} must start with http:// or https://`);
      else endpoint = endpointRaw.replace(/\/+$/, '');
    } catch {
      problems.push(`${endpointName} is not a valid URL`);
    }
  }
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || (endpointRaw ? 'us-east-1' : '');
  if (!region) problems.push('AWS_REGION must be set for BLOB_STORE=s3:// on AWS (or AWS_ENDPOINT_URL for an S3-compatible server)');
  const accessKeyId = env.AWS_ACCESS_KEY_ID || '';
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY || '';
  if (!accessKeyId !== !secretAccessKey) problems.push('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together');
  const sessionToken = env.AWS_SESSION_TOKEN || undefined;
  return {
    kind: 's3',
    bucket,
    prefix,
    endpoint,
    region,
    forcePathStyle: endpoint !== null,
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } : null,
  };
}
