import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { AppError } from '../http/errors.js';
import type { MattermostObserver } from '../mattermost/gateway.js';

/** What the outbox holds undelivered, read with one query when Prometheus scrapes. */
export interface OutboxDepth {
  pending: number;
  parked: number;
  /** When the oldest pending (not parked) message was queued, or null when none is. */
  oldestAt: string | null;
}

export interface MetricSources {
  outbox: () => Promise<OutboxDepth>;
  openStreams: () => number;
}

/**
 * The service's Prometheus series, in a registry of its own (never prom-client's global one, so
 * two apps in one process do not share counters). Made only when metrics are turned on.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'throughline_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'throughline_http_request_duration_seconds',
    help: 'Time from a request arriving to its answer being sent, by method and route pattern (an event stream counts its whole life)',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly mattermostCalls = new Counter({
    name: 'throughline_mattermost_requests_total',
    help: 'Calls to Mattermost by operation (method and path, ids elided) and outcome: ok, refused (a 4xx answer), failed (no answer, timeout, 5xx, not JSON)',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly mattermostDuration = new Histogram({
    name: 'throughline_mattermost_request_duration_seconds',
    help: 'Time a call to Mattermost took, by operation',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly uploadBytes = new Counter({
    name: 'throughline_upload_bytes_total',
    help: 'Bytes of asset versions stored, by source: upload (multipart) or mattermost (a file read from a post)',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  constructor(sources: MetricSources) {
    collectDefaultMetrics({ register: this.registry });
    // One query for the outbox's three gauges per scrape: prom-client collects them in one go.
    let reading: Promise<OutboxDepth | null> | null = null;
    const read = () =>
      (reading ??= sources
        .outbox()
        .catch(() => null)
        .finally(() => setImmediate(() => (reading = null))));
    const outboxGauge = (name: string, help: string, value: (d: OutboxDepth) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        async collect() {
          const d = await read();
          // A database that does not answer is told as NaN, not as an empty outbox.
          this.set(d ? value(d) : Number.NaN);
        },
      });
    outboxGauge(
      'throughline_outbox_pending_messages',
      'Bot messages queued and not yet delivered (parked ones excluded)',
      (d) => d.pending,
    );
    outboxGauge('throughline_outbox_parked_messages', 'Bot messages Mattermost kept refusing, put aside for good', (d) => d.parked);
    outboxGauge('throughline_outbox_oldest_pending_age_seconds', 'Age of the oldest pending bot message (0 when none is pending)', (d) =>
      d.oldestAt ? Math.max(0, (Date.now() - Date.parse(d.oldestAt)) / 1000) : 0,
    );
    new Gauge({
      name: 'throughline_event_streams_open',
      help: 'Live event streams (SSE) this replica holds open',
      registers: [this.registry],
      collect() {
        this.set(sources.openStreams());
      },
    });
  }

  /** For the Mattermost gateway and the bot: every call told here. */
  readonly observeMattermost: MattermostObserver = (operation, outcome, seconds) => {
    this.mattermostCalls.inc({ operation, outcome });
    this.mattermostDuration.observe({ operation }, seconds);
  };

  /** Counts every answered request by its route's pattern (never the raw URL: ids would make a series each). */
  instrument(app: FastifyInstance): void {
    app.addHook('onResponse', async (req, reply) => {
      const route = req.routeOptions.url ?? 'unmatched';
      if (route === '/metrics') return;
      const method = req.method;
      this.httpRequests.inc({ method, route, status: String(reply.statusCode) });
      this.httpDuration.observe({ method, route }, reply.elapsedTime / 1000);
    });
  }

  /** `GET /metrics` on the main port, for a bearer of METRICS_TOKEN only (the port is reachable through the proxy). */
  route(app: FastifyInstance, token: string): void {
    app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
      const m = /^bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
      if (!m || !sameString(m[1]!, token)) throw new AppError('unauthorized', 'The metrics need the bearer token set as METRICS_TOKEN');
      return reply.type(this.registry.contentType).send(await this.registry.metrics());
    });
  }

  /** A listener of its own answering only `GET /metrics` (with METRICS_TOKEN required when it is set). */
  listener(opts: { host: string; port: number; token: string | null }): MetricsListener {
    const server = http.createServer((req, res) => {
      const pathOnly = (req.url ?? '').split('?')[0];
      if (pathOnly !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Only GET /metrics is served here\n');
        return;
      }
      const m = /^bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
      if (opts.token && (!m || !sameString(m[1]!, opts.token))) {
        res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' }).end('METRICS_TOKEN required\n');
        return;
      }
      this.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': this.registry.contentType }).end(req.method === 'HEAD' ? undefined : text),
        () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be collected\n'),
      );
    });
    return {
      start: () =>
        new Promise<string>((resolve, reject) => {
          server.once('error', reject);
          server.listen(opts.port, opts.host, () => {
            const a = server.address() as AddressInfo;
            resolve(`http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`);
          });
        }),
      stop: () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())),
    };
  }
}

export interface MetricsListener {
  /** Listens; resolves with the address (the port chosen when 0 was asked). */
  start(): Promise<string>;
  stop(): Promise<void>;
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
