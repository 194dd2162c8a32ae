/**
 * Types for Koubei's elements in Vue 3 templates, checked by vue-tsc / Vue - Official (Volar) through Vue's
 * `GlobalComponents`, the way Vue's guide types custom elements not built with Vue ("Non-Vue Web Components and
 * TypeScript", vuejs.org/guide/extras/web-components): a constructor whose instance carries `$props` (what the
 * template may set) and `$emit` (the events). Opt in once, in any file of the app: `import type {} from 'koubei/vue';`
 * and tell the compiler the tags are custom elements (`compilerOptions.isCustomElement`, see the README).
 *
 * Keys: vue-tsc checks a component's kebab-case attributes under their camelCase names (`low-label` as `lowLabel`),
 * so props are camelCase. Values: Vue sets a property when the element has one (`points="7"` sets `el.points`
 * to the string '7', `:labels="[…]"` the array) and an attribute otherwise; the elements take either.
 *
 * Vue TSX (`jsxImportSource: 'vue'`) is typed too: there props are as written (attribute names, or the camelCase
 * properties behind them) and events are `onKoubeiSubmit`.
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { CamelCase, Camelized, KoubeiElements } from './element-props.js';

/** Props in both forms: the property's type or the attribute's (a template's `question-labels="{…}"` is text). */
type Either<A, B> = Omit<A, keyof B> & { [K in keyof B]: B[K] | (K extends keyof A ? A[K] : never) };

/** What a Vue template may set on `<koubei-…>`. */
export type KoubeiVueProps<T extends keyof KoubeiElements> = Either<Camelized<KoubeiElements[T]['props']>, KoubeiElements[T]['property']>;

/** Vue reads event types from `$emit`: `@koubei-submit="(e) => …"` gets the CustomEvent. */
type VueEmit<Events> = EmitFn<{ [K in keyof Events]: (event: Events[K]) => void }>;

/** A custom element as a Vue component type (the guide's DefineCustomElement helper). */
export type KoubeiVueElement<T extends keyof KoubeiElements> = new () => KoubeiElements[T]['element'] & {
  /** @deprecated Template type checking only: no such property on the element. */
  $props: HTMLAttributes & KoubeiVueProps<T> & PublicProps;
  /** @deprecated Template type checking only: no such method on the element. */
  $emit: VueEmit<KoubeiElements[T]['events']>;
};

/** Vue's JSX turns `onKoubeiSubmit` into a listener for `koubei-submit`. */
type JsxEvents<Events> = { [K in keyof Events & string as `on${Capitalize<CamelCase<K>>}`]?: (event: Events[K]) => void };

/**
 * What `<koubei-…>` takes in Vue TSX: the attribute names and the camelCase properties behind them; `show-when`
 * and `data-*` only as attributes (Vue would write `showWhen` as a lower-case attribute the element never reads).
 */
export type KoubeiVueJsxProps<T extends keyof KoubeiElements, P = KoubeiElements[T]['props'], Prop = KoubeiElements[T]['property']> =
  HTMLAttributes & P & Omit<Camelized<P, 'show-when'>, keyof Prop> & Prop & JsxEvents<KoubeiElements[T]['events']>;

declare module 'vue' {
  interface IntrinsicElementAttributes {
    'koubei-survey': KoubeiVueJsxProps<'koubei-survey'>;
    'koubei-nps': KoubeiVueJsxProps<'koubei-nps'>;
    'koubei-likert': KoubeiVueJsxProps<'koubei-likert'>;
    'koubei-text': KoubeiVueJsxProps<'koubei-text'>;
    'koubei-choice': KoubeiVueJsxProps<'koubei-choice'>;
    'koubei-report': KoubeiVueJsxProps<'koubei-report'>;
  }
  interface GlobalComponents {
    'koubei-survey': KoubeiVueElement<'koubei-survey'>;
    'koubei-nps': KoubeiVueElement<'koubei-nps'>;
    'koubei-likert': KoubeiVueElement<'koubei-likert'>;
    'koubei-text': KoubeiVueElement<'koubei-text'>;
    'koubei-choice': KoubeiVueElement<'koubei-choice'>;
    'koubei-report': KoubeiVueElement<'koubei-report'>;
  }
}
