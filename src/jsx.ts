/**
 * Types for Koubei's elements in React 19 JSX and Vue 3 templates, which set properties with the template's types
 * (Koubei accepts strings for numbers and booleans, arrays for lists). Opt in once, in any file of the app:
 * `import type {} from 'koubei/jsx';` (needs @types/react or vue in the app).
 */
import type { KoubeiChoice } from './components/choice/choice.js';
import type { KoubeiLikert } from './components/likert/likert.js';
import type { KoubeiNps } from './components/nps/nps.js';
import type { KoubeiSurvey } from './components/survey/survey.js';
import type { KoubeiText } from './components/text/text.js';
import type { KoubeiErrorDetail } from './events.js';
import type { KoubeiResponse } from './schema.js';

type Bool = boolean | 'true' | 'false' | '';
type Num = number | `${number}`;

/** What every question takes. */
interface QuestionProps {
  name?: string;
  question?: string;
  required?: Bool;
  disabled?: Bool;
  theme?: 'light' | 'dark' | 'auto';
  lang?: string;
  'show-when'?: string;
}

export interface KoubeiSurveyProps {
  'survey-id'?: string | number;
  surveyId?: string | number;
  endpoint?: string;
  'submit-label'?: string;
  'thank-you'?: string;
  theme?: 'light' | 'dark' | 'auto';
  lang?: string;
  display?: 'inline' | 'popover';
  position?: 'bottom-right' | 'bottom-left' | 'bottom';
  delay?: Num;
  trigger?: string;
  'once-per'?: 'order' | 'none';
  'recontact-days'?: Num;
  sample?: Num;
  steps?: Bool;
  prefill?: 'url';
  'context-params'?: string;
  [data: `data-${string}`]: string | undefined;
}
export interface KoubeiNpsProps extends QuestionProps {
  brand?: string;
  'low-label'?: string;
  'high-label'?: string;
  value?: Num | null;
}
export interface KoubeiLikertProps extends QuestionProps {
  points?: 3 | 4 | 5 | 7 | '3' | '4' | '5' | '7';
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
  options?: string | readonly string[];
  other?: Bool;
  min?: Num;
  max?: Num;
  value?: string | readonly string[] | null;
}

/** React 19 passes `on<event>` for custom events to addEventListener as `<event>`. */
interface SurveyEvents {
  'onkoubei-submit'?: (e: CustomEvent<KoubeiResponse>) => void;
  'onkoubei-error'?: (e: CustomEvent<KoubeiErrorDetail>) => void;
  'onkoubei-skip'?: (e: CustomEvent<{ surveyId: string; reason: string }>) => void;
}

type ReactProps<E, P> = import('react').DetailedHTMLProps<import('react').HTMLAttributes<E>, E> & P;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'koubei-survey': ReactProps<KoubeiSurvey, KoubeiSurveyProps & SurveyEvents>;
      'koubei-nps': ReactProps<KoubeiNps, KoubeiNpsProps>;
      'koubei-likert': ReactProps<KoubeiLikert, KoubeiLikertProps>;
      'koubei-text': ReactProps<KoubeiText, KoubeiTextProps>;
      'koubei-choice': ReactProps<KoubeiChoice, KoubeiChoiceProps>;
    }
  }
}
