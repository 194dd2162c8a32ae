// Type-checked by `npx tsc -p test/types` (test/node/types.test.js): Koubei's elements in Vue 3 templates.
// Every @ts-expect-error line fails the check if the types accept what it marks as wrong.
//
// vue-tsc is not installed, so this file does with tsc what vue-tsc does with a template once a tag is in
// GlobalComponents (@vue/language-core's template code generation): the attributes, kebab-case names camelized,
// become an object literal checked against the `$props` of an instance of the component type, and an
// `@event` handler against its `$emit`. `<koubei-nps brand="优选" required>` becomes
// `template('koubei-nps', { brand: '优选', required: true })`. (Without `strictTemplates`, vue-tsc also lets
// unknown attributes through as fallthrough attributes; wrong types of known ones fail either way.)
import type { GlobalComponents } from 'vue';
import type {} from '../../src/vue.js';
import type {} from '../../src/index.js';
import type {} from '../../src/report.js';
import type { KoubeiErrorDetail } from '../../src/events.js';
import type { KoubeiResponse } from '../../src/schema.js';

type TemplateProps<T extends keyof GlobalComponents> = InstanceType<GlobalComponents[T]> extends { $props: infer P } ? P : never;
type TemplateEmit<T extends keyof GlobalComponents> = InstanceType<GlobalComponents[T]> extends { $emit: infer E } ? E : never;
declare function template<T extends keyof GlobalComponents>(tag: T, props: TemplateProps<T>): void;
declare function emitter<T extends keyof GlobalComponents>(tag: T): TemplateEmit<T>;
declare const response: CustomEvent<KoubeiResponse>;

// Every koubei-* tag the elements declare (HTMLElementTagNameMap) is a global component: a new element without
// Vue types makes the two sets differ and this line fail.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const everyTag: Same<Extract<keyof HTMLElementTagNameMap, `koubei-${string}`>, Extract<keyof GlobalComponents, `koubei-${string}`>> = true;

// <koubei-survey survey-id="post-purchase" endpoint="/feedback" once-per="none" steps="false" class="card">
template('koubei-survey', { surveyId: 'post-purchase', endpoint: '/feedback', oncePer: 'none', steps: 'false', class: 'card' });
// <koubei-survey :survey-id="42" recontact-days="30" display="popover" trigger="scroll:50%">
template('koubei-survey', { surveyId: 42, recontactDays: '30', display: 'popover', trigger: 'scroll:50%' });
// <koubei-nps brand="优选生活" required low-label="不可能" :value="7">
template('koubei-nps', { brand: '优选生活', required: true, lowLabel: '不可能', value: 7 });
// <koubei-likert name="delivery" points="7" :labels="['差', …]" variant="stars" required="false">
template('koubei-likert', { name: 'delivery', points: '7', labels: ['差', '较差', '一般', '好', '很好', '非常好', '完美'], variant: 'stars', required: 'false' });
// <koubei-text name="note" maxlength="500" show-when="nps:detractor">
template('koubei-text', { name: 'note', maxlength: '500', showWhen: 'nps:detractor' });
// <koubei-choice name="reason" multiple :options="['late', 'damaged']" max="2" :value="['late']" other>
template('koubei-choice', { name: 'reason', multiple: true, options: ['late', 'damaged'], max: '2', value: ['late'], other: true });
// <koubei-report :token="token" :question-labels="{ delivery: '物流配送' }" sla-hours="48" interval="month">
template('koubei-report', { token: 't', questionLabels: { delivery: '物流配送' }, slaHours: '48', interval: 'month' });
// <koubei-report question-labels='{"delivery": "物流配送"}'> (the attribute: JSON text)
template('koubei-report', { questionLabels: '{"delivery": "物流配送"}' });

// @ts-expect-error <koubei-nps :brand="3">: brand is text
template('koubei-nps', { brand: 3 });
// @ts-expect-error <koubei-likert points="6">: a Likert has 3, 4, 5 or 7 points
template('koubei-likert', { points: '6' });
// @ts-expect-error <koubei-likert :labels="[1, 2, 3]">: labels are text
template('koubei-likert', { labels: [1, 2, 3] });
// @ts-expect-error <koubei-choice max="seven">: a number, as a number or as text
template('koubei-choice', { max: 'seven' });
// @ts-expect-error <koubei-survey display="modal">: inline or popover
template('koubei-survey', { display: 'modal' });
// @ts-expect-error <koubei-text required="yes">: true, false, "true", "false" or ""
template('koubei-text', { required: 'yes' });
// @ts-expect-error <koubei-nps colour="red"> with strictTemplates: not an attribute of koubei-nps
template('koubei-nps', { colour: 'red' });

// @koubei-submit="(e) => …": e is the CustomEvent of the response.
emitter('koubei-survey')('koubei-submit', response);
emitter('koubei-nps')('koubei-error', new CustomEvent<KoubeiErrorDetail>('koubei-error', { detail: { reason: 'config', message: '' } }));
// @ts-expect-error koubei-submit carries a response, not { ids }
emitter('koubei-survey')('koubei-submit', new CustomEvent<{ ids: string[] }>('koubei-submit', { detail: { ids: [] } }));
// @ts-expect-error a question fires no koubei-submit
emitter('koubei-nps')('koubei-submit', response);
