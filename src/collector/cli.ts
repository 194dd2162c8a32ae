// `npx koubei collector`: flags and environment → createCollector → listen, until SIGINT or SIGTERM.
import { parseArgs } from 'node:util';
import { createCollector, type Collector } from './collector.js';
import { OptionError, resolveSettings, type CollectorOptions } from './options.js';

export const COLLECTOR_USAGE = `Usage: koubei collector [options]

Receives the surveys' responses (POST /v1/responses) and serves the admin routes.
Stores them in an embedded PostgreSQL (PGlite) in --data, or in a PostgreSQL server.

Options:
  --port <n>               Port (default 8787)
  --host <addr>            Interface (default 127.0.0.1; 0.0.0.0 for every interface)
  --data <dir>             Embedded database directory (default ./koubei-data)
  --database-url <url>     PostgreSQL 14+ server instead (env DATABASE_URL)
  --allow-origin <origin>  A shop origin whose pages may post, repeatable
                           (env KOUBEI_ALLOW_ORIGINS, comma-separated)
  --admin-token <token>    Bearer token of the admin routes (env KOUBEI_ADMIN_TOKEN;
                           the environment keeps it out of the process list)
  --retention-days <n>     Delete responses older than this (default 730)
  --notify-url <url>       Webhook for responses that need a call back (env KOUBEI_NOTIFY_URL)
  --notify-secret <s>      Signs the webhook (env KOUBEI_NOTIFY_SECRET)
  --link-secret <kid=secret>
                           Verifies signed email links (koubei/email signLink), repeatable for
                           rotation (env KOUBEI_LINK_SECRET, comma-separated kid=secret pairs)
  --max-body <bytes>       Largest accepted body (default 1048576)
  --rate-limit <n>         POSTs per client per minute, 0 for no limit (default 600)
  --trust-proxy            Client address from X-Forwarded-For (behind your own proxy)
  --quiet                  No log lines
  -h, --help               This help
`;

/** Options from flags, then the environment; a flag wins. Throws OptionError for a bad flag. */
export function optionsFromArgs(args: string[], env: NodeJS.ProcessEnv = process.env): CollectorOptions & { help?: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        'database-url': { type: 'string' },
        'allow-origin': { type: 'string', multiple: true },
        'admin-token': { type: 'string' },
        'retention-days': { type: 'string' },
        'notify-url': { type: 'string' },
        'notify-secret': { type: 'string' },
        'link-secret': { type: 'string', multiple: true },
        'max-body': { type: 'string' },
        'rate-limit': { type: 'string' },
        'trust-proxy': { type: 'boolean' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new OptionError(String((e as Error).message));
  }
  if (values.help) return { help: true };
  const num = (flag: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v)) throw new OptionError(`${flag} must be a whole number, got "${v}"`);
    return Number(v);
  };
  const origins = values['allow-origin'] ?? (env.KOUBEI_ALLOW_ORIGINS ? env.KOUBEI_ALLOW_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean) : undefined);
  const pairs = values['link-secret'] ?? (env.KOUBEI_LINK_SECRET ? env.KOUBEI_LINK_SECRET.split(',').map((p) => p.trim()).filter(Boolean) : undefined);
  let linkSecrets: Record<string, string> | undefined;
  if (pairs) {
    linkSecrets = {};
    for (const p of pairs) {
      const i = p.indexOf('=');
      // Never repeat the value: it is a secret.
      if (i < 1 || i === p.length - 1) {
        const from = values['link-secret'] ? '--link-secret' : 'KOUBEI_LINK_SECRET (comma-separated pairs)';
        throw new OptionError(`${from} must be kid=secret (a key id, "=", the secret)`);
      }
      linkSecrets[p.slice(0, i)] = p.slice(i + 1);
    }
  }
  const opts: CollectorOptions = {
    port: num('--port', values.port),
    host: values.host,
    data: values.data,
    databaseUrl: values['database-url'] ?? (env.DATABASE_URL || undefined),
    allowOrigins: origins,
    adminToken: values['admin-token'] ?? (env.KOUBEI_ADMIN_TOKEN || undefined),
    retentionDays: num('--retention-days', values['retention-days']),
    notifyUrl: values['notify-url'] ?? (env.KOUBEI_NOTIFY_URL || undefined),
    notifySecret: values['notify-secret'] ?? (env.KOUBEI_NOTIFY_SECRET || undefined),
    linkSecrets,
    maxBodyBytes: num('--max-body', values['max-body']),
    rateLimit: num('--rate-limit', values['rate-limit']),
    trustProxy: values['trust-proxy'],
    log: values.quiet ? false : undefined,
  };
  for (const k of Object.keys(opts) as (keyof CollectorOptions)[]) if (opts[k] === undefined) delete opts[k];
  // Flag names in messages, not option names.
  try {
    resolveSettings(opts);
  } catch (e) {
    throw new OptionError(flagNames(String((e as Error).message)));
  }
  return opts;
}

const FLAGS: Record<string, string> = {
  databaseUrl: '--database-url',
  allowOrigin: '--allow-origin',
  adminToken: '--admin-token',
  retentionDays: '--retention-days',
  notifyUrl: '--notify-url',
  notifySecret: '--notify-secret',
  maxBodyBytes: '--max-body',
  linkSecrets: '--link-secret',
  rateLimit: '--rate-limit',
  port: '--port',
};
const flagNames = (m: string) => m.replace(/^(\w+)/, (w) => FLAGS[w] ?? w);

/** A log line as the collector writes them (options.ts): one JSON object, with its time. */
const logLine = (event: Record<string, unknown>) => process.stderr.write(JSON.stringify({ time: new Date().toISOString(), ...event }) + '\n');

/**
 * Runs the command; resolves with the exit code for --help and bad flags (2: what is wrong and the usage, as text for
 * the person who typed them), else runs until a signal. From the start on, what it says is JSON log lines.
 */
export async function runCli(args: string[]): Promise<number> {
  let opts;
  try {
    opts = optionsFromArgs(args);
  } catch (e) {
    process.stderr.write(`koubei collector: ${(e as Error).message}\n\n${COLLECTOR_USAGE}`);
    return 2;
  }
  if (opts.help) {
    process.stdout.write(COLLECTOR_USAGE);
    return 0;
  }
  const log = opts.log === false ? () => undefined : logLine;
  let collector: Collector | undefined;
  const started = (async () => {
    collector = await createCollector(opts);
    await collector.listen();
    return collector;
  })();
  // Listened for before the start is done: a SIGTERM right after the listen line ended the process unlogged.
  const stop = (signal: string) => {
    log({ event: 'stop', signal });
    started
      .then((c) => c.close())
      .then(
        () => process.exit(0),
        (e) => {
          log({ event: 'stop.error', message: String((e as Error)?.message ?? e) });
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  try {
    await started;
  } catch (e) {
    // Said even with --quiet: it is why the process exits 1.
    logLine({ event: 'start.error', message: String((e as Error)?.message ?? e) });
    await (collector as Collector | undefined)?.close().catch(() => undefined);
    return 1;
  }
  return new Promise<number>(() => undefined);
}
