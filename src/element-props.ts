/**
 * What each Koubei element takes from a framework template, shared by the React 19 types (jsx.ts) and the Vue 3
 * types (vue.ts). Keys are the attribute names. Values are what templates pass: React 19 and Vue 3 set a property
 * when the element has one (`points`, `labels`, `required`, …) and an attribute otherwise (`survey-id`,
 * `low-label`, …), so numbers and booleans may come as strings and lists as arrays; the elements accept all of them.
 */
import type { KoubeiChoice } from './components/choice/choice.js';
import type { KoubeiLikert } from './components/likert/likert.js';
import type { KoubeiNps } from './components/nps/nps.js';
import type { KoubeiReport, KoubeiReportEventMap } from './components/report/report.js';
import type { KoubeiSurvey } from './components/survey/survey.js';
import type { KoubeiText } from './components/text/text.js';
import type { KoubeiErrorDetail, KoubeiEventMap } from './events.js';

/** A boolean as templates write it: `required`, `required={true}`, `required="false"`. */
export type Bool = boolean | 'true' | 'false' | '';
/** A number as templates write it: `points={7}` or `points="7"`. */
export type Num = number | `${number}`;
export type Theme = 'light' | 'dark' | 'auto';

/** What every question takes. */
export interface QuestionProps {
  /** The answer's key (and the form field's name). */
  name?: string;
  question?: string;
  required?: Bool;
  disabled?: Bool;
  theme?: Theme;
  lang?: string;
  /** Inside a survey: shown only when an earlier answer matches, `nps:detractor`, `delivery:1-2`, `reason:late`. */
  'show-when'?: string;
}

export interface KoubeiSurveyProps {
  'survey-id'?: string | number;
  endpoint?: string;
  'submit-label'?: string;
  'thank-you'?: string;
  theme?: Theme;
  lang?: string;
  display?: 'inline' | 'popover';
  position?: 'bottom-right' | 'bottom-left' | 'bottom';
  delay?: Num;
  trigger?: 'load' | 'idle' | 'exit' | `scroll:${number}` | `scroll:${number}%`;
  'once-per'?: 'order' | 'none';
  'recontact-days'?: Num;
  sample?: Num;
  steps?: Bool;
  prefill?: 'url';
  'context-params'?: string;
  /** Context fields: `data-order-id` → `context.orderId`. */
  [data: `data-${string}`]: string | number | undefined;
}
export interface KoubeiNpsProps extends QuestionProps {
  brand?: string;
  'low-label'?: string;
  'high-label'?: string;
  value?: Num | null;
}
export interface KoubeiLikertProps extends QuestionProps {
  points?: 3 | 4 | 5 | 7 | '3' | '4' | '5' | '7';
  /** `差|一般|好` or an array. */
  labels?: string | readonly string[];
  variant?: 'labels' | 'numbers' | 'stars' | 'emoji';
  value?: Num | null;
}
export interface KoubeiTextProps extends QuestionProps {
  placeholder?: string;
  maxlength?: Num;
  rows?: Num;
  value?: string | null;
}
export interface KoubeiChoiceProps extends QuestionProps {
  multiple?: Bool;
  /** `late|damaged|other` or an array (else `<option>` children). */
  options?: string | readonly string[];
  other?: Bool;
  min?: Num;
  max?: Num;
  value?: string | readonly string[] | null;
}
export interface KoubeiReportProps {
  /** The collector's base URL; empty: this page's origin. */
  src?: string;
  /** The admin token: pass it as a property (React 19 and Vue 3 do for `token`), never write it into HTML. */
  token?: string;
  'survey-id'?: string | number;
  /** YYYY-MM-DD. */
  from?: string;
  to?: string;
  interval?: 'day' | 'week' | 'month';
  'time-zone'?: string;
  'group-by'?: string;
  'sla-hours'?: Num;
  /** JSON, `{"delivery": "物流配送"}` (as an attribute; the property `questionLabels` takes the object). */
  'question-labels'?: string;
  theme?: Theme;
  lang?: string;
}

/** The property behind a kebab-case attribute: `survey-id` → `surveyId`. */
export type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
/** The same props under camelCase names; `data-*` and the keys in `Drop` left out. */
export type Camelized<P, Drop extends string = never> = {
  [K in keyof P as K extends `data-${string}` | Drop ? never : K extends string ? CamelCase<K> : never]: P[K];
};

/** Events of a question (besides the native `input` and `change`). */
export interface QuestionEvents {
  'koubei-error': CustomEvent<KoubeiErrorDetail>;
}
/** Events of the survey (they bubble, so they can also be heard on an ancestor). */
export type SurveyEvents = KoubeiEventMap;
/** Events of the report: its own event map, so the two cannot drift. */
export type ReportEvents = KoubeiReportEventMap;

/**
 * Every Koubei element: its class, what a template may set (attribute names; `property`: the camelCase properties
 * whose type differs from their attribute's) and the events it fires. jsx.ts and vue.ts are made from this list.
 */
export interface KoubeiElements {
  'koubei-survey': { element: KoubeiSurvey; props: KoubeiSurveyProps; property: {}; events: SurveyEvents };
  'koubei-nps': { element: KoubeiNps; props: KoubeiNpsProps; property: {}; events: QuestionEvents };
  'koubei-likert': { element: KoubeiLikert; props: KoubeiLikertProps; property: {}; events: QuestionEvents };
  'koubei-text': { element: KoubeiText; props: KoubeiTextProps; property: {}; events: QuestionEvents };
  'koubei-choice': { element: KoubeiChoice; props: KoubeiChoiceProps; property: {}; events: QuestionEvents };
  'koubei-report': {
    element: KoubeiReport;
    props: KoubeiReportProps;
    property: { questionLabels?: Readonly<Record<string, string>>; slaHours?: number };
    events: ReportEvents;
  };
}
