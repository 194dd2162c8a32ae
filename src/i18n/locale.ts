/** Built-in catalogues and those that load on demand. */
export type BuiltinLocale = 'en' | 'zh-CN' | 'zh-TW';
export const LAZY_LOCALES = ['ja', 'ko'] as const;

const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ku', 'sd', 'ug']);

function maximize(tag: string): Intl.Locale | undefined {
  try {
    const loc = new Intl.Locale(tag);
    return typeof loc.maximize === 'function' ? loc.maximize() : loc;
  } catch {
    return undefined;
  }
}

/**
 * Maps any Chinese tag to zh-CN or zh-TW by script: zh-HK, zh-MO and zh-Hant
 * are Traditional; zh, zh-SG and zh-Hans are Simplified.
 */
export function chineseVariant(tag: string): 'zh-CN' | 'zh-TW' {
  const script = maximize(tag)?.script;
  if (script) return script === 'Hant' ? 'zh-TW' : 'zh-CN';
  return /-(hant|tw|hk|mo)\b/i.test(tag) ? 'zh-TW' : 'zh-CN';
}

export function languageOf(tag: string): string {
  return tag.split(/[-_]/)[0].toLowerCase();
}

export function directionOf(tag: string): 'ltr' | 'rtl' {
  const max = maximize(tag);
  if (max?.script) return ['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg'].includes(max.script) ? 'rtl' : 'ltr';
  return RTL.has(languageOf(tag)) ? 'rtl' : 'ltr';
}

/**
 * The catalogue key for a language tag among those available: an exact
 * (case-insensitive) match first, then Chinese by script, then the bare
 * language, else `en`.
 */
export function matchCatalogue(tag: string, available: Iterable<string>): string {
  const list = [...available];
  const lower = tag.toLowerCase();
  const exact = list.find((k) => k.toLowerCase() === lower);
  if (exact) return exact;
  const lang = languageOf(tag);
  if (lang === 'zh') return chineseVariant(tag);
  return list.find((k) => k.toLowerCase() === lang) ?? list.find((k) => languageOf(k) === lang) ?? 'en';
}

/** The nearest value of an attribute on the element or an ancestor, crossing shadow roots. */
export function closestAttr(el: Element, name: string): string | undefined {
  let node: Node | null = el;
  while (node) {
    if (node instanceof Element) {
      const v = node.getAttribute(name);
      if (v) return v;
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return undefined;
}

/**
 * The language an element speaks: its own `lang`, else the nearest ancestor
 * `lang` (crossing shadow roots), else `<html lang>`, else the first of the
 * browser's languages that `supported` accepts (else its first), else en.
 */
export function resolveLang(el: Element, supported: (tag: string) => boolean = () => true): string {
  const own = closestAttr(el, 'lang');
  if (own) return own;
  const nav = typeof navigator !== 'undefined' ? [...(navigator.languages ?? []), navigator.language].filter(Boolean) : [];
  return nav.find(supported) ?? nav[0] ?? 'en';
}

/** The nearest explicit `dir` (crossing shadow roots), or undefined. */
export function resolveDir(el: Element): 'ltr' | 'rtl' | undefined {
  const dir = closestAttr(el, 'dir')?.toLowerCase();
  return dir === 'ltr' || dir === 'rtl' ? dir : undefined;
}
