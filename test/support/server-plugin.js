/**
 * A collector inside the test server: `/test-endpoint/<bucket>` records every
 * raw POST and answers with a status the test chose. Tests read the record
 * back with GET `/test-endpoint/<bucket>/received`.
 */
export function testServerPlugin() {
  const buckets = new Map();
  const bucket = (name) => {
    if (!buckets.has(name)) buckets.set(name, { received: [], status: 200 });
    return buckets.get(name);
  };
  return {
    name: 'koubei-test-endpoint',
    async serve(context) {
      const m = context.path.match(/^\/test-endpoint\/([\w-]+)(\/received|\/status\/(\d+))?$/);
      if (!m) return undefined;
      const b = bucket(m[1]);
      if (m[2] === '/received') return { body: JSON.stringify(b.received), type: 'json' };
      if (m[3]) {
        b.status = Number(m[3]);
        return { body: '{}', type: 'json' };
      }
      if (context.method === 'POST') {
        const raw = await new Promise((resolve) => {
          let data = '';
          context.req.on('data', (c) => (data += c));
          context.req.on('end', () => resolve(data));
        });
        b.received.push({ headers: context.headers, body: raw });
        context.status = b.status;
        return { body: JSON.stringify({ ok: b.status < 300 }), type: 'json' };
      }
      return undefined;
    },
  };
}
