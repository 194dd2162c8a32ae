/**
 * Koubei Collector (`koubei/collector`, Node only): receives the outbox's batches, keeps each response
 * once at its highest revision, redacts open text before it is stored, and serves the shop's admin
 * routes. A Node `(req, res)` handler over one SQL dialect: PGlite embedded, or a PostgreSQL server.
 */
export { createCollector, type Collector } from './collector.js';
export type { CollectorOptions } from './options.js';
export { OptionError } from './options.js';
export { StartError } from './db.js';
export { signPayload, verifySignature } from './notifier.js';
export { runCli } from './cli.js';
