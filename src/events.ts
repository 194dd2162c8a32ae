import type { KoubeiResponse } from './schema.js';

/** Why something went wrong, in `koubei-error`'s detail. */
export type ErrorReason = 'config' | 'quota' | 'dead-letter' | 'storage' | 'expired' | 'delivery' | 'load' | 'endpoint';

export interface KoubeiErrorDetail {
  reason: ErrorReason;
  message: string;
  /** For `config`: the attribute at fault and its value (null: not set). For `endpoint`: the endpoint. */
  attribute?: string;
  value?: string | null;
  /** Response ids concerned, for delivery and storage problems. */
  ids?: string[];
  /** HTTP status, for dead letters. */
  status?: number;
}

export interface KoubeiEventMap {
  'koubei-submit': CustomEvent<KoubeiResponse>;
  'koubei-error': CustomEvent<KoubeiErrorDetail>;
  'koubei-queued': CustomEvent<{ ids: string[] }>;
  'koubei-delivered': CustomEvent<{ ids: string[] }>;
  'koubei-retry': CustomEvent<{ ids: string[]; attempt: number; delay: number; reason: string }>;
  'koubei-skip': CustomEvent<{ surveyId: string; reason: 'answered' | 'dismissed' | 'recontact' | 'sampled-out' }>;
  'koubei-dismiss': CustomEvent<{ surveyId: string }>;
  /** A survey with placement rules or display="popover" appeared (its code loaded on demand). */
  'koubei-show': CustomEvent<{ surveyId: string }>;
}

// Declared once, where every listener looks: window, document and every element (WindowEventMap, DocumentEventMap
// and HTMLElementEventMap all extend GlobalEventHandlersEventMap), so that
// document.addEventListener('koubei-submit', (e) => e.detail.answers) is typed.
declare global {
  interface GlobalEventHandlersEventMap extends KoubeiEventMap {}
}

/** Every Koubei event bubbles and crosses shadow roots. */
export function emit<K extends keyof KoubeiEventMap>(
  target: EventTarget,
  type: K,
  detail: KoubeiEventMap[K]['detail'],
  cancelable = false,
): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
}

/** What a console line names: the element, or nothing for the page-wide outbox (the `[koubei]` prefix says it). */
function describe(target: EventTarget): string {
  return target instanceof Element ? ` <${target.localName}>` : '';
}

/**
 * Reports a problem without throwing into the host page: a console error that
 * names the attribute and value, and a `koubei-error` event on the target (it
 * bubbles to window; window itself when the target is not in a document).
 */
export function reportError(target: EventTarget, detail: KoubeiErrorDetail): void {
  const where = describe(target);
  // The event's value and the console's agree: null is "not set", never an empty string.
  const attr = detail.attribute ? (detail.value === null || detail.value === undefined ? ` ${detail.attribute} (not set)` : ` ${detail.attribute}="${detail.value}"`) : '';
  console.error(`[koubei]${where}${attr}${where || attr ? ':' : ''} ${detail.message}`);
  const t = target instanceof Node && !target.isConnected && typeof window !== 'undefined' ? window : target;
  emit(t, 'koubei-error', detail);
}

/** A configuration error for one attribute. */
export function reportConfig(el: Element, attribute: string, message: string): void {
  reportError(el, { reason: 'config', attribute, value: el.getAttribute(attribute), message });
}

/** Reports each bad attribute value once, not on every render. */
export class ConfigReporter {
  private _seen = new Map<string, string | null>();
  constructor(private readonly el: Element) {}

  /** `value`: for a property set by code, which is not reflected to its attribute yet. */
  report(attribute: string, message: string, value: string | null = this.el.getAttribute(attribute)): void {
    if (this._seen.has(attribute) && this._seen.get(attribute) === value) return;
    this._seen.set(attribute, value);
    reportError(this.el, { reason: 'config', attribute, value, message });
  }
}
