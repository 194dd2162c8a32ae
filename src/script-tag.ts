/**
 * What a page needs to ask and deliver: the elements (defined on import), delivery, scoring, the
 * schemas and the languages. The script tag (iife.ts) is exactly this; index.ts adds the email
 * renderer and summarize, which a mailer and a report use from `koubei`, `koubei/email` and
 * `koubei/scoring`.
 */
import { requireChoice, watchChoice } from './components/choice/lazy.js';
import { KoubeiLikert } from './components/likert/likert.js';
import { KoubeiNps } from './components/nps/nps.js';
import { KoubeiSurvey } from './components/survey/survey.js';
import { KoubeiText } from './components/text/text.js';
import { define } from './define.js';
import { setLocaleBase } from './i18n/catalogue.js';

export { KoubeiSurvey } from './components/survey/survey.js';
export { KoubeiNps } from './components/nps/nps.js';
export { KoubeiLikert } from './components/likert/likert.js';
export { KoubeiText } from './components/text/text.js';
export { FormControl } from './components/base/form-control.js';
export type { SurveyQuestion } from './components/base/form-control.js';
export { define } from './define.js';
import { installOutbox } from './outbox/index.js';
export { submit, flush, pending, deadLetters, outbox } from './outbox/index.js';
export type { SubmitOptions, DeadLetter, OutboxRecord, StorageMode } from './outbox/index.js';
// The browser validates with schema-lite (zod-free; test/node/schema-lite.test.js proves the two agree); index.ts
// gives `koubei` zod's schemas instead.
export { responseSchema, batchSchema, scoreSchema, SCHEMA_VERSION, formatSchemaError } from './schema-lite.js';
export type { KoubeiResponse, KoubeiResponseInput, KoubeiBatch } from './schema.js';
export * from './scoring/types.js';
export { graphemeLength } from './scoring/graphemes.js';
export { scoreResponse, scoreNps, scoreLikert, scoreText, scoreChoice, npsCategory, isNpsValue, isLikertValue } from './scoring/score.js';
export { wilsonInterval, npsMarginOfError } from './scoring/stats.js';
export { addMessages, loadLocale, format } from './i18n/index.js';
export type { Messages, MessageKey } from './i18n/index.js';
export type { SkipReason } from './placement/frequency.js';
export type { KoubeiErrorDetail, KoubeiEventMap, ErrorReason } from './events.js';

/** Defines every Koubei tag not yet defined (importing this module already has). */
export function defineAll(): void {
  define('koubei-survey', KoubeiSurvey);
  define('koubei-nps', KoubeiNps);
  define('koubei-likert', KoubeiLikert);
  define('koubei-text', KoubeiText);
}

setLocaleBase(import.meta.url);
defineAll();
// <koubei-choice> loads on demand (components/choice/lazy.ts); a survey that holds one waits for it to set up.
KoubeiSurvey.loadQuestions = requireChoice;
watchChoice();
// Delivery: responses an earlier page left are sent after load; hidden or leaving, the page sends with keepalive.
installOutbox();
