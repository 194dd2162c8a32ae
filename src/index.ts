/**
 * Koubei: importing this module defines <koubei-survey>, <koubei-nps>,
 * <koubei-likert>, <koubei-text> and <koubei-choice>.
 */
// Features as chunks a bundler splits off (features.ts), installed before script-tag.ts defines the elements.
import './features-chunks.js';
export * from './script-tag.js';
// zod's schemas, which compose into a shop's own zod schemas (the script tag's are schema-lite's): a named export
// takes the place of script-tag.js's.
export { responseSchema, batchSchema, scoreSchema, SCHEMA_VERSION, formatSchemaError } from './schema.js';
import { KoubeiChoice } from './components/choice/choice.js';
import { define } from './define.js';
export { KoubeiChoice };
// Here <koubei-choice> is an ordinary import (the script tag loads it on demand).
define('koubei-choice', KoubeiChoice);
export { summarize } from './scoring/summarize.js';
export type { Summary, QuestionSummary, NpsSummary, LikertSummary, TextSummary, ChoiceSummary, Scored } from './scoring/summarize.js';
// An outbox of one's own (another database, limits, fakes in a test); the page's is `outbox`.
export { createOutbox } from './outbox/outbox.js';
// The page's outbox replaced by one of the page's own (not in the script tag, which needs none).
export { setPageOutbox } from './outbox/index.js';
export type { Outbox, OutboxOptions, OutboxCounters, Clock, Locks, Channel, FetchAnswer } from './outbox/outbox.js';
export { createStorage, memoryStorage } from './outbox/store.js';
export type { OutboxStorage, StorageOptions } from './outbox/store.js';
export type { OutboxConfig } from './outbox/config.js';
export { renderEmailNps } from './email/render-email.js';
export type { EmailNps, EmailNpsOptions, EmailNpsColors } from './email/render-email.js';
