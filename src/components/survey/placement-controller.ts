import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { emit } from '../../events.js';
import type { LocalizeController } from '../../i18n/controller.js';
import { clock, decide, parseRules, remember, type FrequencyRules } from '../../placement/frequency.js';
import type { PlacementSettings } from './settings.js';

export type Trigger = { kind: 'load' | 'idle' | 'exit'; percent?: undefined } | { kind: 'scroll'; percent: number };
export type Position = 'bottom-right' | 'bottom-left' | 'bottom';

/** `load` | `idle` | `exit` | `scroll:<percent>`; undefined when malformed. */
export function parseTrigger(value: string): Trigger | undefined {
  if (value === 'load' || value === 'idle' || value === 'exit') return { kind: value };
  const m = /^scroll:(\d{1,3})%?$/.exec(value);
  return m && +m[1] <= 100 ? { kind: 'scroll', percent: +m[1] } : undefined;
}

const POSITIONS: readonly string[] = ['bottom-right', 'bottom-left', 'bottom'];
const POPOVER_ONLY = 'applies to display="popover" only; an inline survey shows at once.';
const text = (v: unknown): string | null => (v === undefined || v === null ? null : String(v));

/**
 * The popover's corner, delay (seconds after load before the trigger is watched) and trigger, from the survey's
 * properties: a bad value is reported (`report`, once per value: the survey's reporter) and the default used. Here,
 * not in settings.ts: a survey with any of them set loads this feature.
 */
export function parseTiming(
  s: { readonly position?: unknown; readonly delay?: unknown; readonly trigger?: unknown },
  popover: boolean,
  report: (attribute: string, message: string, value: string) => void,
): { position: Position; delay: number; trigger: Trigger } {
  let position: Position = 'bottom-right';
  let delay = 0;
  let trigger: Trigger = { kind: 'load' };
  const [rawPosition, rawDelay, rawTrigger] = [text(s.position), text(s.delay), text(s.trigger)];
  if (!popover) {
    for (const [a, v] of [['delay', rawDelay], ['trigger', rawTrigger], ['position', rawPosition]] as const) if (v !== null) report(a, POPOVER_ONLY, v);
  } else {
    if (rawPosition !== null) {
      if (POSITIONS.includes(rawPosition)) position = rawPosition as Position;
      else report('position', 'must be bottom-right, bottom-left or bottom.', rawPosition);
    }
    if (rawDelay !== null) {
      const n = Number(rawDelay);
      if (rawDelay.trim() && n >= 0 && n <= 86400) delay = n;
      else report('delay', 'must be a number of seconds; using 0.', rawDelay);
    }
    if (rawTrigger !== null) {
      const t = parseTrigger(rawTrigger.trim());
      if (t) trigger = t;
      else report('trigger', 'must be load, idle, exit or scroll:<percent>; using load.', rawTrigger);
    }
  }
  return { position, delay, trigger };
}

/** What placement needs of its survey (`__` names: internal, and renamed by the minifier). */
export interface PlacementHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  /** The survey's settings, parsed and checked once per update (settings.ts). */
  readonly __settings: PlacementSettings;
  /** The popover's corner, delay and trigger as set (parseTiming checks them). */
  readonly position?: unknown;
  readonly delay?: unknown;
  readonly trigger?: unknown;
  /** The order the survey is about (data-order-id or a context parameter), for once-per="order". */
  readonly __orderId: string | undefined;
  /** Submitted: closing the card is then no dismissal. */
  readonly __answered: boolean;
  /** Reports a bad attribute (the survey's one place for configuration errors). */
  __report(attribute: string, message: string, value?: string | null): void;
}

/** Tests turn the Popover API off to check the fallback. */
export const popoverApi = { enabled: typeof HTMLElement !== 'undefined' && 'showPopover' in HTMLElement.prototype };


type State = 'deciding' | 'waiting' | 'open' | 'skipped' | 'closed';

/**
 * When and how often a survey shows: frequency rules (once-per, recontact-days,
 * sample), and for display="popover" the delay and trigger, the floating card
 * in the top layer (or position: fixed where the Popover API is missing), its
 * close button and Escape.
 */
export class PlacementController implements ReactiveController {
  private _state: State = 'deciding';
  private _abort?: AbortController;
  private _returnTo?: HTMLElement;
  private _timer?: unknown;
  private _rules?: FrequencyRules;

  constructor(private readonly host: PlacementHost) {
    // Last: added to a connected survey (loaded on demand), hostConnected runs at once.
    host.addController(this);
  }

  get popover(): boolean {
    return this.host.__settings.popover;
  }

  /** Position, delay and trigger, checked now (set by code since the last update, too); bad values reported. */
  private get _timing() {
    return parseTiming(this.host, this.popover, (a, m, v) => this.host.__report(a, m, v));
  }

  /** Whether the survey's content is shown now. */
  get visible(): boolean {
    return this._state === 'open';
  }

  hostConnected(): void {
    if (this._state !== 'deciding' && this._state !== 'waiting') return;
    this._abort = new AbortController();
    const s = this.host.__settings;
    const id = s.id;
    const { rules, problems } = parseRules(id, { oncePer: s.oncePer, recontactDays: s.recontactDays, sample: s.sample, orderId: this.host.__orderId });
    for (const p of problems) this.host.__report(p.attribute, p.message);
    this._rules = id ? rules : undefined;
    const limited = rules.orderId !== undefined || rules.recontactDays !== undefined || rules.sample !== undefined;
    // An inline survey with no rules renders at once, as before.
    if (!limited && !this.popover) return this._set('open');
    void (limited && id ? decide(rules).catch(() => undefined) : Promise.resolve(undefined)).then((reason) => {
      if (this._abort?.signal.aborted) return;
      if (reason) {
        this._set('skipped');
        emit(this.host, 'koubei-skip', { surveyId: id, reason });
      } else if (!this.popover) this._set('open');
      else this._arm();
    });
  }

  hostDisconnected(): void {
    this._abort?.abort();
    clock.clearTimeout(this._timer);
    if (this._state === 'waiting') this._state = 'deciding';
  }

  private _set(state: State): void {
    const opened = state === 'open' && this._state !== 'open';
    this._state = state;
    this.host.requestUpdate();
    // The counterpart of koubei-skip: the page can tell when its popover (or a rule-limited survey) appeared.
    if (opened) emit(this.host, 'koubei-show', { surveyId: this.host.__settings.id });
  }

  /** Waits for load + delay, then for the trigger. */
  private _arm(): void {
    this._state = 'waiting';
    const signal = this._abort!.signal;
    const { trigger: t, delay: seconds } = this._timing;
    const delay = seconds * 1000;
    const start = () => (this._timer = clock.setTimeout(() => this._watch(t, signal), delay));
    if (document.readyState === 'complete') start();
    else addEventListener('load', start, { once: true, signal });
  }

  private _watch(t: Trigger, signal: AbortSignal): void {
    const open = () => {
      if (signal.aborted || this._state !== 'waiting') return;
      this._abort!.abort();
      this._abort = new AbortController();
      this._set('open');
      // Escape dismisses when focus is in the survey or nowhere in particular.
      document.addEventListener(
        'keydown',
        (e) => {
          const a = document.activeElement;
          if (e.key === 'Escape' && !e.isComposing && !e.defaultPrevented && (!a || a === document.body || this.host.contains(a))) this.dismiss();
        },
        { signal: this._abort.signal },
      );
      // Where the customer came from, to go back there when the card closes (a dialog's focus rule).
      this.host.addEventListener(
        'focusin',
        (e) => {
          const from = e.relatedTarget as HTMLElement | null;
          if (from && !this.host.contains(from) && !this.host.renderRoot.contains(from)) this._returnTo = from;
        },
        { signal: this._abort.signal },
      );
    };
    if (t.kind === 'load') open();
    else if (t.kind === 'idle') {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(open, { timeout: 10000 });
      else this._timer = clock.setTimeout(open, 500);
    } else if (t.kind === 'scroll') {
      const check = () => {
        const el = document.documentElement;
        if (((scrollY + innerHeight) / el.scrollHeight) * 100 >= t.percent - 0.5) open();
      };
      addEventListener('scroll', check, { passive: true, signal });
      check();
    } else {
      // Desktop: the pointer leaves through the top (towards the tabs or the address bar). Mobile: the page is hidden.
      document.addEventListener('mouseout', (e) => !e.relatedTarget && e.clientY <= 0 && open(), { signal });
      document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && open(), { signal });
    }
  }

  /** Closes the popover; before an answer that is a dismissal, remembered for the frequency rules. */
  dismiss(): void {
    if (this._state !== 'open' || !this.popover) return;
    this._abort?.abort();
    // Not :focus-within, which Chromium does not match for focus in a top-layer card inside the shadow root.
    const focused = this.host.contains(document.activeElement);
    this._set('closed');
    // Focus inside the card would be lost with it (to <body>): back to where the customer was.
    if (focused && this._returnTo?.isConnected) this._returnTo.focus();
    if (this.host.__answered) return;
    emit(this.host, 'koubei-dismiss', { surveyId: this.host.__settings.id });
    if (this._rules) void remember('dismissed', this._rules).catch(() => undefined);
  }

  /** Remembers an answer for the frequency rules. */
  answered(): void {
    if (this._rules) void remember('answered', this._rules).catch(() => undefined);
  }

  /** Every update checks the timing settings, as settings.ts checks the rest. */
  hostUpdate(): void {
    void this._timing;
  }

  hostUpdated(): void {
    const card = this.host.renderRoot.querySelector<HTMLElement>('.popover');
    if (card && popoverApi.enabled && !card.matches(':popover-open')) {
      try {
        card.showPopover();
      } catch {
        /* not connected yet; the next update shows it */
      }
    }
  }

  /** The survey's content, in the card when display="popover"; nothing while not shown. */
  wrap(content: TemplateResult, l10n: LocalizeController): TemplateResult | typeof nothing {
    if (!this.visible) return nothing;
    if (!this.popover) return content;
    const pos = this._timing.position;
    return html`<div
      class="base ${l10n.theme} popover ${pos}"
      part="popover"
      popover=${popoverApi.enabled ? 'manual' : nothing}
      role="dialog"
      aria-label=${l10n.t('surveyLabel')}
      lang=${l10n.textLang}
      dir=${l10n.dir}
    >
      <button class="button close" part="close" type="button" aria-label=${l10n.t('close')} @click=${() => this.dismiss()}>
        <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16"><path d="M3 3l10 10M13 3 3 13" stroke="currentColor" stroke-width="2" /></svg>
      </button>
      ${content}
    </div>`;
  }
}

export const placementStyles = css`
  .popover {
    position: fixed;
    inset: auto;
    inset-block-end: 1rem;
    inset-inline-end: 1rem;
    z-index: 2147483000;
    box-sizing: border-box;
    inline-size: min(26rem, calc(100vw - 2rem));
    max-block-size: calc(100vh - 2rem);
    overflow: auto;
    margin: 0;
    padding: var(--_space);
    padding-block-start: 2.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 0.5rem 2rem rgb(0 0 0 / 0.25);
  }
  .bottom-left {
    inset-inline: 1rem auto;
  }
  .bottom {
    inset-inline: 0;
    margin-inline: auto;
  }
  .close {
    position: absolute;
    inset-block-start: 0.25rem;
    inset-inline-end: 0.25rem;
    display: grid;
    place-items: center;
    inline-size: 2.5rem;
    block-size: 2.5rem;
    padding: 0;
    border: 0;
    background: transparent;
    color: var(--_muted);
  }
  .close:focus-visible {
    outline-offset: -3px;
  }
  @media (forced-colors: active) {
    .popover {
      border-color: CanvasText;
    }
  }
`;
