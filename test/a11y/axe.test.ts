// axe passes in every state and locale, with target-size run explicitly.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { KoubeiSurvey } from '../../src/index.js';
import { $, expectAxeClean, radios, targetSize } from './helpers.js';

const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;

async function survey(lang: string, { required = false, disabled = false } = {}): Promise<KoubeiSurvey> {
  const el = await fixture<KoubeiSurvey>(html`<koubei-survey
    lang=${lang}
    survey-id="a11y"
    endpoint="/test-endpoint/a11y"
    @koubei-submit=${(e: Event) => e.preventDefault()}
  >
    <koubei-nps brand="Koubei" ?required=${required} ?disabled=${disabled}></koubei-nps>
    <koubei-likert name="labels" ?required=${required} ?disabled=${disabled}></koubei-likert>
    <koubei-likert name="numbers" variant="numbers" points="7" ?disabled=${disabled}></koubei-likert>
    <koubei-likert name="stars" variant="stars" ?disabled=${disabled}></koubei-likert>
    <koubei-likert name="emoji" variant="emoji" points="3" ?disabled=${disabled}></koubei-likert>
    <koubei-text ?required=${required} ?disabled=${disabled}></koubei-text>
  </koubei-survey>`);
  await settle(el);
  return el;
}

async function settle(el: KoubeiSurvey) {
  await el.updateComplete;
  for (const q of el.querySelectorAll<HTMLElement & { updateComplete: Promise<unknown> }>('koubei-nps, koubei-likert, koubei-text')) {
    await q.updateComplete;
  }
}

async function answerAll(el: KoubeiSurvey) {
  for (const q of el.querySelectorAll('koubei-nps, koubei-likert')) radios(q)[2].click();
  const ta = $<HTMLTextAreaElement>(el.querySelector('koubei-text')!, 'textarea');
  ta.value = '物流很快，包装完好 👍🏽';
  ta.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText' }));
  await settle(el);
}

describe('axe (with target-size) in every state and locale', () => {
  for (const lang of LOCALES) {
    describe(lang, () => {
      it('empty', async () => {
        const el = await survey(lang);
        const r = await expectAxeClean(el, `${lang} empty`);
        // The rule really ran over the options, it was not just inapplicable.
        expect(r.passes.find((p) => p.id === 'target-size')?.nodes.length ?? 0).to.be.greaterThan(30);
      });

      it('answered', async () => {
        const el = await survey(lang);
        await answerAll(el);
        expect(el.querySelectorAll('koubei-nps, koubei-likert')[0].shadowRoot!.querySelector('[aria-checked=true]')).to.exist;
        await expectAxeClean(el, `${lang} answered`);
      });

      it('error (summary and inline errors)', async () => {
        const el = await survey(lang, { required: true });
        await el.requestSubmit();
        await settle(el);
        expect($(el, '.summary'), 'error summary shown').to.exist;
        expect($(el.querySelector('koubei-nps')!, '[role=radiogroup]').getAttribute('aria-invalid')).to.equal('true');
        await expectAxeClean(el, `${lang} error`);
      });

      it('disabled', async () => {
        const el = await survey(lang, { disabled: true });
        await expectAxeClean(el, `${lang} disabled`);
      });

      it('thank-you', async () => {
        const el = await survey(lang);
        await answerAll(el);
        await el.requestSubmit();
        await settle(el);
        expect($(el, '.thank-you')).to.exist;
        await expectAxeClean(el, `${lang} thank-you`);
      });
    });
  }

  it('a right-to-left (ar) page: mirrored, still clean', async () => {
    const el = await survey('ar');
    expect($(el, '[part=base]').getAttribute('dir')).to.equal('rtl');
    await answerAll(el);
    await expectAxeClean(el, 'ar');
  });

  it('target-size alone checks every option and submit and finds none under 24×24', async () => {
    const el = await survey('zh-CN');
    const { checked, failed } = await targetSize(el);
    // 11 NPS + 5 + 7 + 5 + 3 Likert options and the submit button.
    expect(checked).to.be.at.least(32);
    expect(failed).to.deep.equal([]);
  });

  it('target-size can fail: a 10px option is reported', async () => {
    const el = await survey('en');
    const nps = el.querySelector('koubei-nps')!;
    const style = document.createElement('style');
    style.textContent =
      '.option { min-inline-size: 0 !important; min-block-size: 0 !important; inline-size: 10px !important; block-size: 10px !important; padding: 0 !important; font-size: 6px !important; }';
    nps.shadowRoot!.append(style);
    $(nps, '.scale').style.gridTemplateColumns = 'repeat(11, 10px)';
    $(nps, '.scale').style.gap = '0';
    expect(radios(nps)[3].getBoundingClientRect().width).to.be.below(24);
    const { failed } = await targetSize(nps);
    expect(failed.length).to.be.greaterThan(0);
  });
});
