// `npm start`: the demo pages, served on 127.0.0.1, with the collector at /api/feedback.
import { createCollector } from './demo/collector.js';

// KOUBEI_DEMO_DATA points the store elsewhere (the end-to-end test uses a temp file).
const collector = createCollector({ file: process.env.KOUBEI_DEMO_DATA || undefined });

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

export default {
  hostname: '127.0.0.1',
  port: Number(process.env.PORT) || 8000,
  rootDir: '.',
  middleware: [
    async function feedback(ctx, next) {
      if (ctx.path === '/api/feedback' && ctx.method === 'POST') {
        if (collector.mode === 'offline') {
          ctx.req.socket.destroy();
          return;
        }
        const raw = await readBody(ctx.req);
        if (collector.mode === 'fail') {
          ctx.status = 503;
          ctx.set('Retry-After', '5');
          ctx.body = { error: 'simulated failure' };
          return;
        }
        const answer = collector.receive(raw);
        ctx.status = answer.status;
        ctx.body = answer.body;
        return;
      }
      if (ctx.path === '/api/feedback' && ctx.method === 'GET') {
        ctx.body = { responses: collector.responses(), summary: collector.summary(), mode: collector.mode };
        return;
      }
      if (ctx.path === '/api/collector-mode' && ctx.method === 'POST') {
        try {
          collector.setMode(JSON.parse(await readBody(ctx.req)).mode);
          ctx.body = { mode: collector.mode };
        } catch (e) {
          ctx.status = 400;
          ctx.body = { error: String(e.message) };
        }
        return;
      }
      return next();
    },
  ],
};
