// The database behind the collector: PGlite (embedded, a data directory) or a PostgreSQL server, both
// through `pg`, so there is one SQL dialect. Migrations run at start, in one transaction, in order.
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import m001 from './sql/001-responses.sql';
import m002 from './sql/002-analysis.sql';
import m003 from './sql/003-links.sql';
import m004 from './sql/004-order-counts.sql';
import m005 from './sql/005-facts.sql';
import m006 from './sql/006-patterns.sql';
import m007 from './sql/007-indexes.sql';

/** Numbered migrations: never edited once released, only added to. */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: '001-responses', sql: m001 },
  { version: 2, name: '002-analysis', sql: m002 },
  { version: 3, name: '003-links', sql: m003 },
  { version: 4, name: '004-order-counts', sql: m004 },
  { version: 5, name: '005-facts', sql: m005 },
  { version: 6, name: '006-patterns', sql: m006 },
  { version: 7, name: '007-indexes', sql: m007 },
];

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /** `name` makes it a prepared statement, planned once per connection (the ingest statement, on every batch). */
  query<R extends object = Record<string, unknown>>(text: string, params?: unknown[], name?: string): Promise<R[]>;
  /** Runs `fn` in a transaction on one connection. */
  transaction<T>(fn: (q: Database['query']) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class StartError extends Error {}

/** Errors that mean "the database cannot be reached now" (answered 503 with Retry-After), not a bad query. */
export function isUnavailable(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  const code = String(err?.code ?? '');
  return (
    /^(08|57P|53)/.test(code) ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN'].includes(code) ||
    /Connection terminated|timeout exceeded when trying to connect|connection is closed|Client has encountered a connection error/i.test(String(err?.message ?? ''))
  );
}

function wrapPool(pool: pg.Pool, kind: Database['kind'], onClose: () => Promise<void>): Database {
  const query: Database['query'] = async (text, params, name) => (await pool.query(name ? { name, text, values: params } : { text, values: params })).rows;
  return {
    kind,
    query,
    async transaction(fn) {
      const client = await pool.connect();
      let broken: unknown;
      try {
        await client.query('BEGIN');
        const out = await fn(async (text, params) => (await client.query(text, params)).rows);
        await client.query('COMMIT');
        return out;
      } catch (e) {
        broken = e;
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release(isUnavailable(broken) ? (broken as Error) : undefined);
      }
    },
    async close() {
      await pool.end().catch(() => undefined);
      await onClose();
    },
  };
}

/** A PostgreSQL server (14 or newer) at `url`. */
export async function openPostgres(url: string, { max = 10 } = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 3000, idleTimeoutMillis: 30000 });
  // An idle client whose server went away emits 'error' on the pool; unhandled, it would end the process.
  pool.on('error', () => undefined);
  return wrapPool(pool, 'postgres', async () => undefined);
}

/**
 * The embedded database in `dir`. PGlite takes no lock of its own and two processes on one
 * directory corrupt it, so the collector keeps `koubei.lock` there while it runs.
 */
export async function openPglite(dir: string): Promise<Database> {
  const path = resolve(dir);
  mkdirSync(path, { recursive: true });
  const release = takeLock(path);
  try {
    const [{ PGlite }, { createPgConfig }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite/node-postgres')]);
    const lite = await PGlite.create(join(path, 'pg'));
    const pool = new pg.Pool(createPgConfig(lite) as unknown as pg.PoolConfig);
    pool.on('error', () => undefined);
    return wrapPool(pool, 'pglite', async () => {
      await lite.close().catch(() => undefined);
      release();
    });
  } catch (e) {
    release();
    throw e;
  }
}

/** Takes `dir/koubei.lock` or explains who holds it; a lock whose process is gone is taken over. */
export function takeLock(dir: string): () => void {
  const lock = join(dir, 'koubei.lock');
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() });
  for (let attempt = 0; attempt < 3; attempt++) {
    const tmp = `${lock}.${process.pid}.${attempt}`;
    const fd = openSync(tmp, 'w');
    writeSync(fd, mine);
    closeSync(fd);
    try {
      linkSync(tmp, lock); // atomic: fails when the lock exists
      unlinkSync(tmp);
      return () => {
        try {
          if (readFileSync(lock, 'utf8') === mine) unlinkSync(lock);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      unlinkSync(tmp);
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let holder: { pid?: number; host?: string; startedAt?: string } = {};
    try {
      holder = JSON.parse(readFileSync(lock, 'utf8'));
    } catch {
      /* torn or empty: a process killed while writing it */
    }
    if (holder.pid && holder.host === hostname() && alive(holder.pid)) {
      throw new StartError(
        `the data directory ${dir} is in use by another collector (pid ${holder.pid}, since ${holder.startedAt}). ` +
          'The embedded database allows one process per directory: stop that collector, give this one another --data, ' +
          'or run several collectors against one PostgreSQL server with --database-url.',
      );
    }
    if (holder.pid && holder.host && holder.host !== hostname()) {
      throw new StartError(`the data directory ${dir} is locked by a collector on host ${holder.host} (pid ${holder.pid}); remove ${lock} only if that collector is stopped`);
    }
    rmSync(lock, { force: true }); // stale: its process is gone
  }
  throw new StartError(`could not take the lock ${lock}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A recycled pid: the holder was a Node process, so anything else is stale.
  try {
    return /node|koubei/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return true;
  }
}

/** Applies the migrations not yet applied, in one transaction; several collectors starting at once wait for each other. */
export async function migrate(db: Database): Promise<number[]> {
  return db.transaction(async (q) => {
    await q("SELECT pg_advisory_xact_lock(hashtext('koubei-migrations'))");
    await q('CREATE TABLE IF NOT EXISTS koubei_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await q<{ version: number }>('SELECT version FROM koubei_migrations')).map((r) => r.version));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await q(m.sql);
      await q('INSERT INTO koubei_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    const newest = Math.max(0, ...done);
    if (newest > Math.max(...MIGRATIONS.map((m) => m.version))) throw new StartError(`the database was migrated by a newer collector (version ${newest}); upgrade koubei`);
    return applied;
  });
}
