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
  /** `theme` on the element or an ancestor; `auto` follows prefers-color-scheme. */
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
      observer = undefined;
    }
  }

  /** Re-resolves; asks the host to render only when something changed. */
  refresh(force = false): void {
    const lang = resolveLang(this.host, hasMessages);
    // A page's lang="fr" with no French messages: English stands in, and the shop hears it once.
    if (!hasMessages(lang) && closestAttr(this.host, 'lang') === lang && !unknown.has(lang)) {
      unknown.add(lang);
      console.warn(
        `[koubei] lang="${lang}": Koubei has no messages in this language, so English is shown. Built in: ${availableLanguages().join(', ')}. ` +
          `Add yours with Koubei.addMessages('${lang}', { … }) (or addMessages from 'koubei').`,
      );
    }
    const messages = messagesFor(lang);
    const dir = resolveDir(this.host) ?? directionOf(lang);
    const t = closestAttr(this.host, 'theme');
    const theme = t === 'light' || t === 'dark' ? t : 'auto';
    // Reported by the element that carries it, not by every question below it.
    const own = this.host.getAttribute('theme');
    if (own !== null && own !== 'light' && own !== 'dark' && own !== 'auto')
      this._config.report('theme', 'must be light or dark; following prefers-color-scheme.');
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
