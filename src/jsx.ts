/**
 * Types for Koubei's elements in React 19 JSX. React 19 sets a property when the element has one and an attribute
 * otherwise, with the template's types; Koubei accepts strings for numbers and booleans and arrays for lists.
 * Opt in once, in any file of the app: `import type {} from 'koubei/jsx';` (needs @types/react 19). For Vue 3
 * templates see `koubei/vue` (vue.ts).
 *
 * Keys: the attribute names (`survey-id`, `low-label`: set as attributes), and the camelCase properties behind
 * them (`surveyId={42}`: set as properties). `show-when` and `data-*` are attributes only, so their camelCase
 * forms are refused (React would write them as lower-case attributes the element never reads).
 */
import type { Camelized, KoubeiElements } from './element-props.js';

export type {
  Bool, KoubeiChoiceProps, KoubeiElements, KoubeiLikertProps, KoubeiNpsProps, KoubeiReportProps, KoubeiSurveyProps,
  KoubeiTextProps, Num, QuestionProps,
} from './element-props.js';

/** React 19 passes `on<event>` for a custom element to addEventListener as `<event>`: `onkoubei-submit`. */
type ReactEvents<Events> = { [K in keyof Events & string as `on${K}`]?: (event: Events[K]) => void };

type Props<T extends keyof KoubeiElements, P = KoubeiElements[T]['props'], Prop = KoubeiElements[T]['property']> = P &
  Omit<Camelized<P, 'show-when'>, keyof Prop> &
  Prop &
  ReactEvents<KoubeiElements[T]['events']>;

/** What `<koubei-…>` takes in React 19 TSX: React's own HTML props and the element's. */
export type KoubeiReactProps<T extends keyof KoubeiElements> = import('react').DetailedHTMLProps<
  import('react').HTMLAttributes<KoubeiElements[T]['element']>,
  KoubeiElements[T]['element']
> &
  Props<T>;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'koubei-survey': KoubeiReactProps<'koubei-survey'>;
      'koubei-nps': KoubeiReactProps<'koubei-nps'>;
      'koubei-likert': KoubeiReactProps<'koubei-likert'>;
      'koubei-text': KoubeiReactProps<'koubei-text'>;
      'koubei-choice': KoubeiReactProps<'koubei-choice'>;
      'koubei-report': KoubeiReactProps<'koubei-report'>;
    }
  }
}
