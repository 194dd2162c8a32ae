// The report's catalogues load on demand, one small module per language beside the script
// (dist/report-locales/), so dist/report.js stays within its budget with all three languages; the
// load runs in parallel with the first requests to the collector.
import type { ReportKey, ReportMessages } from './messages.js';

export type { ReportKey, ReportMessages };
export type ReportLocale = 'en' | 'zh-CN' | 'zh-TW';

// Static specifiers: rollup turns each into a file of dist/report-locales/ (see rollup.config.js), the
// test runner and bundlers follow them to the sources.
const LOADERS: Record<ReportLocale, () => Promise<{ default: ReportMessages }>> = {
  en: () => import('./en.js'),
  'zh-CN': () => import('./zh-cn.js'),
  'zh-TW': () => import('./zh-tw.js'),
};
const loaded = new Map<ReportLocale, ReportMessages>();
const loading = new Map<ReportLocale, Promise<ReportMessages>>();

/**
 * Which catalogue a language tag reads: Chinese by script (zh-TW, zh-HK, zh-MO and zh-Hant read zh-TW;
 * zh, zh-CN, zh-SG and zh-Hans zh-CN, as the survey's matchCatalogue does), anything else English.
 * Smaller than matchCatalogue, which the report's size budget cannot carry.
 */
export const reportLocale = (tag: string): ReportLocale =>
  /^zh\b/i.test(tag) ? (/-(hant|tw|hk|mo)\b/i.test(tag) && !/-hans\b/i.test(tag) ? 'zh-TW' : 'zh-CN') : 'en';

/** The catalogue if it is loaded already (else undefined: call {@link loadReportMessages}). */
export const reportMessagesNow = (tag: string): ReportMessages | undefined => loaded.get(reportLocale(tag));

/** Loads a language's catalogue once; a failed load is forgotten so a retry tries again. */
export function loadReportMessages(tag: string): Promise<ReportMessages> {
  const key = reportLocale(tag);
  let p = loading.get(key);
  if (!p) {
    p = LOADERS[key]().then(
      (mod) => {
        loaded.set(key, mod.default);
        return mod.default;
      },
      (e: unknown) => {
        loading.delete(key);
        throw e;
      },
    );
    loading.set(key, p);
  }
  return p;
}

/** One message with its `{name}` placeholders filled. */
export const t = (m: ReportMessages, key: ReportKey, params: Record<string, string | number> = {}): string =>
  m[key].replace(/\{(\w+)\}/g, (x, k: string) => (k in params ? String(params[k]) : x));
