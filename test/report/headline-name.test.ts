// The report's headline is read once: its region and heading name the score ("Net Promoter Score"), and the
// sentence under them starts with the figure ("NPS 19 (±7, n = 412) ..."); a screen reader never says "NPS NPS".
import { expect } from '@open-wc/testing';
import { accessibleName } from '../support/form-control-suite.js';
import { cleanup, mount, startCollector } from './support.js';

/** What a screen reader says entering the part: the region's name, then the heading, then the sentence. */
function spoken(root: ShadowRoot): string[] {
  const part = root.querySelector('section[part=headline]')!;
  expect(part.getAttribute('aria-labelledby'), 'the part is a named region').to.be.a('string');
  return [accessibleName(part), accessibleName(part.querySelector('h3')!), accessibleName(part.querySelector('[data-headline]')!)];
}

/** Two words in a row that are the same (case-insensitive), as heard when one name runs into the next. */
const repeated = (said: string): string[] => {
  const words = said.toLowerCase().split(/[\s(),;:（），；：]+/).filter(Boolean);
  return words.filter((w, i) => i > 0 && w === words[i - 1]);
};

describe('<koubei-report> headline names', function () {
  this.timeout(60_000);
  before(startCollector);
  afterEach(cleanup);

  for (const [lang, name] of [['en', 'Net Promoter Score'], ['zh-CN', '净推荐值'], ['zh-TW', '淨推薦值']]) {
    it(`${lang}: region and heading "${name}", then the sentence with the figure, no word said twice in a row`, async () => {
      const { root } = await mount({ lang });
      const [region, heading, sentence] = spoken(root);
      expect(region).to.equal(name);
      expect(heading).to.equal(name);
      expect(sentence).to.match(/^NPS -?\d+/);
      // Heading then sentence: "Net Promoter Score. NPS 19 ...", not "NPS. NPS 19 ...".
      expect(repeated(`${heading} ${sentence}`)).to.deep.equal([]);
      // The numbers table is captioned the same way, and its column still says NPS.
      const table = root.querySelector('table[data-table=headline]')!;
      expect(accessibleName(table.querySelector('caption')!)).to.equal(name);
    });
  }
});
