// The yardstick: a Fastify route that returns a constant, on the same machine, in the same run.
import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 });
app.get('/const', async () => ({ ok: true }));
// The same bytes as a real list page, to show what the payload alone costs.
let page: string | null = null;
app.post('/page', async (req) => {
  page = JSON.stringify(req.body);
  return { ok: true };
});
app.get('/page', async (_req, reply) => reply.type('application/json; charset=utf-8').send(page ?? '{}'));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
