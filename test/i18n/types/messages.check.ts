// Checked by `tsc -p test/i18n/types` (test/node/i18n-types.test.js): every
// `@ts-expect-error` below must be an error, so a catalogue with a missing or
// misspelled key, or a shop message of the wrong type, does not compile.
/// <reference path="../../../src/iife.ts" />
import type { Messages } from '../../../src/i18n/messages.js';
import en from '../../../src/i18n/en.js';
import { addMessages } from '../../../src/index.js';
import type * as KoubeiModule from '../../../src/index.js';

// A complete catalogue compiles.
export const full: Messages = { ...en, $lang: 'fr', npsLow: 'Pas du tout probable' };

// A catalogue missing a key does not.
const { npsLow: _dropped, ...withoutNpsLow } = en;
// @ts-expect-error npsLow is missing
export const missing: Messages = { ...withoutNpsLow };

// @ts-expect-error $dir must be 'ltr' or 'rtl'
export const badDir: Messages = { ...en, $dir: 'up' };

// A shop's partial messages: known keys with strings only.
addMessages('fr', { npsLow: 'Pas du tout probable', submit: 'Envoyer' });
// @ts-expect-error misspelled key
addMessages('fr', { npsLowe: 'Pas du tout probable' });
// @ts-expect-error a message is a string
addMessages('fr', { submit: 42 });

// The same through the script-tag global.
declare const Koubei: typeof KoubeiModule;
Koubei.addMessages('fr', { thankYou: 'Merci !' });
// @ts-expect-error unknown key through window.Koubei
Koubei.addMessages('fr', { thanks: 'Merci !' });
window.Koubei.addMessages('de', { submit: 'Absenden' });
// @ts-expect-error wrong type through window.Koubei
window.Koubei.addMessages('de', { submit: null });
