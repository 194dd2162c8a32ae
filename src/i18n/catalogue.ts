import en from './en.js';
import type { Messages } from './messages.js';
import { directionOf, LAZY_LOCALES, languageOf, matchCatalogue } from './locale.js';
import zhCN from './zh-cn.js';
import zhTW from './zh-tw.js';

const catalogues = new Map<string, Messages>([
  ['en', en],
  ['zh-CN', zhCN],
  ['zh-TW', zhTW],
]);
const loading = new Map<string, Promise<Messages | undefined>>();
const listeners = new Set<() => void>();

/** Where on-demand files (catalogues, feature chunks) live: set from the script's own URL. */
let localeBase: string | URL | undefined;
export function setLocaleBase(url: string | URL | undefined): void {
  localeBase = url;
}

/** A file beside the script, e.g. `./locales/ja.js`. */
export const assetUrl = (path: string): string => new URL(path, localeBase ?? document.baseURI).href;

/** Whether a language has messages: built in, added by the shop, or loadable. */
export function hasMessages(tag: string): boolean {
  const lang = languageOf(tag);
  if (lang === 'zh' || (LAZY_LOCALES as readonly string[]).includes(lang)) return true;
  return [...catalogues.keys()].some((k) => languageOf(k) === lang);
}

/** The languages there are messages for: built in, added by the shop, and those loaded on demand. */
export function availableLanguages(): string[] {
  return [...new Set([...catalogues.keys(), ...LAZY_LOCALES])];
}

/** Re-render every element when a catalogue arrives. */
export function onCataloguesChanged(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function changed() {
  for (const fn of listeners) fn();
}

/**
 * Adds or overrides a language. Keys left out fall back to English, so a shop
 * can translate only what it shows; in TypeScript the object is checked
 * against `Messages`.
 */
export function addMessages(lang: string, messages: Partial<Messages>): void {
  const base = catalogues.get(lang) ?? en;
  catalogues.set(lang, { ...base, $dir: directionOf(lang), ...messages, $lang: lang });
  changed();
}

/** Loads an on-demand language (ja, ko) from beside the script. */
export function loadLocale(lang: string): Promise<Messages | undefined> {
  const key = LAZY_LOCALES.find((l) => l === lang.toLowerCase());
  if (!key) return Promise.resolve(catalogues.get(lang));
  if (catalogues.has(key)) return Promise.resolve(catalogues.get(key));
  let p = loading.get(key);
  if (!p) {
    const url = assetUrl(`./locales/${key}.js`);
    p = import(/* @vite-ignore */ url).then(
      (m: { default: Messages }) => {
        catalogues.set(key, m.default);
        changed();
        return m.default;
      },
      (err: unknown) => {
        console.warn(`[koubei] could not load the "${key}" messages from ${url}; using English.`, err);
        return undefined;
      },
    );
    loading.set(key, p);
  }
  return p;
}

/**
 * The catalogue for a language tag. An on-demand language not loaded yet
 * starts loading and English stands in until it arrives.
 */
export function messagesFor(tag: string): Messages {
  const lower = tag.toLowerCase();
  const lazy = LAZY_LOCALES.find((l) => lower === l || lower.startsWith(`${l}-`));
  if (lazy && !catalogues.has(lazy)) {
    void loadLocale(lazy);
    return catalogues.get('en')!;
  }
  return catalogues.get(matchCatalogue(tag, catalogues.keys())) ?? en;
}
