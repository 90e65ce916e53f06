import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Access } from './access/access.js';
import type { Config } from './config.js';
import type { Db, Engine } from './db/database.js';
import { UnitOfWork } from './db/unit_of_work.js';
import { EventHub } from './events/event.hub.js';
import { eventRoutes } from './events/event.routes.js';
import { StreamSlots } from './events/event.stream.js';
import { integrationRoutes } from './integrations/integration.routes.js';
import { IntegrationService } from './integrations/integration.service.js';
import { ActionSigner } from './integrations/signer.js';
import { BotClient } from './mattermost/bot.js';
import { assetRoutes } from './assets/asset.routes.js';
import { AssetService } from './assets/asset.service.js';
import { openBlobStore } from './assets/blob.open.js';
import { RecallService } from './assets/recall.js';
import { recallRoutes } from './assets/recall.routes.js';
import { OutboxWorker } from './outbox/outbox.worker.js';
import { outboxDepth } from './outbox/outbox.repository.js';
import { Metrics } from './metrics/metrics.js';
import { ReminderScheduler } from './tasks/task.reminders.js';
import { healthRoutes, instanceTag } from './health/health.routes.js';
import { authPlugin } from './http/auth.js';
import { MAX_HEADER_BYTES, answerClientError, frameworkErrors, installErrorHandler } from './http/errors.js';
import { installBodyTimeout } from './http/timeouts.js';
import { installValidators } from './http/validation.js';
import { meRoutes } from './http/me.routes.js';
import { MattermostGateway } from './mattermost/gateway.js';
import { projectRoutes } from './projects/project.routes.js';
import { ProjectChannels } from './projects/project.channels.js';
import { ProjectService } from './projects/project.service.js';
import { taskRoutes } from './tasks/task.routes.js';
import { decisionRoutes } from './decisions/decision.routes.js';
import { DecisionFlow } from './decisions/decision.flow.js';
import { DecisionInputs } from './decisions/decision.input.js';
import { DecisionService } from './decisions/decision.service.js';
import { TaskService } from './tasks/task.service.js';
import { rolloutRoutes } from './rollouts/rollout.routes.js';
import { RolloutService } from './rollouts/rollout.service.js';
import { digestRoutes } from './digests/digest.routes.js';
import { DigestScheduler } from './digests/digest.scheduler.js';
import { DigestService } from './digests/digest.service.js';
import { searchRoutes } from './search/search.routes.js';
import { SearchService } from './search/search.service.js';
import { exportRoutes } from './exports/export.routes.js';
import { feedRoutes } from './calendar/feed.routes.js';
import { FeedService } from './calendar/feed.service.js';
import { redactedUrl } from './calendar/feed.redact.js';
import { ExportService } from './exports/export.service.js';
import { overviewRoutes } from './overview/overview.routes.js';
import { OverviewNames } from './overview/overview.names.js';
import { OverviewService } from './overview/overview.service.js';
import { myWorkRoutes } from './mywork/mywork.routes.js';
import { MyWorkService } from './mywork/mywork.service.js';
import { Loop } from './util/loop.js';

export const VERSION = '0.1.0';

declare module 'fastify' {
  interface FastifyInstance {
    /** Background parts, exposed for tests and benchmarks. */
    live: {
      hub: EventHub;
      outbox: OutboxWorker;
      reminders: ReminderScheduler;
      blobSweep: Loop;
      digests: DigestService;
      mywork: MyWorkService;
    };
    /** Where the metrics listener (METRICS_PORT) listens, once it does; null without one. */
    metricsUrl: () => string | null;
  }
}

export interface AppDeps {
  config: Config;
  db: Db;
  engine: Engine;
  logger?: FastifyServerOptions['logger'];
}

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    // Tokens travel in these headers; they never reach a log line.
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'], remove: true },
    // A calendar feed's address is its credential: request lines are logged without it.
    serializers: {
      req: (req: { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } }) => ({
        method: req.method,
        url: redactedUrl(req.url),
        host: req.host,
        remoteAddress: req.ip,
        remotePort: req.socket?.remotePort,
      }),
    },
  };
}

export async function buildApp({ config, db, engine, logger }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? loggerOptions(config.logLevel),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: true,
    return503OnClosing: true,
    frameworkErrors,
    connectionTimeout: config.idleTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    clientErrorHandler: answerClientError,
    http: {
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout: config.headersTimeoutMs,
      requestTimeout: config.requestTimeoutMs,
      // Node checks those two deadlines on this period (30 s by default): a shorter deadline needs a shorter period.
      connectionsCheckingInterval: Math.max(25, Math.min(30_000, Math.floor(config.headersTimeoutMs / 4))),
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.server.maxConnections = config.maxConnections;

  installErrorHandler(app);
  installValidators(app);
  installBodyTimeout(app, config.bodyTimeoutMs);
  // Metrics cost nothing when off: no registry, no hook, no listener.
  const metricsOn = config.metricsPort !== null || config.metricsToken !== null;
  const metrics = metricsOn ? new Metrics({ outbox: () => outboxDepth(db, new Date()), openStreams: () => slots.open }) : null;
  const observe = metrics?.observeMattermost;
  const mm = new MattermostGateway({ url: config.mmUrl, timeoutMs: config.mmTimeoutMs, cacheMs: config.mmCacheMs, observe });
  const bot = config.mmBotToken ? new BotClient(config.mmUrl, config.mmBotToken, config.mmTimeoutMs, config.mmCacheMs, observe) : null;
  const access = new Access(mm, bot);
  const signer = new ActionSigner(config.actionSecret);
  const actionsUrl = `${config.serviceUrl}/api/v1/mattermost/actions`;
  const streamLimits = {
    maxStreams: config.eventsMaxStreams,
    maxStreamsPerUser: config.eventsMaxStreamsPerUser,
    maxBacklog: config.eventsMaxBacklog,
    replayMax: config.eventsReplayMax,
  };
  const slots = new StreamSlots(streamLimits);
  const hub = new EventHub(db, engine, config.databaseUrl, app.log, {
    pollMs: config.eventsPollMs,
    retentionMs: config.eventsRetentionMs,
    pruneMs: config.eventsPruneMs,
  });
  const outbox = new OutboxWorker(db, bot, signer, app.log, {
    pollMs: config.outboxPollMs,
    retryBaseMs: config.outboxRetryBaseMs,
    leaseMs: config.outboxLeaseMs,
    retryMaxMs: 60_000,
    botLocale: config.botLocale,
    actionsUrl,
    siteUrl: config.mmSiteUrl,
  });
  // Each project's channels as of a change mark: a reused list page asks the database for the mark alone.
  const projectChannels = new ProjectChannels(db);
  const uow = new UnitOfWork(
    db,
    engine,
    {
      eventsCommitted: () => hub.committed(),
      outboxCommitted: () => outbox.poke(),
      changeMark: async (p) => {
        const mark = await hub.changeMark();
        return { mark, channelIds: p ? await projectChannels.at(p, mark) : [] };
      },
    },
    config.notifyMinIntervalMs,
  );
  const reminders = new ReminderScheduler(db, uow, config.reminderLeadMs, app.log);
  const projects = new ProjectService(db, uow, access);
  const tasks = new TaskService(db, uow, access, mm, config.mmSiteUrl);
  const blobs = openBlobStore(config.blobStore, config.dataDir);
  const assets = new AssetService(db, uow, access, blobs, {
    fileBytes: config.uploadLimitBytes,
    userBytes: config.quotaUserBytes,
    assetBytes: config.quotaAssetBytes,
    diskFreeMinBytes: config.diskFreeMinBytes,
  });
  const blobSweep = new Loop({ name: 'blob sweep', log: app.log, intervalMs: config.blobSweepIntervalMs }, async ({ signal }) => {
    const removed = await assets.sweepBlobs(config.blobSweepGraceMs, signal);
    if (removed) app.log.info({ removed }, 'stored files no version points at were removed');
  });
  const recall = new RecallService(db, uow, access);
  const decisions = new DecisionService(db, uow, access, new DecisionInputs(db, access, mm, bot), tasks, config.mmSiteUrl);
  const flow = new DecisionFlow(db, uow, access);
  const rollouts = new RolloutService(db, uow, access);
  const exports = new ExportService(db, access, projects, assets, rollouts, bot);
  const integrations = new IntegrationService(db, access, assets, bot);
  const digests = new DigestService(db, uow, access, projects, bot, {
    defaultTimeZone: config.digestDefaultTz,
    botLocale: config.botLocale,
    siteUrl: config.mmSiteUrl,
  });
  const digestScheduler = new DigestScheduler(digests, config.digestPollMs, app.log);
  const search = new SearchService(db, engine, access);
  const overview = new OverviewService(db, access, projects, new OverviewNames(bot));
  const feeds = new FeedService(db, access, projects, bot, { publicUrl: config.publicUrl, defaultTimeZone: config.digestDefaultTz });
  const mywork = new MyWorkService(db, access, mm, config.digestDefaultTz);

  app.decorate('live', { hub, outbox, reminders, blobSweep, digests, mywork });
  const metricsListener =
    metrics && config.metricsPort !== null
      ? metrics.listener({ host: config.metricsHost, port: config.metricsPort, token: config.metricsToken })
      : null;
  let metricsUrl: string | null = null;
  app.decorate('metricsUrl', () => metricsUrl);
  if (metrics) metrics.instrument(app);
  if (metrics && config.metricsToken) metrics.route(app, config.metricsToken);
  if (metricsListener) {
    app.addHook('onReady', async () => {
      metricsUrl = await metricsListener.start();
      app.log.info(`Metrics listening at ${metricsUrl}`);
    });
    app.addHook('onClose', () => metricsListener.stop());
  }
  app.addHook('onReady', async () => {
    await blobs.init();
    blobSweep.start();
    await hub.start();
    outbox.start();
    reminders.start();
    if (config.digestScheduler) digestScheduler.start();
  });
  app.addHook('preClose', async () => {
    // Open event streams would hold close() for ever; end them first.
    await hub.stop();
  });
  app.addHook('onClose', async () => {
    await Promise.all([outbox.stop(), reminders.stop(), blobSweep.stop(), digestScheduler.stop()]);
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Throughline service', version: VERSION, description: 'Tasks and projects on Mattermost identity' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'MMAUTHTOKEN' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
  });
  await app.register(authPlugin, { mm });
  await app.register(healthRoutes, { db, mm, instance: instanceTag(config.actionSecret) });
  await app.register(
    async (api) => {
      api.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
      await api.register(meRoutes, { version: VERSION, bot });
      await api.register(projectRoutes, { projects });
      await api.register(taskRoutes, { tasks });
      await api.register(eventRoutes, { db, hub, access, slots, limits: streamLimits });
      await api.register(assetRoutes, {
        assets,
        recall,
        mm,
        uploadLimit: config.uploadLimitBytes,
        onStored: metrics ? (source, bytes) => metrics.uploadBytes.inc({ source }, bytes) : undefined,
      });
      await api.register(recallRoutes, { recall });
      await api.register(decisionRoutes, { decisions, flow });
      await api.register(rolloutRoutes, { rollouts });
      await api.register(digestRoutes, { digests });
      await api.register(searchRoutes, { search });
      await api.register(exportRoutes, { exports });
      await api.register(overviewRoutes, { overview });
      await api.register(feedRoutes, { feeds });
      await api.register(myWorkRoutes, { mywork });
      await api.register(integrationRoutes, {
        integrations,
        tasks,
        decisions,
        rollouts,
        flow,
        digests,
        search,
        signer,
        slashToken: config.slashToken,
        actionsUrl,
      });
    },
    { prefix: '/api/v1' },
  );
  return app;
}
