// The email NPS block without signing: what the script tag and the main
// module carry (a page must never hold a signing secret). Runs in Node and in
// the browser: no DOM, no Lit. Email clients run no scripts and strip <style>,
// so everything is a table with inline styles.
import en from '../i18n/en.js';
import { matchCatalogue } from '../i18n/locale.js';
import { format, type Messages } from '../i18n/messages.js';
import zhCN from '../i18n/zh-cn.js';
import zhTW from '../i18n/zh-tw.js';

export interface EmailNpsColors {
  /** Number text and link borders. Default #1d4ed8. */
  accent?: string;
  /** Question text. Default #1f2328. */
  text?: string;
  /** End labels. Default #4b5563. */
  muted?: string;
  /** Background of the fragment and of each score. Default #ffffff. */
  background?: string;
}

export interface EmailNpsOptions {
  /** The shop's survey page (absolute http(s) URL); each link adds `?nps=<score>` and `params`. */
  surveyUrl: string;
  /** Language of the texts: en, zh-CN, zh-TW (any Chinese tag maps by script); others fall back to en unless `messages` are given. */
  locale?: string;
  /** Named in the standard question. */
  brand?: string;
  /** Extra query parameters, e.g. { 'order-id': '{{order_id}}' }. Mailer placeholders ({{x}}, *|X|*, %%x%%) are kept as they are. */
  params?: Readonly<Record<string, string>>;
  /** The score parameter: the `name` of the survey page's `<koubei-nps>`. Default `nps`. */
  name?: string;
  question?: string;
  lowLabel?: string;
  highLabel?: string;
  colors?: EmailNpsColors;
  /** Texts for a language Koubei doesn't carry, or to override some. */
  messages?: Partial<Messages>;
  /** Signing is in `koubei/email` only (see SignedEmailNpsOptions there). */
  sign?: undefined;
}

/** Both variants: send `html` as the text/html part and `text` as the text/plain part of the email. */
export interface EmailNps {
  html: string;
  text: string;
  /** The eleven links, for score 0 to 10. */
  links: string[];
}

/** Mailer placeholders: {{x}}, *|X|*, %%x%% (the capture keeps them when splitting). */
export const PLACEHOLDER = /(\{\{[^{}]*\}\}|\*\|[^|]*\|\*|%%[^%]*%%)/;

// Placeholders must reach the mailer intact, so they are not percent-encoded.
const encode = (s: string) =>
  s
    .split(PLACEHOLDER)
    .map((part, i) => (i % 2 ? part : encodeURIComponent(part)))
    .join('');

/** Adds query parameters before any #fragment, keeping mailer placeholders unescaped. */
export function surveyLink(surveyUrl: string, params: readonly (readonly [string, string])[]): string {
  const at = surveyUrl.indexOf('#');
  const path = at < 0 ? surveyUrl : surveyUrl.slice(0, at);
  const hash = at < 0 ? '' : surveyUrl.slice(at);
  const sep = !path.includes('?') ? '?' : /[?&]$/.test(path) ? '' : '&';
  return path + sep + params.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&') + hash;
}

const catalogues: Record<string, Messages> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]);

const COLOR = /^(#[\da-f]{3,8}|[a-z]{3,20}|(rgb|hsl)a?\([\d\s.,%/]+\))$/i;

/** The options both renderers share; a TypeError naming the option. */
export function checkOptions(o: Omit<EmailNpsOptions, 'sign'>): void {
  let ok = false;
  try {
    ok = /^https?:$/.test(new URL(o.surveyUrl).protocol) && !/\s/.test(o.surveyUrl);
  } catch {
    ok = false;
  }
  if (!ok) throw new TypeError(`renderEmailNps: surveyUrl must be an absolute http(s) URL, got ${JSON.stringify(o.surveyUrl)}`);
  for (const [k, v] of Object.entries(o.colors ?? {})) {
    // A style attribute is CSS: only plain colour values, nothing that could add declarations.
    if (v !== undefined && !COLOR.test(v)) throw new TypeError(`renderEmailNps: colors.${k} must be a CSS colour such as #1d4ed8, got ${JSON.stringify(v)}`);
  }
  for (const [k, v] of Object.entries(o.params ?? {})) {
    if (!k || typeof v !== 'string') throw new TypeError(`renderEmailNps: params.${k || '""'} must be a non-empty name with a string value`);
    if (k === (o.name ?? 'nps')) throw new TypeError(`renderEmailNps: params.${k} would replace the score parameter`);
  }
}

const FONT = `-apple-system,BlinkMacSystemFont,'Segoe UI','PingFang SC','Hiragino Sans GB','Microsoft YaHei','Microsoft JhengHei',Arial,sans-serif`;

/**
 * An NPS question for an email: the localized question, eleven links (0–10,
 * one per score) to `surveyUrl` with the end labels under them, as an HTML
 * fragment (tables, inline styles only, no script, form or external CSS) and
 * as plain text. Throws a TypeError for a bad option. Unsigned: for signed
 * links, renderEmailNps of `koubei/email`, on a server.
 */
export function renderEmailNps(options: EmailNpsOptions): EmailNps {
  const u = options as EmailNpsOptions & { orderId?: unknown; surveyId?: unknown; sign?: unknown };
  if (u?.sign || u?.orderId !== undefined || u?.surveyId !== undefined) throw new TypeError('renderEmailNps: sign, orderId and surveyId need koubei/email, on a server (a secret in a page is public)');
  checkOptions(options);
  const name = options.name ?? 'nps';
  const extra = Object.entries(options.params ?? {});
  return renderBlock(options, Array.from({ length: 11 }, (_, n) => surveyLink(options.surveyUrl, [[name, String(n)], ...extra])));
}

/** The HTML and text around eleven links (score 0 to 10). */
export function renderBlock(options: Omit<EmailNpsOptions, 'sign'>, links: string[]): EmailNps {
  const base = catalogues[matchCatalogue(options.locale ?? 'en', Object.keys(catalogues))] ?? en;
  const m: Messages = { ...base, ...options.messages };
  const brand = options.brand?.trim() || m.npsBrandFallback;
  const question = options.question?.trim() || format(m.npsQuestion, { brand });
  const low = options.lowLabel?.trim() || m.npsLow;
  const high = options.highLabel?.trim() || m.npsHigh;
  const c = { accent: '#1d4ed8', text: '#1f2328', muted: '#4b5563', background: '#ffffff', ...options.colors };
  const rtl = m.$dir === 'rtl';
  const cell = (n: number) =>
    `<td align="center" width="9%" style="padding:0 2px;width:9%;"><a href="${escapeHtml(links[n])}" target="_blank" style="display:block;padding:10px 0;border:1px solid ${c.accent};border-radius:6px;background-color:${c.background};color:${c.accent};font-family:${FONT};font-size:16px;font-weight:bold;line-height:20px;text-align:center;text-decoration:none;">${n}</a></td>`;
  const label = (text: string, align: string) =>
    `<td align="${align}" style="padding:6px 2px 0;font-family:${FONT};font-size:13px;line-height:18px;color:${c.muted};text-align:${align};">${escapeHtml(text)}</td>`;
  const html =
    `<table role="presentation" lang="${escapeHtml(m.$lang)}" dir="${m.$dir}" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:560px;border-collapse:collapse;background-color:${c.background};">` +
    `<tr><td style="padding:16px 2px 12px;font-family:${FONT};font-size:18px;line-height:26px;font-weight:bold;color:${c.text};">${escapeHtml(question)}</td></tr>` +
    `<tr><td style="padding:0;"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;table-layout:fixed;"><tr>${links.map((_, n) => cell(n)).join('')}</tr></table></td></tr>` +
    `<tr><td style="padding:0 0 16px;"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;"><tr>${label(low, rtl ? 'right' : 'left')}${label(high, rtl ? 'left' : 'right')}</tr></table></td></tr>` +
    `</table>`;
  const text = [question, '', ...links.map((l, n) => `${n}${n === 0 ? ` (${low})` : n === 10 ? ` (${high})` : ''}: ${l}`)].join('\n') + '\n';
  return { html, text, links };
}
