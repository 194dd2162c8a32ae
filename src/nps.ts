/**
 * koubei/nps: <koubei-survey> and <koubei-nps> with delivery, for a shop that
 * asks only the NPS question (budget 15 KB gzip, see scripts/size.js).
 * Importing this module defines the two tags.
 */
import { KoubeiNps } from './components/nps/nps.js';
import { KoubeiSurvey } from './components/survey/survey.js';
import { define } from './define.js';
import { setLocaleBase } from './i18n/catalogue.js';

export { KoubeiSurvey, KoubeiNps, define };
import { installOutbox } from './outbox/index.js';
export { submit, flush, pending } from './outbox/index.js';
export type { SubmitOptions } from './outbox/index.js';
export { addMessages, loadLocale } from './i18n/index.js';
export type { KoubeiResponse } from './schema.js';
export type { KoubeiErrorDetail, KoubeiEventMap } from './events.js';

setLocaleBase(import.meta.url);
define('koubei-survey', KoubeiSurvey);
define('koubei-nps', KoubeiNps);
installOutbox();
