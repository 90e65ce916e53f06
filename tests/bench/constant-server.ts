// The yardstick: a Fastify route that returns a constant, on the same machine, in the same run.
import Fastify from 'fastify';

const app = Fastify({ logger: false, bodyLimit: 64 * 1024 * 1024 });
app.get('/const', async () => ({ ok: true }));
// The same bytes as a real list page, to show what the payload alone costs (the payload floor):
// POST a page's JSON to /page/<name>, then GET it back as it was sent, kept as bytes as the service
// keeps a reused page. /page is the page named ''.
const pages = new Map<string, Buffer>();
app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
app.post<{ Params: { name?: string }; Body: string }>('/page/:name?', async (req) => {
  pages.set(req.params.name ?? '', Buffer.from(req.body));
  return { ok: true };
});
app.get<{ Params: { name?: string } }>('/page/:name?', async (req, reply) =>
  reply.type('application/json; charset=utf-8').send(pages.get(req.params.name ?? '') ?? Buffer.from('{}')),
);
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
