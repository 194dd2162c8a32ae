// The collector's settings: one shape for `createCollector(options)` and the command's flags, checked
// in one place so a bad value is refused with a message naming it, at start, not at the first request.

export interface CollectorOptions {
  /** The embedded database's directory (PGlite). Default `./koubei-data`. Ignored with `databaseUrl`. */
  data?: string;
  /** A PostgreSQL 14+ server, e.g. `postgres://user:pass@host:5432/db`. */
  databaseUrl?: string;
  /** `listen()`'s defaults: 8787 on 127.0.0.1. */
  port?: number;
  host?: string;
  /** Origins whose pages may post (and read the admin routes): `https://shop.example`; `*` for any. */
  allowOrigins?: readonly string[];
  /** Bearer token of the admin routes; without one they answer 503. */
  adminToken?: string;
  /** Responses older than this many days are deleted, at start and daily. Default 730. */
  retentionDays?: number;
  /** A webhook for responses that need follow-up, and its signing secret. */
  notifyUrl?: string;
  notifySecret?: string;
  /** Delay before the webhook's first retry, in seconds, doubling up to 6 h. Default 30. */
  notifyBackoffSeconds?: number;
  /** Secrets of signed email links, by key id (`{ k2026: '…' }`); several for rotation. Responses claiming a link are verified. */
  linkSecrets?: Readonly<Record<string, string>>;
  /** Largest body accepted, in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Requests per client per minute on POST /v1/responses; 0 turns the limit off. Default 600. */
  rateLimit?: number;
  /** Take the client's address from X-Forwarded-For (behind a proxy or load balancer you run). */
  trustProxy?: boolean;
  /** One JSON object per event (no tokens, no answers, no personal data); `false` for none. Default: a line on stderr. */
  log?: ((event: Record<string, unknown>) => void) | false;
}

export interface Settings {
  data: string;
  databaseUrl?: string;
  port: number;
  host: string;
  allowOrigins: Set<string>;
  adminToken?: string;
  retentionDays: number;
  notifyUrl?: string;
  notifySecret?: string;
  notifyBackoffSeconds: number;
  linkSecrets?: Record<string, string>;
  maxBodyBytes: number;
  rateLimit: number;
  trustProxy: boolean;
  log: (event: Record<string, unknown>) => void;
}

export class OptionError extends Error {}

const wholeNumber = (name: string, v: unknown, min: number, max: number): number => {
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) throw new OptionError(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(v)}`);
  return n;
};

function httpUrl(name: string, v: string): string {
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new OptionError(`${name} must be an absolute http(s) URL, got "${v}"`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new OptionError(`${name} must be an http(s) URL, got "${v}"`);
  return v;
}

/** An origin is scheme://host[:port], nothing else: `https://shop.example/` with a path would never match. */
function origin(v: string): string {
  if (v === '*') return v;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new OptionError(`allowOrigin must be an origin such as https://shop.example, got "${v}"`);
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.origin !== v.replace(/\/$/, '')) {
    throw new OptionError(`allowOrigin must be an origin such as https://shop.example (scheme and host, no path), got "${v}"`);
  }
  return u.origin;
}

const jsonLog = (event: Record<string, unknown>) => process.stderr.write(JSON.stringify({ time: new Date().toISOString(), ...event }) + '\n');

export function resolveSettings(o: CollectorOptions = {}): Settings {
  const known = ['data', 'databaseUrl', 'port', 'host', 'allowOrigins', 'adminToken', 'retentionDays', 'notifyUrl', 'notifySecret', 'notifyBackoffSeconds', 'linkSecrets', 'maxBodyBytes', 'rateLimit', 'trustProxy', 'log'];
  for (const k of Object.keys(o)) if (!known.includes(k)) throw new OptionError(`unknown option "${k}"; the options are ${known.join(', ')}`);
  const str = (name: string, v: unknown) => {
    if (v !== undefined && (typeof v !== 'string' || v === '')) throw new OptionError(`${name} must be a non-empty string`);
    return v as string | undefined;
  };
  const databaseUrl = str('databaseUrl', o.databaseUrl);
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new OptionError('databaseUrl must be a postgres:// URL');
  const adminToken = str('adminToken', o.adminToken);
  if (adminToken !== undefined && adminToken.length < 16) throw new OptionError('adminToken must be at least 16 characters (make one with: openssl rand -hex 24)');
  const notifyUrl = str('notifyUrl', o.notifyUrl);
  if (notifyUrl) httpUrl('notifyUrl', notifyUrl);
  const notifySecret = str('notifySecret', o.notifySecret);
  if (notifySecret && !notifyUrl) throw new OptionError('notifySecret is given without notifyUrl');
  if (o.allowOrigins !== undefined && !Array.isArray(o.allowOrigins)) throw new OptionError('allowOrigins must be an array of origins');
  if (o.log !== undefined && o.log !== false && typeof o.log !== 'function') throw new OptionError('log must be a function or false');
  if (o.trustProxy !== undefined && typeof o.trustProxy !== 'boolean') throw new OptionError('trustProxy must be true or false');
  let linkSecrets: Record<string, string> | undefined;
  if (o.linkSecrets !== undefined) {
    if (typeof o.linkSecrets !== 'object' || o.linkSecrets === null || Array.isArray(o.linkSecrets)) throw new OptionError('linkSecrets must be an object of key id → secret');
    linkSecrets = {};
    for (const [kid, secret] of Object.entries(o.linkSecrets)) {
      if (!/^[\w.-]{1,64}$/.test(kid)) throw new OptionError(`linkSecrets: the key id "${kid}" must be 1-64 letters, digits, _ . or -`);
      if (typeof secret !== 'string' || new TextEncoder().encode(secret).length < 16) throw new OptionError(`linkSecrets: the secret of key id "${kid}" must be at least 16 bytes`);
      linkSecrets[kid] = secret;
    }
    if (!Object.keys(linkSecrets).length) throw new OptionError('linkSecrets is empty');
  }
  return {
    data: str('data', o.data) ?? './koubei-data',
    databaseUrl,
    port: o.port === undefined ? 8787 : wholeNumber('port', o.port, 0, 65535),
    host: str('host', o.host) ?? '127.0.0.1',
    allowOrigins: new Set((o.allowOrigins ?? []).map(origin)),
    adminToken,
    retentionDays: o.retentionDays === undefined ? 730 : wholeNumber('retentionDays', o.retentionDays, 1, 36500),
    notifyUrl,
    notifySecret,
    notifyBackoffSeconds: o.notifyBackoffSeconds === undefined ? 30 : wholeNumber('notifyBackoffSeconds', o.notifyBackoffSeconds, 1, 86400),
    linkSecrets,
    maxBodyBytes: o.maxBodyBytes === undefined ? 1024 * 1024 : wholeNumber('maxBodyBytes', o.maxBodyBytes, 1024, 64 * 1024 * 1024),
    rateLimit: o.rateLimit === undefined ? 600 : wholeNumber('rateLimit', o.rateLimit, 0, 10_000_000),
    trustProxy: o.trustProxy ?? false,
    log: o.log === false ? () => undefined : (o.log ?? jsonLog),
  };
}
