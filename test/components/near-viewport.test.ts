// Page cost: a survey far below the fold renders a placeholder and leaves its
// questions unrendered until it comes near the viewport; one in view renders
// whole at once.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { KoubeiNps, KoubeiSurvey } from '../../src/index.js';

const radios = (q: Element) => q.shadowRoot?.querySelectorAll('[role=radio]').length ?? 0;

describe('<koubei-survey> near the viewport', () => {
  it('renders a survey in view and its questions at once', async () => {
    const survey = await fixture<KoubeiSurvey>(html`<koubei-survey survey-id="s" lang="en" endpoint="/x"><koubei-nps></koubei-nps></koubei-survey>`);
    const nps = survey.querySelector<KoubeiNps>('koubei-nps')!;
    await nps.updateComplete;
    expect(radios(nps)).to.equal(11);
    expect(survey.shadowRoot!.querySelector('slot')).to.exist;
  });

  it('keeps an off-screen survey a placeholder of about its height until it is scrolled near', async () => {
    const page = await fixture<HTMLElement>(html`<div>
      <div style="block-size: 4000px"></div>
      <koubei-survey survey-id="far" lang="en" endpoint="/x">
        <koubei-nps></koubei-nps><koubei-likert name="delivery"></koubei-likert><koubei-text></koubei-text>
      </koubei-survey>
    </div>`);
    const survey = page.querySelector<KoubeiSurvey>('koubei-survey')!;
    const nps = survey.querySelector<KoubeiNps>('koubei-nps')!;
    await survey.updateComplete;
    await new Promise((r) => setTimeout(r, 200));
    expect(radios(nps), 'questions not rendered while far').to.equal(0);
    expect(nps.hasUpdated).to.be.false;
    expect(survey.shadowRoot!.querySelector('slot'), 'questions not shown').to.be.null;
    expect(survey.getBoundingClientRect().height, 'height reserved').to.be.greaterThan(200);

    survey.scrollIntoView();
    await waitUntil(() => radios(nps) === 11, 'questions render once near');
    expect(survey.shadowRoot!.querySelector('slot')).to.exist;
    expect(survey.shadowRoot!.querySelector('.submit')).to.exist;
    window.scrollTo(0, 0);
  });

  it('requestSubmit() from code on a survey not rendered yet sends its values, scored, and throws nothing', async () => {
    const page = await fixture<HTMLElement>(html`<div>
      <div style="block-size: 4000px"></div>
      <koubei-survey survey-id="far" lang="en" endpoint="/x">
        <koubei-nps value="8" required></koubei-nps><koubei-likert name="delivery" value="4"></koubei-likert
        ><koubei-likert name="bad" value="9"></koubei-likert>
      </koubei-survey>
    </div>`);
    const survey = page.querySelector<KoubeiSurvey>('koubei-survey')!;
    await survey.updateComplete;
    expect(survey.querySelector<KoubeiNps>('koubei-nps')!.hasUpdated).to.be.false;
    survey.addEventListener('koubei-submit', (e) => e.preventDefault());
    const response = await survey.requestSubmit();
    expect(response?.answers).to.deep.equal({ nps: 8, delivery: 4 });
    expect(response?.scores.nps).to.deep.equal({ type: 'nps', value: 8, category: 'passive' });
  });
});
