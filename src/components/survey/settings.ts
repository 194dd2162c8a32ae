import { defaultEndpoint } from '../../config.js';
import { ConfigReporter, reportError } from '../../events.js';
import { answeredKey } from './answered.js';
import { contextFromDataset, contextFromUrl, isEndpoint, pageContext } from './response.js';

/** The survey's properties as code, a framework or an attribute set them (a framework may give a number). */
export interface SettingsSource {
  endpoint?: unknown;
  surveyId?: unknown;
  display?: unknown;
  position?: unknown;
  delay?: unknown;
  trigger?: unknown;
  oncePer?: unknown;
  recontactDays?: unknown;
  sample?: unknown;
  steps?: unknown;
  prefill?: unknown;
  contextParams?: unknown;
  readonly dataset: DOMStringMap;
}

/**
 * Where and when a survey shows: what the placement feature (placement-controller.ts) reads. The popover's position,
 * delay and trigger it parses and checks itself: it loads whenever one is set.
 */
export interface PlacementSettings {
  /** survey-id as written (trimmed), valid or not: the key of the frequency rules and of the events. */
  readonly id: string;
  readonly popover: boolean;
  readonly oncePer: string | null;
  readonly recontactDays: string | null;
  readonly sample: string | null;
}

/** Every setting of a survey, parsed and checked. */
export interface SurveySettings extends PlacementSettings {
  /** A valid survey-id, else undefined (and reported). */
  readonly surveyId?: string;
  /** Where responses go: a valid endpoint (own, else the script tag's), else undefined. */
  readonly endpoint?: string;
  /** What is wrong with the endpoint, as it is reported: `endpoint` (own or missing) or `data-endpoint` (the script tag's). */
  readonly endpointProblem?: Problem;
  readonly steps: boolean;
  /** prefill="url". */
  readonly prefill: boolean;
  readonly contextParams: string | null;
  /** The key that remembers an answer for this survey and order (answered.ts); none with once-per="none". */
  readonly answeredKey?: string;
  /** The popover or a frequency rule is asked for: the placement feature loads. */
  readonly placement: boolean;
}

interface Problem {
  attribute: string;
  message: string;
  value: string | null;
}

const text = (v: unknown): string | null => (v === undefined || v === null ? null : String(v));

/**
 * parseSettings: every survey setting from its properties, checked, with what is wrong with each (the messages a shop
 * reads). Pure but for `defaultEndpoint` and the page's address: nothing is reported here.
 */
export function parseSettings(s: SettingsSource, scriptEndpoint = defaultEndpoint()): { settings: SurveySettings; problems: Problem[] } {
  const problems: Problem[] = [];
  const bad = (attribute: string, message: string, value: string | null) => problems.push({ attribute, message, value });
  const id = text(s.surveyId)?.trim() ?? '';
  let surveyId: string | undefined = id;
  if (!id) bad('survey-id', 'is required: give each survey a stable id, e.g. survey-id="post-purchase".', text(s.surveyId));
  else if (id.length > 200) bad('survey-id', 'must be at most 200 characters.', text(s.surveyId));
  if (problems.length) surveyId = undefined;

  const display = text(s.display);
  if (display !== null && display !== 'inline' && display !== 'popover') bad('display', 'must be inline or popover; shown inline.', display);
  const popover = display === 'popover';

  const prefillValue = text(s.prefill);
  if (prefillValue && prefillValue !== 'url') bad('prefill', 'must be "url"; nothing is prefilled.', prefillValue);

  const { endpoint, problem: endpointProblem } = checkEndpoint(text(s.endpoint), scriptEndpoint);
  const oncePer = text(s.oncePer);
  const order = s.dataset.orderId;
  const limits = [oncePer === 'none' ? null : oncePer, text(s.recontactDays), text(s.sample)];
  return {
    problems,
    settings: {
      id,
      surveyId,
      endpoint,
      endpointProblem,
      popover,
      oncePer,
      recontactDays: text(s.recontactDays),
      sample: text(s.sample),
      steps: !!s.steps,
      prefill: prefillValue === 'url',
      contextParams: text(s.contextParams),
      answeredKey: id && order && oncePer?.trim() !== 'none' ? answeredKey(id, order) : undefined,
      // position, delay and trigger are checked by the placement feature (placement-controller.ts), so it loads for them.
      placement: [display, text(s.position), text(s.delay), text(s.trigger), ...limits].some((v) => v !== null),
    },
  };
}

/** The endpoint responses go to: the survey's own (a property set by code has no attribute until the first update), else the script tag's. */
function checkEndpoint(own: string | null, script: string | undefined): { endpoint?: string; problem?: Problem } {
  const value = own ?? script;
  if (value === undefined || value === null)
    return { problem: { attribute: 'endpoint', value: null, message: 'is missing: set endpoint="…" here or data-endpoint="…" on the Koubei script tag. Responses are not sent anywhere.' } };
  if (isEndpoint(value)) return { endpoint: value };
  // A page opened from a file (file:///…) resolves /api/feedback to a file too: say so rather than "not a URL".
  const base = document.baseURI.split(/[?#]/)[0];
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(value)?.[1];
  const why = scheme
    ? /^https?$/i.test(scheme)
      ? 'is not a URL: use an https:// URL or a page-relative path such as /v1/responses.'
      : `uses ${scheme}:, which cannot receive a POST: use an https:// URL (http:// for a local server) or a page-relative path such as /v1/responses.`
    : /^https?:/.test(base)
      ? 'is not a URL: use an https:// URL or a page-relative path such as /v1/responses.'
      : `is relative, and this page's address (${base}) is not http(s): open the page from a web server, or use an absolute https:// URL.`;
  return { problem: own !== null ? { attribute: 'endpoint', value: own, message: why } : { attribute: 'data-endpoint', value, message: `on the Koubei script tag ${why}` } };
}

/** What the settings controller needs of its survey. */
export interface SettingsHost extends SettingsSource, Element {
  readonly isUpdatePending: boolean;
}

/**
 * The survey's settings, parsed once per update (`update()`, from the survey's willUpdate), and the one place that
 * reports a survey's configuration errors: each bad value once (ConfigReporter), whether the survey's parse found it,
 * a feature (the frequency rules) or a submit that its settings kept from being sent.
 */
export class Settings {
  private readonly _reporter: ConfigReporter;
  private _current?: SurveySettings;
  private readonly _questionReporters = new WeakMap<Element, ConfigReporter>();

  constructor(private readonly _host: SettingsHost) {
    this._reporter = new ConfigReporter(_host);
  }

  /** The settings now: those of the last update, or read again while an update is pending (set by code since). */
  get current(): SurveySettings {
    if (!this._current || this._host.isUpdatePending) this._current = parseSettings(this._host).settings;
    return this._current;
  }

  /**
   * Parses and reports what is wrong. The endpoint only when one is set here (`endpoint` changed or first set): a
   * survey that relies on the script tag's, or has none, hears of it at submit.
   */
  update(endpointChanged: boolean): SurveySettings {
    const { settings, problems } = parseSettings(this._host);
    this._current = settings;
    for (const p of problems) this.report(p.attribute, p.message, p.value);
    if (endpointChanged && settings.endpointProblem) this.report(settings.endpointProblem.attribute, settings.endpointProblem.message, settings.endpointProblem.value);
    return settings;
  }

  /** Reports a bad value of an attribute once (again only when the value changes). */
  report(attribute: string, message: string, value: string | null = this._host.getAttribute(attribute)): void {
    this._reporter.report(attribute, message, value);
  }

  /** Reports a bad attribute of one of the survey's questions (show-when, name), once per value, on the question. */
  reportOn(el: Element, attribute: string, message: string, value: string | null = el.getAttribute(attribute)): void {
    let r = this._questionReporters.get(el);
    if (!r) this._questionReporters.set(el, (r = new ConfigReporter(el)));
    r.report(attribute, message, value);
  }

  /**
   * A submit the survey's settings keep from being sent: the setting's own report (once), then this one each time
   * (the load-time report may have gone unseen).
   */
  notSent(id?: string): void {
    const s = this.current;
    const p = s.surveyId ? s.endpointProblem : { attribute: 'survey-id', value: text(this._host.surveyId), message: '' };
    if (!p) return;
    if (p.message) this.report(p.attribute, p.message, p.value);
    reportError(this._host, {
      reason: 'config',
      attribute: p.attribute,
      value: p.value,
      message: 'the customer submitted, but because of this attribute the response was not stored or sent: their answers are lost until it is fixed.',
      ...(id && { ids: [id] }),
    });
  }

  /** The response's context: the listed URL parameters, the data-* fields, the page; names that cannot be fields reported. */
  context(): Record<string, string> {
    const list = this.current.contextParams;
    const fromUrl = contextFromUrl(location.search, list, (name) =>
      this.report('context-params', `lists "${name}", which cannot be a context field name; that parameter is not sent.`, list),
    );
    const fromData = contextFromDataset(this._host.dataset, (key, problem) => {
      const attribute = `data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      this.report(attribute, `${problem}; this field is not sent: name it differently.`);
    });
    return { ...fromUrl, ...fromData, ...pageContext() };
  }
}
