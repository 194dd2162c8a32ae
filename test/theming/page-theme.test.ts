/**
 * The default theme follows the page, not the phone; theme="auto" follows the phone; text on any
 * accent keeps 4.5:1; the dark theme has its own surface and padding.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { emulateOrSkip } from '../support/media.js';
import '../../src/index.js';
import type { KoubeiNps, KoubeiSurvey } from '../../src/index.js';
import { $, backgroundOf, contrast, over, parseColor, radios, transitionsDone } from '../a11y/helpers.js';

const textColour = (el: Element) => getComputedStyle($(el, '[part~="base"]')).color;
const LIGHT_TEXT = 'rgb(31, 35, 40)'; // #1f2328
const DARK_TEXT = 'rgb(230, 232, 235)'; // #e6e8eb

/** A phone in dark mode (skipped only in Firefox, which cannot emulate it; see test/support/media.ts). */
const dark = (ctx: Mocha.Context) => emulateOrSkip(ctx, { colorScheme: 'dark' }, '(prefers-color-scheme: dark)');

describe('the default theme follows the page', () => {
  afterEach(async () => {
    document.querySelectorAll('meta[name="color-scheme"]').forEach((m) => m.remove());
    document.documentElement.style.colorScheme = '';
    await emulateMedia({ colorScheme: 'light' }).catch(() => undefined);
  });

  it('a phone in dark mode on a light page: light, unless theme="auto"', async function () {
    await dark(this);
    const wrap = await fixture(html`<div><koubei-nps></koubei-nps><koubei-nps theme="auto"></koubei-nps><koubei-nps theme="dark"></koubei-nps></div>`);
    const [byDefault, auto, forced] = [...wrap.querySelectorAll<KoubeiNps>('koubei-nps')];
    await forced.updateComplete;
    expect(textColour(byDefault)).to.equal(LIGHT_TEXT);
    expect(textColour(auto)).to.equal(DARK_TEXT);
    expect(textColour(forced)).to.equal(DARK_TEXT);
  });

  it('a page that says it is dark (<meta name="color-scheme" content="dark">) gets the dark theme', async () => {
    const meta = Object.assign(document.createElement('meta'), { name: 'color-scheme', content: 'dark' });
    document.head.append(meta);
    const nps = await fixture<KoubeiNps>(html`<koubei-nps></koubei-nps>`);
    expect(textColour(nps)).to.equal(DARK_TEXT);
  });

  it('a dark root element (color-scheme: dark on <html>) gets the dark theme, and follows a change', async () => {
    document.documentElement.style.colorScheme = 'dark';
    const nps = await fixture<KoubeiNps>(html`<koubei-nps></koubei-nps>`);
    expect(textColour(nps)).to.equal(DARK_TEXT);
    document.documentElement.style.colorScheme = 'light';
    await new Promise((r) => setTimeout(r, 50));
    await nps.updateComplete;
    expect(textColour(nps)).to.equal(LIGHT_TEXT);
  });

  it('the dark theme has its own surface and padding on a white page; questions inside a survey are not padded twice', async () => {
    const s = await fixture<KoubeiSurvey>(html`<koubei-survey theme="dark" survey-id="t" endpoint="/x"><koubei-nps></koubei-nps></koubei-survey>`);
    const nps = s.querySelector<KoubeiNps>('koubei-nps')!;
    await s.updateComplete;
    await nps.updateComplete;
    const base = getComputedStyle($(s, '[part~="base"]'));
    expect(base.backgroundColor).to.equal('rgb(17, 20, 24)'); // #111418
    expect(parseFloat(base.paddingTop)).to.be.greaterThan(8);
    expect(parseFloat(getComputedStyle($(nps, '[part~="base"]')).paddingTop)).to.equal(0);
    const alone = await fixture<KoubeiNps>(html`<koubei-nps theme="dark"></koubei-nps>`);
    expect(parseFloat(getComputedStyle($(alone, '[part~="base"]')).paddingTop)).to.be.greaterThan(8);
  });
});

describe('text on the accent', () => {
  // Yellow, mid grey, a light pink, a deep red: white text on the first three fails 4.5:1.
  for (const accent of ['#ffd400', '#808080', '#ffb3c1', '#c7000b']) {
    it(`--koubei-accent: ${accent} alone: the selected option and the submit keep at least 4.5:1`, async () => {
      const s = await fixture<KoubeiSurvey>(html`<koubei-survey style="--koubei-accent: ${accent}" survey-id="t" endpoint="/x"><koubei-nps value="7"></koubei-nps></koubei-survey>`);
      const nps = s.querySelector<KoubeiNps>('koubei-nps')!;
      await s.updateComplete;
      await nps.updateComplete;
      await transitionsDone(s);
      const selected = radios(nps).find((r) => r.getAttribute('aria-checked') === 'true')!;
      const submit = $(s, '[part~="submit"]');
      for (const el of [selected, submit]) {
        const bg = backgroundOf(el);
        const ratio = contrast(over(parseColor(getComputedStyle(el).color), bg), bg);
        expect(ratio, `${el.getAttribute('part')} ${getComputedStyle(el).color} on ${accent}`).to.be.at.least(4.5);
      }
    });
  }

  it('a shop that sets --koubei-on-accent keeps its colour', async () => {
    const nps = await fixture<KoubeiNps>(html`<koubei-nps style="--koubei-accent: #ffd400; --koubei-on-accent: rgb(1, 2, 3)" value="3"></koubei-nps>`);
    const selected = radios(nps).find((r) => r.getAttribute('aria-checked') === 'true')!;
    expect(getComputedStyle(selected).color).to.equal('rgb(1, 2, 3)');
  });
});
