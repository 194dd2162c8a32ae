// Text contrast at least 4.5:1 and control borders 3:1 in
// light and dark, the selected state shown by more than colour, forced colors.
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { emulateOrSkip } from '../support/media.js';
import '../../src/index.js';
import { KoubeiLikert, KoubeiNps, KoubeiSurvey, KoubeiText } from '../../src/index.js';
import { $, $$, borderContrast, radios, textContrast, transitionsDone } from './helpers.js';

async function page(theme: string) {
  const el = await fixture<KoubeiSurvey>(html`<koubei-survey theme=${theme || 'auto'} lang="zh-CN" survey-id="c">
    <koubei-nps required></koubei-nps>
    <koubei-likert name="l" required></koubei-likert>
    <koubei-likert name="n" variant="numbers"></koubei-likert>
    <koubei-text required maxlength="3"></koubei-text>
  </koubei-survey>`);
  await el.updateComplete;
  const qs = [...el.querySelectorAll<KoubeiNps>('koubei-nps, koubei-likert, koubei-text')];
  for (const q of qs) await q.updateComplete;
  return { el, qs };
}

function checkText(nodes: HTMLElement[], what: string) {
  expect(nodes.length, `${what}: something to check`).to.be.greaterThan(0);
  for (const n of nodes) {
    if (!n.textContent!.trim()) continue;
    expect(textContrast(n), `${what} "${n.textContent!.trim().slice(0, 20)}"`).to.be.at.least(4.5);
  }
}

async function checkEverything(theme: string) {
  const { el, qs } = await page(theme);
  const [nps, likert, numbers, text] = qs;
  checkText([$(nps, '[part=question]'), $(nps, '[part=low-label]'), $(nps, '[part=high-label]'), $(nps, '[part=required]')], 'question and labels');
  checkText([...radios(nps), ...radios(likert), ...radios(numbers)], 'options');
  checkText([$(text, '[part=hint]'), $(text, '[part=counter]')], 'hint and counter');
  checkText([$(el, '[part=submit]')], 'submit');
  for (const o of [...radios(nps), ...radios(likert)]) expect(borderContrast(o), `option border ${o.textContent}`).to.be.at.least(3);
  expect(borderContrast($(text, 'textarea')), 'text box border').to.be.at.least(3);

  // Selected options, errors, the summary and the over-limit counter.
  radios(nps)[10].click();
  radios(numbers)[0].click();
  const ta = $<HTMLTextAreaElement>(text, 'textarea');
  ta.value = '太长了太长了';
  ta.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.requestSubmit();
  for (const q of qs) await q.updateComplete;
  await transitionsDone(el);
  checkText([radios(nps)[10], radios(numbers)[0]], 'selected option');
  checkText([$(text, '[part=counter]')], 'counter over the limit');
  checkText([$(likert, '[part=error]'), $(text, '[part=error]')], 'inline errors');
  checkText([$(el, '[part=error-summary-title]'), ...$$(el, '[part=error-summary] a')], 'error summary');
  expect(borderContrast($(el, '[part=error-summary]')), 'summary border').to.be.at.least(3);
  for (const o of radios(likert)) expect(borderContrast(o), `invalid option border ${o.textContent}`).to.be.at.least(3);

  // The thank-you.
  el.addEventListener('koubei-submit', (e) => e.preventDefault());
  radios(likert)[3].click();
  ta.value = '好';
  ta.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.requestSubmit();
  await el.updateComplete;
  checkText([$(el, '[part=thank-you]')], 'thank-you');
}

describe('contrast', () => {
  it('light theme: text ≥4.5:1, borders ≥3:1', () => checkEverything('light'));
  it('dark theme (theme="dark" on a white page): text ≥4.5:1, borders ≥3:1', () => checkEverything('dark'));

  it('prefers-color-scheme: dark with theme auto (Chromium only: Firefox over WebDriver BiDi cannot emulate it)', async function () {
    await emulateOrSkip(this, { colorScheme: 'dark' }, '(prefers-color-scheme: dark)');
    try {
      await checkEverything('');
    } finally {
      await emulateMedia({ colorScheme: 'light' }).catch(() => undefined);
    }
  });

  it('the page colour behind a light widget is honoured: a shop text colour still gets 4.5:1 checks', async () => {
    // Guard that the checker can fail: pale text on white is caught.
    const el = await fixture(html`<koubei-nps style="--koubei-text: #bbbbbb"></koubei-nps>`);
    expect(textContrast($(el, '[part=question]'))).to.be.below(4.5);
  });
});

describe('selected state is shown by more than colour', () => {
  for (const variant of ['nps', 'labels', 'numbers', 'stars', 'emoji']) {
    it(variant, async () => {
      const el =
        variant === 'nps'
          ? await fixture<KoubeiNps>(html`<koubei-nps></koubei-nps>`)
          : await fixture<KoubeiLikert>(html`<koubei-likert variant=${variant}></koubei-likert>`);
      radios(el)[2].click();
      await (el as KoubeiNps).updateComplete;
      await transitionsDone(el);
      const on = getComputedStyle(radios(el)[2]);
      const off = getComputedStyle(radios(el)[1]);
      const nonColour = ['fontWeight', 'boxShadow', 'textDecorationLine', 'borderWidth', 'outlineStyle', 'transform'] as const;
      const differs = nonColour.filter((p) => on[p] !== off[p]);
      expect(differs, 'properties other than colour that change').to.not.be.empty;
    });
  }
});

describe('forced colors', () => {
  /** The rules inside `@media (forced-colors: active)` of a component, as text. */
  function forcedColorRules(ctor: { elementStyles: { styleSheet?: CSSStyleSheet }[] }): string {
    const out: string[] = [];
    for (const s of ctor.elementStyles) {
      for (const rule of s.styleSheet?.cssRules ?? []) {
        if (rule instanceof CSSMediaRule && /forced-colors:\s*active/.test(rule.conditionText)) out.push(rule.cssText);
      }
    }
    return out.join('\n');
  }

  // Emulating forced-colors needs a runner command the browsers' automation does not expose here,
  // so the rules themselves are checked: system colours for borders, selection and focus.
  it('options keep a ButtonText border, the selected one uses Highlight, focus uses Highlight', () => {
    for (const ctor of [KoubeiNps, KoubeiLikert] as unknown as { elementStyles: { styleSheet?: CSSStyleSheet }[] }[]) {
      const css = forcedColorRules(ctor);
      expect(css).to.match(/\.option\s*\{[^}]*border-color:\s*buttontext/i);
      expect(css).to.match(/\.option\[aria-checked="?'?true"?'?\]\s*\{[^}]*background(-color)?:\s*highlight/i);
      expect(css).to.match(/focus-visible\s*\{[^}]*outline-color:\s*highlight/i);
    }
  });

  it('the text box and the submit button keep visible borders', () => {
    expect(forcedColorRules(KoubeiText as never)).to.match(/textarea\s*\{[^}]*border-color:\s*buttontext/i);
    expect(forcedColorRules(KoubeiSurvey as never)).to.match(/\.submit\s*\{[^}]*border-color:\s*buttontext/i);
  });
});
