import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ConfigReporter } from '../events.js';
import { availableLanguages, hasMessages, messagesFor, onCataloguesChanged } from './catalogue.js';
import { closestAttr, directionOf, resolveDir, resolveLang } from './locale.js';
import { format, type MessageKey, type Messages } from './messages.js';

type Host = ReactiveControllerHost & HTMLElement;

const hosts = new Set<LocalizeController>();
let observer: MutationObserver | undefined;
let observedRoots = new WeakSet<ShadowRoot>();
const WATCHED = { attributes: true, attributeFilter: ['lang', 'dir', 'theme'], subtree: true };

/** A document observer does not see inside shadow roots: watch each one a host sits in. */
function watchShadowRoots(host: Node) {
  for (let root = host.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) {
    if (observedRoots.has(root)) break;
    observedRoots.add(root);
    observer?.observe(root, WATCHED);
  }
}

/** Languages already warned about: once per page each. */
const unknown = new Set<string>();

/** Follows the page's own color-scheme: the root element's style and class, a <meta> added to <head>. */
let rootObserver: MutationObserver | undefined;

/**
 * The theme a page asks for of itself: the root element's `color-scheme` (computed: a style or a stylesheet), else
 * `<meta name="color-scheme">`; "dark" is dark, "light dark" follows the phone (auto), anything else is light.
 */
export function pageTheme(): 'light' | 'dark' | 'auto' {
  const read = (v: string | null | undefined) => {
    const w = (v ?? '').toLowerCase().split(/[\s,]+/);
    return w.includes('dark') ? (w.includes('light') ? 'auto' : 'dark') : w.includes('light') ? 'light' : undefined;
  };
  return read(getComputedStyle(document.documentElement).colorScheme) ?? read(document.querySelector('meta[name="color-scheme"]')?.getAttribute('content')) ?? 'light';
}

function refreshAll() {
  for (const c of hosts) c.refresh();
}

/**
 * Follows `lang`, `dir` and `theme` on the element and its ancestors (one shared
 * observer for the whole page) and re-renders its host when they change.
 */
export class LocalizeController implements ReactiveController {
  /** The tag the element resolved, e.g. zh-HK. */
  lang = 'en';
  dir: 'ltr' | 'rtl' = 'ltr';
  /** `theme` on the element or an ancestor, else the page's (pageTheme); `auto` follows prefers-color-scheme. */
  theme: 'light' | 'dark' | 'auto' = 'auto';
  messages!: Messages;
  private _off?: () => void;
  private readonly _config: ConfigReporter;

  constructor(private readonly host: Host) {
    host.addController(this);
    this._config = new ConfigReporter(host);
  }

  hostConnected(): void {
    hosts.add(this);
    if (!observer && typeof MutationObserver !== 'undefined') {
      observer = new MutationObserver(refreshAll);
      observedRoots = new WeakSet();
      observer.observe(document.documentElement, WATCHED);
      rootObserver = new MutationObserver(refreshAll);
      rootObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
      if (document.head) rootObserver.observe(document.head, { childList: true, attributes: true, subtree: true, attributeFilter: ['content'] });
    }
    watchShadowRoots(this.host);
    this._off = onCataloguesChanged(() => this.refresh(true));
    this.refresh(true);
  }

  hostDisconnected(): void {
    hosts.delete(this);
    this._off?.();
    if (hosts.size === 0) {
      observer?.disconnect();
      rootObserver?.disconnect();
      observer = rootObserver = undefined;
    }
  }

  /** Re-resolves; asks the host to render only when something changed. */
  refresh(force = false): void {
    const lang = resolveLang(this.host, hasMessages);
    // A page's lang="fr" with no French messages: English stands in, and the shop hears it once.
    if (!hasMessages(lang) && closestAttr(this.host, 'lang') === lang && !unknown.has(lang)) {
      unknown.add(lang);
      console.warn(`[koubei] lang="${lang}" has no messages; English is shown. There are: ${availableLanguages().join(', ')}; add yours with addMessages('${lang}', {…}).`);
    }
    const messages = messagesFor(lang);
    const dir = resolveDir(this.host) ?? directionOf(lang);
    const t = closestAttr(this.host, 'theme');
    const theme = t === 'light' || t === 'dark' || t === 'auto' ? t : pageTheme();
    // Reported by the element that carries it, not by every question below it.
    const own = this.host.getAttribute('theme');
    if (own !== null && own !== 'light' && own !== 'dark' && own !== 'auto')
      this._config.report('theme', 'must be light, dark or auto; following the page.');
    if (force || lang !== this.lang || dir !== this.dir || theme !== this.theme || messages !== this.messages) {
      this.lang = lang;
      this.dir = dir;
      this.theme = theme;
      this.messages = messages;
      this.host.requestUpdate();
    }
  }

  /** The resolved catalogue's language, for the `lang` of rendered text. */
  get textLang(): string {
    return this.messages.$lang;
  }

  t(key: MessageKey, params?: Record<string, string | number>): string {
    return format(this.messages[key], params);
  }
}
