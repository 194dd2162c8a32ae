// Type-checked by `npx tsc -p test/types` (test/node/types.test.js): Koubei's elements in React 19 TSX.
// Every @ts-expect-error line fails the check if the types accept what it marks as wrong.
import type {} from '../../src/jsx.js';
import type { KoubeiResponse } from '../../src/schema.js';

const keep = (r: KoubeiResponse) => r.answers;

export const ok = (
  <koubei-survey survey-id="post-purchase" data-order-id="A1001" onkoubei-submit={(e) => keep(e.detail)} onkoubei-skip={(e) => e.detail.reason}>
    <koubei-nps brand="优选生活" required low-label="不可能" highLabel="非常可能" />
    <koubei-likert name="delivery" points="7" labels={['差', '较差', '一般', '好', '很好', '非常好', '完美']} required="false" />
    <koubei-text name="note" maxlength={500} show-when="nps:detractor" onkoubei-error={(e) => e.detail.attribute} />
    <koubei-choice name="reason" multiple options={['late', 'damaged']} max="2" value={['late']} />
  </koubei-survey>
);
export const byProperty = <koubei-survey surveyId={42} oncePer="none" recontactDays="30" />;
export const report = (
  <koubei-report src="https://feedback.shop.example" token="t" questionLabels={{ delivery: '物流配送' }} sla-hours="48" slaHours={48} interval="month" onkoubei-report-load={(e) => e.detail.summary} />
);

// @ts-expect-error brand is text
export const badBrand = <koubei-nps brand={3} />;
// @ts-expect-error a Likert has 3, 4, 5 or 7 points
export const badPoints = <koubei-likert points={6} />;
// @ts-expect-error "7" is a number as text, "seven" is not
export const badMax = <koubei-choice max="seven" />;
// @ts-expect-error not an attribute of koubei-nps
export const unknown = <koubei-nps colour="red" />;
// @ts-expect-error show-when is an attribute only (React would set the lower-case attribute showwhen)
export const camelShowWhen = <koubei-text showWhen="nps:detractor" />;
// @ts-expect-error the attribute question-labels is JSON text; the object goes to the property questionLabels
export const objectAttribute = <koubei-report question-labels={{ delivery: '物流配送' }} />;
// @ts-expect-error koubei-submit's detail is a response, it has no ids
export const badHandler = <koubei-survey onkoubei-submit={(e: CustomEvent<{ ids: string[] }>) => e.detail.ids} />;
