import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Access } from './access/access.js';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import { healthRoutes } from './health/health.routes.js';
import { authPlugin } from './http/auth.js';
import { installErrorHandler } from './http/errors.js';
import { installValidators } from './http/validation.js';
import { meRoutes } from './http/me.routes.js';
import { MattermostGateway } from './mattermost/gateway.js';
import { projectRoutes } from './projects/project.routes.js';
import { ProjectService } from './projects/project.service.js';
import { taskRoutes } from './tasks/task.routes.js';
import { TaskService } from './tasks/task.service.js';

export const VERSION = '0.1.0';

export interface AppDeps {
  config: Config;
  db: Db;
  logger?: FastifyServerOptions['logger'];
}

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    // Tokens travel in these headers; they never reach a log line.
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'], remove: true },
  };
}

export async function buildApp({ config, db, logger }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? loggerOptions(config.logLevel),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: true,
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  installErrorHandler(app);
  installValidators(app);
  const mm = new MattermostGateway({ url: config.mmUrl, timeoutMs: config.mmTimeoutMs, cacheMs: config.mmCacheMs });
  const access = new Access(mm);
  const projects = new ProjectService(db, access);
  const tasks = new TaskService(db, access, mm, config.mmSiteUrl);

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
  await app.register(healthRoutes, { db, mm });
  await app.register(async (api) => {
    api.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
    await api.register(meRoutes, { version: VERSION });
    await api.register(projectRoutes, { projects });
    await api.register(taskRoutes, { tasks });
  }, { prefix: '/api/v1' });
  return app;
}
