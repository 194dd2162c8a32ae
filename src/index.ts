/**
 * Koubei: importing this module defines <koubei-survey>, <koubei-nps>,
 * <koubei-likert> and <koubei-text>.
 */
export * from './script-tag.js';
export { summarize } from './scoring/summarize.js';
export type { Summary, QuestionSummary, NpsSummary, LikertSummary, TextSummary, Scored } from './scoring/summarize.js';
export { renderEmailNps } from './email/render-email.js';
export type { EmailNps, EmailNpsOptions, EmailNpsColors } from './email/render-email.js';
