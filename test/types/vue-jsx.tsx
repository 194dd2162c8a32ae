/** @jsxImportSource vue */
// Type-checked by `npx tsc -p test/types`: Koubei's elements in Vue TSX (Vue's own JSX types, vue/jsx-runtime,
// which otherwise take any attribute on an unknown tag). Every @ts-expect-error line fails the check if the types
// accept what it marks as wrong.
import type {} from '../../src/vue.js';
import type { KoubeiResponse } from '../../src/schema.js';

const keep = (r: KoubeiResponse) => r.answers;

// One element per line, without children: under this project's `jsx: "react-jsx"` TypeScript checks children as a
// prop, which Vue's types (made for `jsx: "preserve"`, as Vue's docs set it) do not declare.
export const survey = <koubei-survey survey-id="post-purchase" data-order-id="A1001" onKoubeiSubmit={(e) => keep(e.detail)} />;
export const nps = <koubei-nps brand="优选生活" required low-label="不可能" />;
export const likert = <koubei-likert name="delivery" points="7" labels={['差', '较差', '一般', '好', '很好', '非常好', '完美']} required="false" />;
export const text = <koubei-text name="note" maxlength={500} show-when="nps:detractor" />;
export const choice = <koubei-choice name="reason" multiple options={['late', 'damaged']} max="2" />;
export const byProperty = <koubei-report surveyId={42} questionLabels={{ delivery: '物流配送' }} onKoubeiReportLoad={(e) => e.detail.summary} />;

// @ts-expect-error brand is text
export const badBrand = <koubei-nps brand={3} />;
// @ts-expect-error a Likert has 3, 4, 5 or 7 points
export const badPoints = <koubei-likert points={6} />;
// @ts-expect-error not an attribute of koubei-nps
export const unknown = <koubei-nps colour="red" />;
// @ts-expect-error show-when is an attribute only (Vue would set the lower-case attribute showwhen)
export const camelShowWhen = <koubei-text showWhen="nps:detractor" />;
// @ts-expect-error koubei-submit's detail is a response, it has no ids
export const badHandler = <koubei-survey onKoubeiSubmit={(e: CustomEvent<{ ids: string[] }>) => e.detail.ids} />;
