// Type-checked by `npx tsc -p test/types` (test/node/types.test.js): Koubei's elements in React 19 TSX.
import type {} from '../../src/jsx.js';

export const ok = (
  <koubei-survey survey-id="post-purchase" data-order-id="A1001" onkoubei-submit={(e) => console.log(e.detail.answers)}>
    <koubei-nps brand="优选生活" required />
    <koubei-likert name="delivery" points="7" labels={['差', '较差', '一般', '好', '很好', '非常好', '完美']} />
    <koubei-text name="note" maxlength={500} />
    <koubei-choice name="reason" multiple options={['late', 'damaged']} max="2" />
  </koubei-survey>
);

// @ts-expect-error brand is text
export const badBrand = <koubei-nps brand={3} />;
// @ts-expect-error a Likert has 3, 4, 5 or 7 points
export const badPoints = <koubei-likert points={6} />;
// @ts-expect-error not an attribute of koubei-nps
export const unknown = <koubei-nps colour="red" />;
