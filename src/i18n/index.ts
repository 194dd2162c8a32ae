export type { Messages, MessageKey } from './messages.js';
export { format } from './messages.js';
export { addMessages, loadLocale, messagesFor, setLocaleBase } from './catalogue.js';
export { resolveLang, resolveDir, chineseVariant, matchCatalogue, directionOf } from './locale.js';
export { LocalizeController } from './controller.js';
