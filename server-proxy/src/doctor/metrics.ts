// The metrics check: off is fine; when on, /metrics must answer where the settings say.
import type { Config } from '../config.js';
import { message, type Add } from './common.js';

const LOOPBACK = /^(127\.|::1$|localhost$)/;

/** Where a scraper on this host reaches the metrics listener: a wildcard address is asked on loopback. */
function listenerUrl(config: Config): string {
  const host = config.metricsHost === '0.0.0.0' ? '127.0.0.1' : config.metricsHost === '::' ? '::1' : config.metricsHost;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.metricsPort}/metrics`;
}

export async function metrics(add: Add, config: Config): Promise<void> {
  if (config.metricsPort === null && config.metricsToken === null) {
    add({ name: 'metrics', status: 'ok', detail: 'off (METRICS_PORT and METRICS_TOKEN are unset; README, Metrics)' });
    return;
  }
  if (config.metricsPort === 0) {
    add({
      name: 'metrics',
      status: 'warn',
      detail: 'METRICS_PORT is 0: the service picks a free port at each start, which Prometheus cannot know',
      fix: 'set METRICS_PORT to a fixed port (e.g. 9464)',
    });
    return;
  }
  const url = config.metricsPort !== null ? listenerUrl(config) : `${config.serviceUrl}/metrics`;
  const headers: Record<string, string> = config.metricsToken ? { authorization: `Bearer ${config.metricsToken}` } : {};
  let status: number;
  let body = '';
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(config.mmTimeoutMs) });
    status = res.status;
    body = await res.text();
  } catch (err) {
    add({
      name: 'metrics',
      status: 'fail',
      detail: `nothing answers at ${url} (${message(err)})`,
      fix: 'start the service with these settings; the metrics are served where METRICS_PORT and METRICS_HOST say, or on its own port with METRICS_TOKEN',
    });
    return;
  }
  if (status === 200 && body.includes('throughline_http_requests_total')) {
    const open = config.metricsPort !== null && !config.metricsToken && !LOOPBACK.test(config.metricsHost);
    add(
      open
        ? {
            name: 'metrics',
            status: 'warn',
            detail: `served at ${url} on ${config.metricsHost} without a token: whoever reaches that address reads them`,
            fix: 'set METRICS_TOKEN, bind METRICS_HOST to 127.0.0.1 or a private address, or firewall the port',
          }
        : { name: 'metrics', status: 'ok', detail: `served at ${url}${config.metricsToken ? ' (bearer token)' : ''}` },
    );
    return;
  }
  add({
    name: 'metrics',
    status: 'fail',
    detail: `${url} answered ${status}, not the service's metrics`,
    fix:
      status === 401
        ? 'the service runs with another METRICS_TOKEN: give doctor and the service the same one'
        : status === 404 && config.metricsPort === null
          ? 'the service at SERVICE_URL runs without METRICS_TOKEN: restart it with these settings'
          : 'another program holds that port, or the service runs with other settings: restart it with these',
  });
}
