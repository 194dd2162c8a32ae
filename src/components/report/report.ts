import { html, LitElement, nothing, svg, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { ReportError, request, routeUrl, type Params, type ReportErrorReason } from './api.js';
import { mapGeometry, MAP_BOX, trendGeometry, TREND_BOX } from './chart.js';
import { loadReportMessages, reportLocale, reportMessagesNow, t, type ReportMessages } from './i18n/index.js';
import {
  addDays, ageText, commentsOf, dayNumber, daysIn, driverSentence, followUpScores, formats, headline, presetRange, previousRange, PRESETS,
  questionLabel, redactedCount, today, touchpointLabel, waiting, type Formats, type Preset,
} from './model.js';
import {
  driversCheck, followUpsCheck, patchedCheck, responsesCheck, summaryCheck, themesCheck, trendCheck,
  type Drivers, type Grouped, type StoredResponse, type Summary, type Themes, type Trend,
} from './shapes.js';
import { reportStyles } from './report.styles.js';
import { orGroups, type Check } from './validate.js';

export type Interval = 'day' | 'week' | 'month';
const INTERVALS: readonly Interval[] = ['day', 'week', 'month'];
const DEFAULT_PRESET: Preset = '90';
const ZONE = 'Asia/Shanghai';
const PAGE = 40;
const FOLLOW_UPS = 100;
const CATEGORIES = ['promoter', 'passive', 'detractor'] as const;

export interface KoubeiReportLoadDetail {
  from: string;
  to: string;
  summary: Summary;
}
export interface KoubeiReportErrorDetail {
  reason: ReportErrorReason;
  message: string;
  status?: number;
}
export interface KoubeiFollowUpDetail {
  id: string;
  orderId: string;
  note: string;
}

interface Loaded {
  from: string;
  to: string;
  summary: Summary;
  previous: Summary;
  groups: Grouped<Summary> | null;
  trend: Trend;
  drivers: Drivers | null;
  /** With group-by: the trend and the drivers of each group (the routes' groupBy=). */
  trendGroups: Grouped<Trend> | null;
  driverGroups: Grouped<Drivers> | null;
  themes: Themes;
  followUps: StoredResponse[];
  moreFollowUps: boolean;
}

interface CommentFilter {
  category: string;
  touchpoint: string;
  term: string;
  day: string;
}

const isGrouped = <T,>(v: T | Grouped<T>): v is Grouped<T> => typeof v === 'object' && v !== null && 'groups' in v;

/**
 * The shop owner's report: NPS with its interval and change, the trend, touchpoint satisfaction,
 * key drivers, themes, comments and the follow-up queue, read from the collector's admin API.
 * Everything the collector sends is checked (a wrong shape shows "bad-response") and shown as text.
 *
 * @tag koubei-report
 * @attr {string} lang - Language of the report: zh-CN, zh-TW or en (else the nearest ancestor's, else the page's).
 * @fires koubei-report-load - The numbers arrived (detail: from, to, summary).
 * @fires koubei-report-error - They could not be read (detail: reason `network` | `auth` | `bad-response` | `attribute` (a bad from, to or time-zone), message, status).
 * @fires koubei-follow-up - A call-back was marked done and the collector stored it (detail: id, orderId, note).
 * @csspart base - The root.
 * @csspart controls - Dates, survey, interval, group-by, export, refresh, print.
 * @csspart headline - NPS, its interval, the split and the change.
 * @csspart groups - NPS by the group-by field.
 * @csspart trend - The trend chart.
 * @csspart touchpoints - Satisfaction per question.
 * @csspart drivers - The importance × performance map.
 * @csspart themes - The terms customers use.
 * @csspart comments - The comments.
 * @csspart follow-ups - The follow-up queue.
 * @csspart problem - The error or empty message.
 * @cssproperty --koubei-accent - Line, buttons, focus (#1d4ed8).
 * @cssproperty --koubei-text - Text colour.
 * @cssproperty --koubei-muted - Secondary text.
 * @cssproperty --koubei-surface - Card background.
 * @cssproperty --koubei-background - Inputs' background.
 * @cssproperty --koubei-border - Borders.
 * @cssproperty --koubei-radius - Corner radius.
 * @cssproperty --koubei-spacing - Space between parts.
 * @cssproperty --koubei-font - Font family.
 * @cssproperty --koubei-report-good - Promoters, rises, within SLA (#1a7f37).
 * @cssproperty --koubei-report-bad - Detractors, falls, overdue (#b42318).
 * @cssproperty --koubei-report-warn - Due soon (#9a6700).
 * @cssproperty --koubei-report-band - The interval band.
 * @cssproperty --koubei-report-grid - Axis and card lines.
 */
export class KoubeiReport extends LitElement {
  static override properties: PropertyDeclarations = {
    src: {},
    token: {},
    surveyId: { attribute: 'survey-id' },
    from: {},
    to: {},
    interval: {},
    timeZone: { attribute: 'time-zone' },
    groupBy: { attribute: 'group-by' },
    slaHours: { attribute: 'sla-hours', type: Number },
    questionLabels: { attribute: 'question-labels', converter: parseLabels },
    theme: {},
    _loaded: { state: true },
    _comments: { state: true },
    _failure: { state: true },
    _loading: { state: true },
    _filter: { state: true },
    _active: { state: true },
    _message: { state: true },
    _shown: { state: true },
    _group: { state: true },
  };

  static override styles = reportStyles;

  /** The collector's base URL (`https://feedback.shop.example`); empty: this page's own origin. */
  src = '';
  /** The admin token. Set it as a property (`el.token = …`) rather than an attribute, which the page's HTML shows. */
  token = '';
  surveyId = '';
  /** First day (YYYY-MM-DD, in `time-zone`); default the last 90 days. */
  from = '';
  to = '';
  interval: Interval = 'week';
  timeZone = ZONE;
  groupBy = '';
  /** Hours within which a complaint should get its call back (the follow-up queue's colour). */
  slaHours = 24;
  /** Display names of questions, `{"delivery": "物流配送"}` (attribute: JSON). */
  questionLabels: Record<string, string> = {};
  theme?: string;

  private _loaded?: Loaded;
  private _comments?: { responses: StoredResponse[]; next: string | null; page: number };
  private _cursors: (string | null)[] = [null];
  private _failure?: ReportError;
  private _loading = false;
  private _filter: CommentFilter = { category: '', touchpoint: '', term: '', day: '' };
  /** The chart point (or driver) under keyboard focus or the pointer: [chart, index]. */
  private _active: { chart: 'trend' | 'map'; i: number; focus: boolean } | null = null;
  /** The last message; with `id`, a call-back's failure, drawn in that row (a long queue puts the top far away). */
  private _message?: { text: string; error: boolean; id?: string };
  private _shown = new Set<string>();
  /** The notes typed, by response id: a row drawn again (another above it marked done) keeps its own. */
  private _notes = new Map<string, string>();
  /** The group whose trend and drivers are drawn: its key as JSON, '' for everyone. */
  private _group = '';
  private _run = 0;
  private _aborter?: AbortController;
  private _observer?: MutationObserver;
  /** The catalogue, once loaded (the first render before it shows skeletons only). */
  private _m!: ReportMessages;
  private _lang?: string;
  /** The language asked for (the catalogue of `_lang` may still be loading): the themes' lexicon. */
  private _wanted!: string;
  // Set by willUpdate before anything reads them.
  private _tz!: string;
  /** A bad from, to or time-zone attribute. */
  private _bad?: ReportError;
  private _today!: string;
  private _range!: { from: string; to: string };
  /** English when the page's language could not be loaded. */
  private _fallback?: string;
  private _f!: Formats;

  override connectedCallback(): void {
    super.connectedCallback();
    // lang and theme may be set on an ancestor (the admin page's <html lang>) and change later.
    this._observer = new MutationObserver(() => this.requestUpdate());
    this._observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang', 'theme'], subtree: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._observer?.disconnect();
    this._aborter?.abort();
  }

  /** Reads everything again (the refresh button). */
  refresh(): Promise<void> {
    return this._load();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const lang = (this._wanted = this._fallback ?? closestAttr(this, 'lang') ?? navigator.language ?? 'en');
    if (lang !== this._lang) {
      const m = reportMessagesNow(lang);
      if (m) {
        this._lang = lang;
        this._m = m;
        this._f = formats(m.$lang);
      } else {
        loadReportMessages(lang).then(
          () => this.requestUpdate(),
          (e: unknown) => {
            console.error(`[koubei] <koubei-report>: report-locales/${reportLocale(lang)}.js did not load`, e);
            this._emit('koubei-report-error', { reason: 'network', message: String((e as Error)?.message ?? e) });
            if (lang !== 'en') {
              this._fallback = 'en';
              this.requestUpdate();
            }
          },
        );
      }
    }
    // Derived once per update: the time zone, today there, the range. A bad attribute is the report's own error,
    // named, and no request goes with it (see _base): the collector's refusal would blame the collector.
    const tz = this.timeZone || ZONE;
    const zoneOk = valid(() => today(new Date(), tz));
    this._tz = zoneOk ? tz : ZONE;
    this._today = today(new Date(), this._tz);
    const fallback = presetRange(DEFAULT_PRESET, this._today);
    const { from = '', to = '' } = this;
    const r = (this._range = { from: from || fallback.from, to: to || fallback.to });
    this._bad = !zoneOk ? new ReportError('zone', `time-zone="${tz}"`)
      : !valid(() => dayNumber(r.from)) ? new ReportError('date', `from="${from}"`)
      : !valid(() => dayNumber(r.to)) ? new ReportError('date', `to="${to}"`)
      : r.from > r.to ? new ReportError('range', `from="${from}", to="${to}"`) : undefined;
    if (changed.has('groupBy')) this._group = '';
    const query = ['src', 'token', 'surveyId', 'from', 'to', 'interval', 'timeZone', 'groupBy'] as const;
    if (!this.hasUpdated || query.some((k) => changed.has(k))) void this._load();
  }

  private get _interval(): Interval {
    return INTERVALS.includes(this.interval) ? this.interval : 'week';
  }

  /** A request with the token and the report's language: the collector words its refusals in it (Accept-Language). */
  private _get<T>(path: string, params: Params, check: Check<T>, signal?: AbortSignal, init: RequestInit = {}, read?: (r: Response) => Promise<unknown>): Promise<T> {
    return request(routeUrl(this.src, path, params), this.token, check, { ...init, headers: { 'accept-language': reportLocale(this._wanted), ...(init.headers as object) } }, signal, read);
  }

  private _base(range = this._range): Params {
    if (this._bad) throw this._bad;
    return { survey: this.surveyId, from: range.from, to: range.to, timeZone: this._tz };
  }

  private async _load(): Promise<void> {
    const run = ++this._run;
    this._aborter?.abort();
    // Not loading either way when nothing is asked (an aborted run leaves _loading to this one).
    this._loading = !this._bad && !!this.token;
    if (this._bad) return this._fail(this._bad);
    // No request without a token: a page often sets it a moment later (from its own server).
    if (!this.token) return;
    const abort = (this._aborter = new AbortController());
    const range = this._range;
    const get = <T,>(path: string, params: Params, check: Check<T>) => this._get(path, params, check, abort.signal);
    const by = this.groupBy;
    // With group-by, the same route once more with groupBy= (the result per group); without, nothing.
    const perGroup = <T,>(path: string, params: Params, check: Check<T>) =>
      by ? get(path, { ...params, groupBy: by }, orGroups(check)).then((v) => (isGrouped(v) ? v : null)) : null;
    try {
      const base = this._base(range);
      const prev = previousRange(range.from, range.to);
      const [summary, previous, groups, trend, themes, fu, comments, trendGroups] = await Promise.all([
        get('/v1/summary', base, summaryCheck),
        get('/v1/summary', { ...base, ...prev }, summaryCheck),
        perGroup('/v1/summary', base, summaryCheck),
        get('/v1/trend', { ...base, interval: this._interval }, trendCheck),
        get('/v1/themes', { ...base, locale: reportLocale(this._wanted) }, themesCheck),
        // The queue is everyone still waiting, whatever the date range: an old complaint is the most urgent.
        get('/v1/follow-ups', { survey: this.surveyId, timeZone: this._tz, status: 'open', limit: FOLLOW_UPS }, followUpsCheck),
        this._commentsAt(null, abort.signal),
        perGroup('/v1/trend', { ...base, interval: this._interval }, trendCheck),
      ]);
      const questions = Object.keys(summary.csat).filter((q) => summary.csat[q].n > 0).slice(0, 12);
      const dq = { ...base, outcome: 'nps', drivers: questions.join(',') };
      const [drivers, driverGroups] = summary.nps && questions.length >= 2
        ? await Promise.all([get('/v1/drivers', dq, driversCheck), perGroup('/v1/drivers', dq, driversCheck)])
        : [null, null];
      if (run !== this._run) return;
      // The comments with the rest: one render of everything, not one for the comments' skeleton first.
      this._cursors = [null];
      this._comments = comments;
      this._loaded = {
        ...range, summary, previous, groups, trend, trendGroups, themes, drivers, driverGroups,
        followUps: fu.followUps,
        moreFollowUps: fu.nextCursor !== null,
      };
      this._failure = undefined;
      this._emit('koubei-report-load', { ...range, summary });
    } catch (e) {
      if (run !== this._run || (e as Error).name === 'AbortError') return;
      this._fail(e);
    } finally {
      if (run === this._run) this._loading = false;
    }
  }

  /** The page of comments after `cursor` (null: the first) with the comment filters. */
  private async _commentsAt(cursor: string | null, signal?: AbortSignal) {
    const f = this._filter;
    const range = f.day ? { from: f.day, to: f.day } : this._range;
    // term=: exactly the comments /v1/themes counted for the term, in either script (q= is a text search).
    const page = await this._get('/v1/responses', { ...this._base(range), category: f.category, touchpoint: f.touchpoint, term: f.term, limit: PAGE, cursor }, responsesCheck, signal);
    return { responses: page.responses, next: page.nextCursor, page: this._cursors.indexOf(cursor) + 1 || 1 };
  }

  private async _commentsPage(cursor: string | null, first = false): Promise<void> {
    try {
      if (first) this._cursors = [null];
      else if (cursor !== null && !this._cursors.includes(cursor)) this._cursors.push(cursor);
      this._comments = await this._commentsAt(cursor);
    } catch (e) {
      this._fail(e);
    }
  }

  /** Shows the error with a retry and fires koubei-report-error. */
  private _fail(e: unknown): void {
    const err = (this._failure = e instanceof ReportError ? e : new ReportError('bad-response', String((e as Error)?.message ?? e)));
    this._emit('koubei-report-error', { reason: err.reason, message: err.message, status: err.status });
    // As the report words it, once its catalogue is here (a bad attribute fails before the first one loads).
    loadReportMessages(this._wanted).then((m) => console.error(`[koubei] <koubei-report> ${this._problemText(err, m)}`), () => {});
  }

  private _setFilter(patch: Partial<CommentFilter>): void {
    this._filter = { ...this._filter, ...patch };
    void this._commentsPage(null, true);
  }

  private _emit<K extends keyof KoubeiReportEventMap>(type: K, detail: KoubeiReportEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  private _labelOf = (q: string) => questionLabel(this._m, this.questionLabels ?? {}, q);

  // ---- rendering ----

  protected override render(): TemplateResult {
    const m = this._m;
    if (!m) return html`<div part="base" class="base" aria-busy="true"><span class="skeleton list"></span></div>`;
    const theme = closestAttr(this, 'theme');
    const d = this._loaded;
    const busy = this._loading;
    return html`<div part="base" class="base ${theme === 'light' || theme === 'dark' ? theme : ''}" lang=${m.$lang} aria-busy=${busy}>
      <h2 class="visually-hidden">${m.title}</h2>
      ${this._controls()}
      <p class="visually-hidden" role="status">${busy ? m.loading : ''}</p>
      ${this._failure ? this._problem(this._failure) : nothing}
      ${this._message?.id ? nothing : messageLine(this._message)}
      ${this.token ? nothing : html`<p class="message" role="status">${m.needToken}</p>`}
      ${this._failure && !d ? nothing : d && d.summary.n === 0 && !d.followUps.length ? this._empty(d) : this._parts(d)}
    </div>`;
  }

  private _controls(): TemplateResult {
    const m = this._m;
    const r = this._range;
    const current = PRESETS.find((p) => {
      const x = presetRange(p, this._today);
      return x.from === r.from && x.to === r.to;
    });
    return html`<form part="controls" class="controls" aria-label=${m.controls}>
      <div class="row" role="group" aria-label=${m.range}>
        ${PRESETS.map(
          (p) => html`<button type="button" aria-pressed=${current === p} @click=${() => this._preset(p)}>${m[`preset-${p}` as const]}</button>`,
        )}
      </div>
      <label>${m.from}<input type="date" name="from" .value=${r.from} max=${r.to} @change=${(e: Event) => this._dateChange('from', e)} /></label>
      <label>${m.to}<input type="date" name="to" .value=${r.to} min=${r.from} @change=${(e: Event) => this._dateChange('to', e)} /></label>
      <label>${m.survey}<input name="survey" .value=${this.surveyId} placeholder=${m.surveyAll} @change=${(e: Event) => (this.surveyId = value(e).trim())} /></label>
      ${select(m.interval, 'interval', this._interval, INTERVALS.map((i) => [i, m[i]]), (v) => (this.interval = v as Interval))}
      <label>${m.groupBy}<input name="group-by" .value=${this.groupBy} placeholder=${m.groupByHint} @change=${(e: Event) => (this.groupBy = value(e).trim())} /></label>
      <div class="row">
        <button type="button" @click=${() => this._export()}>${m.exportCsv}</button>
        <button type="button" @click=${() => this.refresh()}>${m.refresh}</button>
        <button type="button" @click=${() => window.print()}>${m.print}</button>
      </div>
    </form>`;
  }

  private _preset(p: Preset): void {
    Object.assign(this, presetRange(p, this._today));
  }

  private _dateChange(which: 'from' | 'to', e: Event): void {
    // A date input's value is a date or '' (the default range's end): no check of its own. Both ends: the other may be the default range's, which `from`/`to` do not hold yet.
    Object.assign(this, { ...this._range, [which]: value(e) });
  }

  /** The collector's CSV export with the report's filters, fetched with the token and saved as a file. */
  private async _export(): Promise<void> {
    const m = this._m;
    try {
      let name = 'koubei.csv';
      const blob = await this._get('/v1/export', { format: 'csv', ...this._base() }, (b) => b as Blob, undefined, {}, (r) => {
        name = /filename="([^"]+)"/.exec(r.headers.get('content-disposition') ?? '')?.[1] ?? name;
        return r.blob();
      });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = name;
      this.renderRoot.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
    } catch (e) {
      this._message = { text: t(m, 'exportFailed', { error: String((e as Error).message) }), error: true };
    }
  }

  /** Each message takes the placeholders it names. */
  private _problemText(e: ReportError, m = this._m): string {
    // The message of a kind is err-<kind>: err-no-token.
    return t(m, `err-${e.kind}`, { src: this.src || location.origin, seconds: e.retryAfter ?? 5, detail: e.message });
  }

  private _problem(e: ReportError): TemplateResult {
    const m = this._m;
    const text = this._problemText(e);
    return html`<div part="problem" class="problem" role="alert" data-reason=${e.reason} data-kind=${e.kind}>
      <p>${text}</p>
      <button type="button" class="retry primary" @click=${() => this.refresh()}>${m.retry}</button>
    </div>`;
  }

  private _empty(d: Loaded): TemplateResult {
    const m = this._m;
    const snippet = `<script src="…/koubei/dist/koubei.iife.js" data-endpoint="${this.src || location.origin}/v1/responses"></script>
<koubei-survey survey-id="${this.surveyId || 'post-purchase'}" data-order-id="…"><koubei-nps></koubei-nps></koubei-survey>`;
    return html`<div part="problem" class="problem" data-kind="empty">
      <h3>${m.emptyTitle}</h3>
      <p>${t(m, 'emptyText', { survey: this.surveyId || m.surveyAll, from: this._f.date(d.from), to: this._f.date(d.to) })}</p>
      <code>${snippet}</code>
      <p>${m.emptyAfter}</p>
    </div>`;
  }

  /** Every part, each a section with its title; without data yet, each at its final size with its skeleton. */
  private _parts(d: Loaded | undefined): TemplateResult {
    const m = this._m;
    const section = (part: string, title: string, wide: boolean, skeleton: TemplateResult, body: (d: Loaded) => TemplateResult) => {
      const id = `${part}-title`;
      return html`<section part=${part} class="${part}-part ${wide ? 'wide' : ''}" aria-labelledby=${id}>
        <h3 id=${id} tabindex="-1">${title}</h3>
        ${d ? body.call(this, d) : skeleton}
      </section>`;
    };
    return html`<div class="grid">
      ${section('headline', m.headline, false, SKELETON.lines, this._headline)}
      ${d?.groups ? section('groups', t(m, 'groups', { field: this.groupBy }), true, SKELETON.list, () => this._groups(d.groups!)) : nothing}
      ${section('trend', m.trend, true, SKELETON.trend, this._trend)}
      ${section('touchpoints', m.touchpoints, false, SKELETON.lines, this._touchpoints)}
      ${section('drivers', m.drivers, false, SKELETON.map, this._drivers)}
      ${section('themes', m.themes, false, SKELETON.list, this._themes)}
      ${section('comments', m.comments, true, SKELETON.list, this._commentsPart)}
      ${section('follow-ups', m.followUps, true, SKELETON.list, this._followUps)}
    </div>`;
  }

  /** A table of every value: visually hidden (for screen readers) until "show numbers" (for copying). */
  private _table(key: string, caption: string, head: string[], rows: (string | number)[][], always = false): TemplateResult {
    const shown = always || this._shown.has(key);
    const id = `${key}-table`;
    return html`${always ? nothing : html`<button type="button" class="numbers-toggle" aria-expanded=${shown} aria-controls=${id} @click=${() => this._toggle(key)}>
        ${this._m.numbers}</button>`}
      <div class="table-wrap ${shown ? '' : 'visually-hidden'}" id=${id}>
        <table data-table=${key}>
          <caption>${caption}</caption>
          <thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
          <tbody>${rows.map((r) => row(r))}</tbody>
        </table>
      </div>`;
  }

  private _toggle(key: string): void {
    const s = new Set(this._shown);
    if (!s.delete(key)) s.add(key);
    this._shown = s;
  }

  private _headline(d: Loaded): TemplateResult {
    const m = this._m;
    const f = this._f;
    const nps = d.summary.nps;
    if (!nps || nps.n === 0) return html`<p>${m.noNps}</p>`;
    const days = daysIn(d.from, d.to);
    const sentence = headline(m, f, nps, d.previous.nps, days, d.summary.minN);
    const share = (k: number) => (nps.n ? (k / nps.n) * 100 : 0);
    const counts = [nps.promoters, nps.passives, nps.detractors];
    const [promoters, passives, detractors] = counts.map((k) => `${f.whole(k)} (${f.pct(share(k))})`);
    const prev = d.previous.nps;
    const pr = previousRange(d.from, d.to);
    const cells = (from: string, to: string, x: typeof nps) => [
      `${f.date(from)} – ${f.date(to)}`, f.whole(x.nps), f.whole(x.low), f.whole(x.high), x.n, x.promoters, x.passives, x.detractors,
    ];
    return html`<p class="big" data-headline>${sentence}</p>
        <svg class="bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true">
          ${bars(counts.map(share))}
        </svg>
        <p>${t(m, 'split', { promoters, passives, detractors })}</p>
        ${nps.insufficient ? html`<p class="muted">${t(m, 'insufficient', { minN: d.summary.minN })}</p>` : nothing}
        ${this._table('headline', m.headline, [m.period, 'NPS', m.low, m.high, 'n', m.promoters, m.passives, m.detractors], [
          cells(d.from, d.to, nps),
          ...(prev && prev.n ? [cells(pr.from, pr.to, prev)] : []),
        ])}`;
  }

  private _groups(g: Grouped<Summary>): TemplateResult {
    const m = this._m;
    const f = this._f;
    // Ranked as groupsText says: by the interval's lower end, highest first (a small group's wide interval ranks it low).
    const rows = g.groups.filter((x) => x.nps).sort((a, b) => b.nps!.low - a.nps!.low);
    const title = t(m, 'groups', { field: this.groupBy });
    return html`<p>${t(m, 'groupsText', { count: rows.length })}</p>
        ${select(m.groupShow, 'group', this._group, [
          ['', m.all],
          ...rows.map((x): [string, string] => [JSON.stringify(x.key), `${x.key ?? m.groupNone}${x.nps!.insufficient ? ` (${m.few})` : ''}`]),
        ], (v) => (this._group = v))}
        ${this._table('groups', title, [m.group, 'NPS', m.low, m.high, 'n'], rows.map((x) => {
          const n = x.nps!;
          return [x.key ?? m.groupNone, f.whole(n.nps) + (n.insufficient ? ` (${m.few})` : ''), f.whole(n.low), f.whole(n.high), n.n];
        }), true)}`;
  }

  /** The chosen group's result (the group selector of the groups part), else everyone's. */
  private _pick<T>(g: Grouped<T> | null, all: T): T | null | undefined {
    return this._group ? g?.groups.find((x) => JSON.stringify(x.key) === this._group) : all;
  }

  /** Which group the trend and the drivers show, when one is chosen. */
  private _groupNote() {
    return this._group ? html`<p class="muted" data-group>${t(this._m, 'groupShown', { field: this.groupBy, key: JSON.parse(this._group) ?? this._m.groupNone })}</p>` : nothing;
  }

  private _trend(d: Loaded): TemplateResult {
    const m = this._m;
    const f = this._f;
    const tr = this._pick(d.trendGroups, d.trend);
    const periods = tr?.periods ?? [];
    const shown = periods.filter((p) => p.score !== null);
    if (shown.length < 2) return html`${this._groupNote()}<p>${m.trendNone}</p>`;
    const iv = tr!.interval;
    const g = trendGeometry(periods, tr!.type);
    const unit = m[`unit-${iv}` as const];
    const sig = periods.filter((p) => p.significant).length;
    // From the first to the last period with enough answers: the chart draws the others hollow, as too few.
    const ok = shown.filter((p) => !p.insufficient);
    const [a, z] = [ok[0], ok[ok.length - 1]];
    // A period the range cuts (a week begun before `from`, one ending after `to`) is marked partial wherever it is named.
    // The day after `to` within the period: the range stops inside it.
    const after = addDays(d.to, 1);
    const label = (p: string, s = f.period(p, iv)) =>
      p < d.from || (iv === 'week' ? after < addDays(p, 7) : iv === 'month' && after.slice(0, 7) === p.slice(0, 7)) ? t(m, 'partial', { period: s }) : s;
    const desc = ok.length < 2 ? m.trendFew : t(m, 'trendText', {
      interval: unit, first: label(a.period), last: label(z.period), a: f.whole(a.score!), b: f.whole(z.score!), k: sig,
    });
    const pointText = (i: number) => {
      const p = periods[i];
      if (p.insufficient || p.score === null) return t(m, 'trendPointFew', { period: label(p.period), n: p.n });
      const base = t(m, 'trendPoint', { period: label(p.period), score: f.whole(p.score), low: f.whole(p.low!), high: f.whole(p.high!), n: p.n });
      const change = p.change === null ? '' : `; ${t(m, 'trendChange', { change: f.signed(p.change) })}${p.significant ? ` (${m[p.change > 0 ? 'sigUp' : 'sigDown']})` : ''}`;
      return base + change;
    };
    const active = this._active?.chart === 'trend' ? g.marks.find((k) => k.i === this._active!.i) : undefined;
    return html`${this._groupNote()}<p id="trend-desc">${desc}</p>
        ${this._chart('trend', 'trend', g.marks.map((k) => [k.i, k.x]), TREND_BOX,
          // No line breaks between the elements: svg`` keeps them as text nodes (the build minifies html`` only).
          svg`<path class="axis" d=${g.grid}/>${
            g.ticks.map((k) => svg`<text x=${TREND_BOX.left - 6} y=${k.y + 4} text-anchor="end" aria-hidden="true">${f.whole(k.value)}</text>`)
          }${
            g.labels.map((l) => svg`<text x=${l.x} y=${TREND_BOX.height - 8} text-anchor="middle" aria-hidden="true">${f.period(periods[l.i].period, iv)}</text>`)
          }<path class="band" d=${g.band || 'M0 0'}/><path class="line" d=${g.line || 'M0 0'}/><path class="line dashed" d=${g.dashed || 'M0 0'}/>${
            g.marks.map((k) => svg`<g id="trend-point-${k.i}" role="img" aria-label=${pointText(k.i)}>${mark(k.kind, k.x, k.y)}</g>`)
          }${active ? this._tip(active.x, active.y, 9, pointText(active.i), TREND_BOX.width) : nothing}`)}
        <ul class="legend" aria-hidden="true">
          <li><svg viewBox="0 0 16 16"><rect class="band" x="0" y="4" width="16" height="8"/></svg> ${m.legendBand}</li>
          <li><svg viewBox="0 0 16 16">${mark('up', 8, 8)}</svg><svg viewBox="0 0 16 16">${mark('down', 8, 8)}</svg> ${m.legendSig}</li>
          <li><svg viewBox="0 0 16 16">${mark('few', 8, 8, 5)}</svg> ${m.few}</li>
        </ul>
        ${this._table('trend', m.trend, [m.period, 'NPS', m.low, m.high, 'n', m.change, m.significant], periods.map((p) => [
          label(p.period), dash(p.score, f.whole), dash(p.low, f.whole), dash(p.high, f.whole),
          p.n, dash(p.change, f.signed), p.insufficient ? m.few : p.significant ? m.yes : m.no,
        ]))}`;
  }

  /**
   * A chart the keyboard and the pointer move through, point by point: `pts` are its points as `[i, x]` (the trend,
   * nearest along x) or `[i, x, y]` (the map, nearest in the plane), in keyboard order; point i is `<chart>-point-i`.
   */
  private _chart(chart: 'trend' | 'map', part: string, pts: number[][], B: typeof TREND_BOX, body: unknown): TemplateResult {
    const order = pts.map((p) => p[0]);
    const a = this._active;
    return html`<div
      class="chart ${chart}"
      tabindex="0"
      role="group"
      aria-labelledby="${part}-title"
      aria-describedby="${part}-desc"
      aria-activedescendant=${a?.chart === chart && order.includes(a.i) ? `${chart}-point-${a.i}` : nothing}
      @keydown=${(e: KeyboardEvent) => this._keyMove(e, chart, order)}
      @focus=${() => this._focusChart(chart, order)}
      @blur=${() => (this._active = null)}
      @pointermove=${(e: PointerEvent) => this._pointerMove(e, chart, pts, B)}
      @pointerleave=${() => this._active?.focus || (this._active = null)}
    >
      <svg viewBox="0 0 ${B.width} ${B.height}">${body}</svg>
    </div>`;
  }

  /** The active point's ring (radius r) and its numbers beside it (kept inside the view box). */
  private _tip(x: number, y: number, r: number, text: string, width: number) {
    const w = Math.min(width - 8, text.length * 6.4 + 16);
    const left = Math.max(4, Math.min(width - w - 4, x - w / 2));
    const top = y > 44 ? y - 40 : y + 14;
    return svg`<circle class="active-ring" cx=${x} cy=${y} r=${r}/><g class="tip" aria-hidden="true"><rect x=${left} y=${top} width=${w} height="24" rx="4"/><text x=${left + 8} y=${top + 16}>${text}</text></g>`;
  }

  private _focusChart(chart: 'trend' | 'map', order: number[]): void {
    if (this._active?.chart === chart) this._active = { ...this._active, focus: true };
    else this._active = { chart, i: order[chart === 'trend' ? order.length - 1 : 0], focus: true };
  }

  /** Arrow keys, Home and End move between the points of a chart. */
  private _keyMove(e: KeyboardEvent, chart: 'trend' | 'map', order: number[]): void {
    const at = this._active?.chart === chart ? order.indexOf(this._active.i) : -1;
    const last = order.length - 1;
    // From no point yet (at = -1), either arrow goes to the first.
    const to = { ArrowLeft: at - 1, ArrowUp: at - 1, ArrowRight: at + 1, ArrowDown: at + 1, Home: 0, End: last }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    this._active = { chart, i: order[Math.max(0, Math.min(last, to))], focus: true };
  }

  /** The point nearest the pointer: along x on the trend (`[i, x]`), in the plane on the map (`[i, x, y]`). */
  private _pointerMove(e: PointerEvent, chart: 'trend' | 'map', pts: number[][], B: typeof TREND_BOX): void {
    const box = (e.currentTarget as HTMLElement).querySelector('svg')!.getBoundingClientRect();
    if (!box.width) return;
    // SVG coordinates run left to right in any writing direction.
    const x = ((e.clientX - box.left) / box.width) * B.width;
    const y = ((e.clientY - box.top) / box.height) * B.height;
    let best = pts[0];
    const d = (p: number[]) => (p[1] - x) ** 2 + (p.length > 2 ? (p[2] - y) ** 2 : 0);
    for (const p of pts) if (d(p) < d(best)) best = p;
    const a = this._active;
    // A new value only for another point: each is a render of the whole report, and a pointer sends many moves per point.
    if (best && (a?.chart !== chart || a.i !== best[0])) this._active = { chart, i: best[0], focus: a?.chart === chart && a.focus };
  }

  private _touchpoints(d: Loaded): TemplateResult {
    const m = this._m;
    const f = this._f;
    const rows = Object.entries(d.summary.csat).filter(([, c]) => c.n > 0);
    if (!rows.length) return html`<p>${m.noTouchpoints}</p>`;
    return html`<p>${m.touchpointsText}</p>
        <ul class="plain">
          ${rows.map(([q, c]) => {
            const line = t(m, 'touchpointLine', { question: this._labelOf(q), csat: f.pct(c.csat), low: f.pct(c.low), high: f.pct(c.high), n: c.n });
            return html`<li class="meter">
              <span>${this._labelOf(q)}</span>
              <svg viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label=${line}>
                <rect class="axis" x="0" y="3" width="100" height="4"/>
                <rect class="band" x=${c.low} y="1" width=${Math.max(0.5, c.high - c.low)} height="8"/>
                <rect class="mark" x=${Math.max(0, c.csat - 0.75)} y="0" width="1.5" height="10"/>
              </svg>
              <span>${f.pct(c.csat)}</span>
            </li>`;
          })}
        </ul>
        ${this._table('touchpoints', m.touchpoints, [m.question, m.csat, m.low, m.high, m.mean, 'n'], rows.map(([q, c]) => [
          this._labelOf(q), f.pct(c.csat), f.pct(c.low), f.pct(c.high), dash(c.mean, f.dec), c.n,
        ]))}`;
  }

  private _drivers(d: Loaded): TemplateResult {
    const m = this._m;
    const f = this._f;
    const dr = this._pick(d.driverGroups, d.drivers);
    const placed = dr ? dr.drivers.filter((x) => x.share !== null && x.performance !== null && x.quadrant) : [];
    if (!dr || placed.length < 2) return html`${this._groupNote()}<p>${m.driversNone}</p>`;
    const g = mapGeometry(placed);
    const active = this._active?.chart === 'map' ? g.marks[this._active.i] : undefined;
    const sentences = placed.map((x, i) => driverSentence(m, this._labelOf(x.driver), x.quadrant!, i));
    // The questions left out or answered by few, by name (the outcome's own warning is not one of them).
    const warned = [...new Set(dr.warnings.flatMap((w) => (w.question && w.question !== dr.outcome ? [this._labelOf(w.question)] : [])))];
    const pointText = (i: number) => {
      const x = placed[i];
      return `${this._labelOf(x.driver)}: ${m.share} ${f.pct(x.share!)}, ${m.performance} ${f.dec(x.performance!)}`;
    };
    const B = MAP_BOX;
    const x1 = B.width - B.right;
    const y1 = B.height - B.bottom;
    return html`${this._groupNote()}<p id="drivers-desc">${t(m, 'driversText', { r2: dash(dr.r2 && dr.r2 * 100, f.pct), n: dr.n })}</p>
        ${this._chart('map', 'drivers', g.marks.map((k, i) => [i, k.x, k.y]), B,
          // As the trend's: no line breaks between the elements.
          svg`<path class="axis" d=${g.frame}/><path class="axis" d=${g.cross} stroke-dasharray="4 3"/>${
            (['fix first', 'keep', 'low priority', 'maintain'] as const).map((q, i) => {
              // In the corners: important ones at the top, well performing ones on the right.
              const right = i % 2 === 1;
              return svg`<text x=${right ? x1 - 6 : B.left + 6} y=${i < 2 ? B.top + 14 : y1 - 6} text-anchor=${right ? 'end' : 'start'} aria-hidden="true">${m[`q-${q}`]}</text>`;
            })
          }<text x=${(B.left + x1) / 2} y=${B.height - 8} text-anchor="middle" aria-hidden="true">${m.performance} →</text><text transform="translate(14 ${(B.top + y1) / 2}) rotate(-90)" text-anchor="middle" aria-hidden="true">${m.axisImportance} →</text>${
            g.marks.map(
              (k, i) => svg`<g id="map-point-${i}" role="img" aria-label=${`${pointText(i)}. ${sentences[i]}`}><circle class="mark ${k.driver.quadrant === 'fix first' ? 'down' : ''}" cx=${k.x} cy=${k.y} r="5"/><text x=${k.x + 8} y=${k.y + 4}>${this._labelOf(k.driver.driver)}</text></g>`,
            )
          }${active ? this._tip(active.x, active.y, 10, pointText(this._active!.i), B.width) : nothing}`)}
        <ul class="plain" data-sentences>${sentences.map((s) => html`<li>${s}</li>`)}</ul>
        ${dr.warnings.some((w) => w.code === 'smallSample') ? html`<p class="muted">${m.warnSmallSample}</p>` : nothing}
        ${warned.length ? html`<p class="muted" data-warned>${t(m, 'warnOther', { questions: new Intl.ListFormat(m.$lang).format(warned) })}</p>` : nothing}
        ${this._table('drivers', m.drivers, [m.question, m.share, m.performance, m.mean, m.quadrant, 'n'], placed.map((x) => [
          this._labelOf(x.driver), f.pct(x.share!), f.dec(x.performance!), dash(x.mean, f.dec), m[`q-${x.quadrant!}`], x.n,
        ]))}`;
  }

  private _themes(d: Loaded): TemplateResult {
    const m = this._m;
    const f = this._f;
    const th = d.themes;
    if (!th.comments || !th.terms.length) return html`<p>${m.themesNone}</p>`;
    const terms = th.terms.slice(0, 30);
    return html`<p>${t(m, 'themesText', { comments: f.whole(th.comments) })}</p>
        <div class="terms" role="group" aria-label=${m.term}>
          ${terms.map(
            (x) => html`<button
              type="button"
              data-term=${x.term}
              class=${x.logOdds !== null && x.logOdds > 1.96 ? 'neg' : ''}
              aria-pressed=${this._filter.term === x.term}
              @click=${() => this._chooseTerm(x.term)}
            >${x.term} <span class="muted">${f.whole(x.mentions)}</span></button>`,
          )}
        </div>
        ${this._table('themes', m.themes, [m.term, m.touchpoint, m.mentions, m.promoters, m.passives, m.detractors], terms.map((x) => [
          x.term, touchpointLabel(m, x.touchpoint), x.mentions, x.byCategory.promoter, x.byCategory.passive, x.byCategory.detractor,
        ]))}`;
  }

  private _chooseTerm(term: string): void {
    this._setFilter({ term: this._filter.term === term ? '' : term });
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#comments-title')?.scrollIntoView?.({ block: 'nearest' }));
  }

  private _commentsPart(d: Loaded): TemplateResult {
    const m = this._m;
    const f = this._f;
    const c = this._comments;
    if (!c) return SKELETON.list;
    const fl = this._filter;
    const terms = [...new Set([...d.themes.terms.slice(0, 30).map((x) => x.term), ...(fl.term ? [fl.term] : [])])];
    const shown = c.responses.map((r) => ({ r, texts: commentsOf(r) })).filter(({ texts }) => texts.length);
    // The survey's Likert questions, as the touchpoints part shows them; the collector filters by one (touchpoint=).
    const touchpoints = Object.keys(d.summary.csat).filter((q) => d.summary.csat[q].n > 0);
    // A filter of the collector's (category=, touchpoint=, q= as term): its options after "all".
    const filter = (name: 'category' | 'touchpoint' | 'term', label: string, options: [string, string][]) =>
      select(label, name, fl[name], [['', m.all], ...options], (v) => this._setFilter({ [name]: v }));
    return html`<p>${m.commentsText}</p>
        <div class="filters">
          ${filter('category', m.category, CATEGORIES.map((k) => [k, m[`${k}s`]]))}
          ${filter('touchpoint', m.touchpoint, touchpoints.map((k) => [k, this._labelOf(k)]))}
          ${filter('term', m.term, terms.map((k) => [k, k]))}
          <label>${m.date}<input type="date" name="day" .value=${fl.day} min=${d.from} max=${d.to} @change=${(e: Event) => this._setFilter({ day: value(e) })} /></label>
        </div>
        ${shown.length
          ? html`<ul class="plain" data-comments>
              ${shown.map(({ r, texts }) => {
                const nps = r.scores.nps;
                const hidden = redactedCount(r);
                return html`<li class="comment" data-id=${r.id}>
                  <span class="muted"><time datetime=${r.createdAt}>${f.when(r.createdAt, this._tz)}</time>${nps && 'value' in nps ? ` · NPS ${nps.value}` : ''}${typeof r.context.orderId === 'string' ? ` · ${m.order} ${r.context.orderId}` : ''}</span>
                  ${texts.map((s) => html`<p>${s}</p>`)}
                  ${hidden ? html`<span class="muted">${t(m, 'redacted', { n: hidden })}</span>` : nothing}
                </li>`;
              })}
            </ul>`
          : html`<p>${m.noComments}</p>`}
        <div class="pager">
          <button type="button" ?disabled=${c.page <= 1} @click=${() => this._commentsPage(this._cursors[c.page - 2] ?? null, c.page <= 2)}>${m.previous}</button>
          <span>${t(m, 'page', { n: c.page })}</span>
          <button type="button" ?disabled=${!c.next} @click=${() => this._commentsPage(c.next)}>${m.next}</button>
        </div>`;
  }

  private _followUps(d: Loaded): TemplateResult {
    const m = this._m;
    const f = this._f;
    const sla = this.slaHours > 0 ? this.slaHours : 24;
    const now = new Date();
    const rows = d.followUps;
    if (!rows.length) return html`<p>${m.followUpsNone}</p>`;
    // Worked out once for the list and its table.
    const items = rows.map((r) => {
      const w = waiting(r.createdAt, now, sla);
      return { r, order: String(r.context.orderId ?? ''), scores: followUpScores(r, this._labelOf), age: ageText(m, f, w.hours), sla: w.state };
    });
    return html`<p>${t(m, d.moreFollowUps ? 'followUpsMore' : 'followUpsText', { n: rows.length, sla })}</p>
        <ul class="plain" data-follow-ups>
          ${items.map(({ r, order, scores, age, sla }) => {
            const id = `note-${r.id}`;
            // Keyed: a row marked done takes its DOM (focus, typed note) with it, not left to the next order.
            return keyed(r.id, html`<li class="follow-up" data-id=${r.id}>
              <span><strong tabindex="-1">${m.order} ${order}</strong> · ${scores.join(' · ')}</span>
              <span class="sla ${sla}">${m[sla]} · ${m.age} ${age}</span>
              ${commentsOf(r).map((s) => html`<p>${s}</p>`)}
              <form class="done-form" @submit=${(e: Event) => this._markDone(e, r)}>
                <label for=${id}>${m.note}<input id=${id} name="note" maxlength="2000" .value=${this._notes.get(r.id) ?? ''} @input=${(e: Event) => this._notes.set(r.id, value(e))} /></label>
                <button type="submit" class="primary">${m.markDone}</button>
              </form>
              ${this._message?.id === r.id ? messageLine(this._message) : nothing}
            </li>`);
          })}
        </ul>
        ${this._table('follow-ups', m.followUps, [m.order, m.score, m.age, m.status], items.map((x) => [x.order, x.scores.join(', '), x.age, m[x.sla]]))}`;
  }

  /** Marks a call-back done at once; puts it back with a message when the collector refuses. */
  private async _markDone(e: Event, r: StoredResponse): Promise<void> {
    e.preventDefault();
    const m = this._m;
    const d = this._loaded;
    if (!d) return;
    const note = (this._notes.get(r.id) ?? '').trim();
    const order = String(r.context.orderId ?? '');
    const at = d.followUps.indexOf(r);
    this._loaded = { ...d, followUps: d.followUps.filter((x) => x !== r) };
    // Focus on the order now in its place (else the one before, else the part's title): a heading, not a button
    // an Enter would send with the wrong order.
    void this.updateComplete.then(() => {
      const rows = this.renderRoot.querySelectorAll<HTMLElement>('[data-follow-ups] strong, #follow-ups-title');
      (rows[at + 1] ?? rows[at]).focus();
    });
    try {
      await this._get(`/v1/responses/${encodeURIComponent(r.id)}`, {}, patchedCheck, undefined, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ followUp: { status: 'done', note: note || null } }),
      });
      this._notes.delete(r.id);
      this._message = { text: t(m, 'doneOk', { order }), error: false };
      this._emit('koubei-follow-up', { id: r.id, orderId: order, note });
    } catch (err) {
      const now = this._loaded!;
      if (!now.followUps.includes(r)) {
        const list = [...now.followUps];
        list.splice(Math.min(at, list.length), 0, r);
        this._loaded = { ...now, followUps: list };
      }
      // Why, in the report's language: unreachable, the token, unavailable, or the collector's refusal in its words.
      const why = err instanceof ReportError ? this._problemText(err) : String(err);
      this._message = { text: t(m, 'doneFailed', { order, error: why }), error: true, id: r.id };
    }
  }
}

/** What a part shows while its numbers load: blocks of the final size, so nothing moves when they arrive. */
const SKELETON = {
  lines: html`<span class="skeleton lines"></span>`,
  list: html`<span class="skeleton list"></span>`,
  trend: html`<div class="chart trend"><span class="skeleton"></span></div>`,
  map: html`<div class="chart map"><span class="skeleton"></span></div>`,
};

/** A trend point's mark: a triangle pointing up or down for a significant change, else a dot (hollow when few answered). */
const mark = (kind: string, x: number, y: number, r = kind === 'few' ? 3.5 : 3) => {
  const s = kind === 'up' ? 1 : -1;
  return kind === 'up' || kind === 'down'
    ? svg`<path class="mark ${kind}" d="M${x} ${y - 6 * s}L${x + 6} ${y + 4 * s}L${x - 6} ${y + 4 * s}Z"/>`
    : svg`<circle class="mark ${kind}" cx=${x} cy=${y} r=${r}/>`;
};

/** The promoter, passive and detractor shares (%) as three rects side by side. */
function bars(shares: number[]) {
  let x = 0;
  return shares.map((w, i) => {
    const r = svg`<rect class=${CATEGORIES[i]} x=${x} y="0" width=${w} height="4"/>`;
    x += w;
    return r;
  });
}

/**
 * A table row as one template per number of columns (4 to 8, the report's tables): one clone per row
 * rather than a template per cell, which made the tables most of the first render's script time.
 */
const row = (r: (string | number)[]) => {
  const [a, b, c, d, e, f, g, h] = r;
  const n = r.length;
  return n < 5 ? html`<tr><th scope="row">${a}</th><td>${b}</td><td>${c}</td><td>${d}</td></tr>`
    : n < 6 ? html`<tr><th scope="row">${a}</th><td>${b}</td><td>${c}</td><td>${d}</td><td>${e}</td></tr>`
    : n < 7 ? html`<tr><th scope="row">${a}</th><td>${b}</td><td>${c}</td><td>${d}</td><td>${e}</td><td>${f}</td></tr>`
    : n < 8 ? html`<tr><th scope="row">${a}</th><td>${b}</td><td>${c}</td><td>${d}</td><td>${e}</td><td>${f}</td><td>${g}</td></tr>`
    : html`<tr><th scope="row">${a}</th><td>${b}</td><td>${c}</td><td>${d}</td><td>${e}</td><td>${f}</td><td>${g}</td><td>${h}</td></tr>`;
};

/** A labelled select of `options` as [value, text]; `change` gets the value chosen. */
const select = (label: string, name: string, selected: string, options: [string, string][], change: (v: string) => void) =>
  html`<label>${label}<select name=${name} @change=${(e: Event) => change(value(e))}>
    ${options.map(([k, text]) => html`<option value=${k} ?selected=${selected === k}>${text}</option>`)}
  </select></label>`;

/** A message: an error is an alert, anything else a status. */
const messageLine = (x?: { text: string; error: boolean }) =>
  x ? html`<p class="message ${x.error ? 'error' : ''}" role=${x.error ? 'alert' : 'status'}>${x.text}</p>` : nothing;

/** A number formatted, or a dash where there is none. */
const dash = (v: number | null, format: (v: number) => string) => (v === null ? '–' : format(v));

const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

/** The nearest value of an attribute on the element or an ancestor, across shadow roots (lang, theme). */
function closestAttr(el: Element, name: string): string | undefined {
  for (let n: Node | null = el; n; n = n.parentNode ?? (n as ShadowRoot).host ?? null) {
    const v = (n as Element).getAttribute?.(name);
    if (v) return v;
  }
  return undefined;
}

/** Whether `f` runs without throwing: an IANA time zone Intl knows, a real calendar date. */
const valid = (f: () => unknown) => {
  try {
    f();
    return true;
  } catch {
    return false;
  }
};

/** `question-labels='{"delivery":"物流配送"}'`: anything else is ignored with a console warning. */
function parseLabels(v: string | null): Record<string, string> {
  if (!v) return {};
  try {
    const o = JSON.parse(v) as unknown;
    if (o && typeof o === 'object' && !Array.isArray(o)) return Object.fromEntries(Object.entries(o).filter(([, x]) => typeof x === 'string')) as Record<string, string>;
  } catch {
    /* falls through */
  }
  console.warn(`[koubei] <koubei-report> question-labels: not a JSON object: ${v}`);
  return {};
}

/** The report's events: they bubble and are composed, so a page may listen on the element, the document or window. */
export interface KoubeiReportEventMap {
  'koubei-report-load': CustomEvent<KoubeiReportLoadDetail>;
  'koubei-report-error': CustomEvent<KoubeiReportErrorDetail>;
  'koubei-follow-up': CustomEvent<KoubeiFollowUpDetail>;
}

// Where every listener looks, as the survey's (src/events.ts): window, document and elements all extend
// GlobalEventHandlersEventMap, so document.addEventListener('koubei-follow-up', (e) => e.detail.orderId) is typed.
declare global {
  interface HTMLElementTagNameMap {
    'koubei-report': KoubeiReport;
  }
  interface GlobalEventHandlersEventMap extends KoubeiReportEventMap {}
}
