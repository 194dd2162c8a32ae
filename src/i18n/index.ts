// What the entries (script-tag.ts, nps.ts) export of i18n; the modules import the rest from its own file.
export type { Messages, MessageKey } from './messages.js';
export { format } from './messages.js';
export { addMessages, loadLocale } from './catalogue.js';
