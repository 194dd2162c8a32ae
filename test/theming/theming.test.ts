// Logical CSS only, the public theming API (custom
// properties with fallbacks, part names, both in custom-elements.json), light
// and dark, reduced motion.
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { emulateOrSkip } from '../support/media.js';
import '../../src/index.js';
import { KoubeiLikert, KoubeiNps, KoubeiSurvey, KoubeiText } from '../../src/index.js';
import { $, $$, parseColor, radios, transitionsDone } from '../a11y/helpers.js';

type Styled = { elementStyles: { cssText: string; styleSheet?: CSSStyleSheet }[] };
const ELEMENTS: Record<string, Styled> = {
  'koubei-nps': KoubeiNps as unknown as Styled,
  'koubei-likert': KoubeiLikert as unknown as Styled,
  'koubei-text': KoubeiText as unknown as Styled,
  'koubei-survey': KoubeiSurvey as unknown as Styled,
};
const cssOf = (tag: string) => ELEMENTS[tag].elementStyles.map((s) => s.cssText).join('\n');
const rgb = (c: string) => parseColor(c).slice(0, 3).map(Math.round).join(',');

/** The tokens a shop is promised (the public theming API) and the pieces it can style. */
const TOKENS = ['accent', 'text', 'background', 'radius', 'font', 'spacing', 'option-size'].map((t) => `--koubei-${t}`);
const PARTS: Record<string, string[]> = {
  'koubei-nps': ['base', 'question', 'scale', 'option', 'option-selected', 'labels', 'low-label', 'high-label', 'error', 'required'],
  'koubei-likert': ['base', 'question', 'scale', 'option', 'option-selected', 'labels', 'low-label', 'high-label', 'error'],
  'koubei-text': ['base', 'question', 'hint', 'textarea', 'counter', 'error', 'required'],
  'koubei-survey': ['base', 'submit', 'error-summary', 'thank-you'],
};

describe('logical CSS only', () => {
  const PHYSICAL = [
    /(?:^|[\s;{])(?:margin|padding|border)-(?:left|right|top|bottom)(?:-\w+)?\s*:/,
    /(?:^|[\s;{])(?:left|right|top|bottom)\s*:/,
    /(?:^|[\s;{])(?:min-|max-)?(?:width|height)\s*:/,
    /text-align\s*:\s*(?:left|right)/,
    /(?:float|clear)\s*:\s*(?:left|right)/,
    /border-(?:top|bottom)-(?:left|right)-radius/,
  ];
  for (const tag of Object.keys(ELEMENTS)) {
    it(`${tag}: no physical properties (margin-left, padding-right, left:, width:, text-align: left …)`, () => {
      const css = cssOf(tag).replace(/\/\*[\s\S]*?\*\//g, '');
      for (const re of PHYSICAL) expect(css.match(re)?.[0], `${tag} uses ${re}`).to.equal(undefined);
    });
  }

  it('the scan can fail', () => {
    expect(PHYSICAL.some((re) => re.test('.x { margin-left: 1rem; }'))).to.be.true;
    expect(PHYSICAL.some((re) => re.test('.x { right: 0 }'))).to.be.true;
    expect(PHYSICAL.some((re) => re.test('.x { margin-inline-start: 1rem; inset-inline-end: 0 }'))).to.be.false;
  });
});

describe('custom properties', () => {
  it('accent, text, background, radius, font, spacing and option size restyle the widget', async () => {
    const wrap = await fixture(html`<div
      style="--koubei-accent: rgb(200, 0, 0); --koubei-on-accent: rgb(255, 255, 255); --koubei-text: rgb(10, 20, 30);
             --koubei-background: rgb(250, 240, 230); --koubei-radius: 0px; --koubei-font: Georgia, serif;
             --koubei-spacing: 2rem; --koubei-option-size: 56px"
    >
      <koubei-nps></koubei-nps>
    </div>`);
    const nps = wrap.querySelector<KoubeiNps>('koubei-nps')!;
    radios(nps)[3].click();
    await nps.updateComplete;
    await transitionsDone(nps);
    const base = getComputedStyle($(nps, '[part=base]'));
    const selected = getComputedStyle(radios(nps)[3]);
    const option = getComputedStyle(radios(nps)[4]);
    expect(rgb(selected.backgroundColor)).to.equal('200,0,0');
    expect(rgb(selected.color)).to.equal('255,255,255');
    expect(rgb(base.color)).to.equal('10,20,30');
    expect(rgb(base.backgroundColor)).to.equal('250,240,230');
    expect(option.borderStartStartRadius).to.equal('0px');
    expect(base.fontFamily).to.contain('Georgia');
    expect(getComputedStyle($(nps, '[part=question]')).marginBlockEnd).to.equal('16px'); // spacing × 0.5
    expect(radios(nps)[4].getBoundingClientRect().height).to.be.at.least(56);
  });

  it('an option size below 24px is held at 24px (WCAG 2.5.8)', async () => {
    const nps = await fixture<KoubeiNps>(html`<koubei-nps style="--koubei-option-size: 10px; --koubei-option-gap: 0"></koubei-nps>`);
    for (const o of radios(nps)) expect(o.getBoundingClientRect().height).to.be.at.least(24);
  });

  it("fallbacks inherit the page's font family in every element, including the text box and the button", async () => {
    const wrap = await fixture(html`<div style="font-family: 'Courier New', monospace">
      <koubei-survey survey-id="f"><koubei-nps></koubei-nps><koubei-text></koubei-text></koubei-survey>
    </div>`);
    const survey = wrap.querySelector<KoubeiSurvey>('koubei-survey')!;
    await survey.updateComplete;
    const text = survey.querySelector('koubei-text')!;
    for (const node of [$(survey, '[part=submit]'), $(survey.querySelector('koubei-nps')!, '[part=question]'), $(text, 'textarea'), $(text, '[part=hint]')]) {
      expect(getComputedStyle(node).fontFamily, node.getAttribute('part') ?? node.localName).to.contain('Courier New');
    }
  });

  it('::part() styles reach the selected option, the counter and the submit button', async () => {
    const wrap = await fixture(html`<div>
      <style>
        .shop koubei-nps::part(option-selected) { outline: 4px dashed rgb(1, 2, 3); }
        .shop koubei-text::part(counter) { color: rgb(4, 5, 6); }
        .shop koubei-survey::part(submit) { background: rgb(7, 8, 9); }
      </style>
      <koubei-survey class="shop" survey-id="p"><koubei-nps value="4"></koubei-nps><koubei-text></koubei-text></koubei-survey>
    </div>`);
    const survey = wrap.querySelector<KoubeiSurvey>('koubei-survey')!;
    wrap.querySelector('koubei-survey')!.parentElement!.classList.add('shop');
    survey.classList.remove('shop');
    await survey.updateComplete;
    expect(getComputedStyle(radios(survey.querySelector('koubei-nps')!)[4]).outlineStyle).to.equal('dashed');
    expect(rgb(getComputedStyle($(survey.querySelector('koubei-text')!, '[part=counter]')).color)).to.equal('4,5,6');
    expect(rgb(getComputedStyle($(survey, '[part=submit]')).backgroundColor)).to.equal('7,8,9');
  });
});

describe('the theming API is in custom-elements.json', () => {
  interface Decl {
    tagName?: string;
    cssParts?: { name: string }[];
    cssProperties?: { name: string }[];
  }
  let decls: Decl[] = [];
  before(async () => {
    const res = await fetch('/custom-elements.json');
    expect(res.ok, 'custom-elements.json exists: run npm run build').to.be.true;
    const manifest = (await res.json()) as { modules: { declarations?: Decl[] }[] };
    decls = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
  });
  const decl = (tag: string) => decls.find((d) => d.tagName === tag)!;

  /** Every part name rendered by `el` in its current state. */
  const rendered = (el: Element) => new Set($$(el, '[part]').flatMap((n) => n.getAttribute('part')!.split(/\s+/)));

  for (const tag of Object.keys(ELEMENTS)) {
    it(`${tag}: every promised token and every --koubei-* its CSS reads is documented`, () => {
      const documented = new Set(decl(tag).cssProperties?.map((p) => p.name));
      const promised = tag === 'koubei-survey' || tag === 'koubei-text' ? TOKENS.filter((t) => t !== '--koubei-option-size') : TOKENS;
      for (const t of promised) expect(documented.has(t), `${tag} documents ${t}`).to.be.true;
      const used = new Set([...cssOf(tag).matchAll(/var\((--koubei-[\w-]+)/g)].map((m) => m[1]));
      for (const t of used) expect(documented.has(t), `${tag} reads ${t}: document it with @cssproperty`).to.be.true;
    });
  }

  it('every part rendered in any state is documented with @csspart, and the promised ones exist', async () => {
    const survey = await fixture<KoubeiSurvey>(html`<koubei-survey survey-id="parts" @koubei-submit=${(e: Event) => e.preventDefault()}>
      <koubei-nps required></koubei-nps>
      <koubei-likert required variant="numbers"></koubei-likert>
      <koubei-text required></koubei-text>
    </koubei-survey>`);
    const qs = [...survey.querySelectorAll<KoubeiNps>('koubei-nps, koubei-likert, koubei-text')];
    const seen: Record<string, Set<string>> = Object.fromEntries(Object.keys(PARTS).map((t) => [t, new Set<string>()]));
    const collect = () => {
      for (const el of [survey, ...qs]) for (const p of rendered(el)) seen[el.localName].add(p);
    };
    collect();
    await survey.requestSubmit(); // errors and the summary
    for (const q of qs) await q.updateComplete;
    collect();
    radios(qs[0])[5].click();
    radios(qs[1])[2].click();
    const ta = $<HTMLTextAreaElement>(qs[2], 'textarea');
    ta.value = 'ok';
    ta.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    for (const q of qs) await q.updateComplete;
    collect();
    await survey.requestSubmit(); // thank-you
    await survey.updateComplete;
    collect();
    for (const [tag, parts] of Object.entries(seen)) {
      const documented = new Set(decl(tag).cssParts?.map((p) => p.name));
      for (const p of parts) expect(documented.has(p), `${tag} renders part="${p}": document it`).to.be.true;
      for (const p of PARTS[tag]) expect(parts.has(p), `${tag} has part="${p}"`).to.be.true;
    }
  });
});

describe('light and dark', () => {
  const surface = (el: Element) => rgb(getComputedStyle(radios(el)[0]).backgroundColor);
  const LIGHT = '255,255,255';

  it('theme="dark" on the survey (or any ancestor) turns its questions dark; theme="light" wins nearer', async () => {
    const wrap = await fixture(html`<div theme="dark">
      <koubei-survey survey-id="d"><koubei-nps></koubei-nps><koubei-likert theme="light"></koubei-likert></koubei-survey>
    </div>`);
    const [nps, likert] = [wrap.querySelector<KoubeiNps>('koubei-nps')!, wrap.querySelector<KoubeiLikert>('koubei-likert')!];
    await nps.updateComplete;
    expect(surface(nps)).to.not.equal(LIGHT);
    expect(getComputedStyle($(nps, '[part=base]')).colorScheme).to.equal('dark');
    expect(surface(likert)).to.equal(LIGHT);
    wrap.setAttribute('theme', 'light');
    await new Promise((r) => setTimeout(r));
    await nps.updateComplete;
    await transitionsDone(nps);
    expect(surface(nps)).to.equal(LIGHT, 'changing theme re-renders');
  });

  it('prefers-color-scheme: dark turns theme="auto" dark, theme="light" overrides it (Chromium only: Firefox over WebDriver BiDi cannot emulate media features)', async function () {
    await emulateOrSkip(this, { colorScheme: 'dark' }, '(prefers-color-scheme: dark)');
    try {
      const wrap = await fixture(html`<div><koubei-nps theme="auto"></koubei-nps><koubei-nps theme="light"></koubei-nps></div>`);
      const [auto, light] = [...wrap.querySelectorAll<KoubeiNps>('koubei-nps')];
      await light.updateComplete;
      expect(surface(auto)).to.not.equal(LIGHT);
      expect(surface(light)).to.equal(LIGHT);
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });
});

describe('reduced motion', () => {
  it('every element turns transitions and animations off under prefers-reduced-motion: reduce', () => {
    for (const tag of Object.keys(ELEMENTS)) {
      const rules = ELEMENTS[tag].elementStyles.flatMap((s) => [...(s.styleSheet?.cssRules ?? [])]);
      const reduce = rules.find((r) => r instanceof CSSMediaRule && /prefers-reduced-motion:\s*reduce/.test(r.conditionText));
      expect(reduce?.cssText, tag).to.match(/transition:\s*none\s*!important/);
      expect(reduce?.cssText, tag).to.match(/animation:\s*(?:auto\s+ease\s+0s\s+1\s+normal\s+none\s+running\s+)?none\s*!important|animation:\s*none/);
    }
  });

  it('options animate by default and not under reduce (Chromium only: Firefox over WebDriver BiDi cannot emulate media features)', async function () {
    const nps = await fixture<KoubeiNps>(html`<koubei-nps></koubei-nps>`);
    expect(getComputedStyle(radios(nps)[0]).transitionDuration).to.not.match(/^0s(, 0s)*$/);
    await emulateOrSkip(this, { reducedMotion: 'reduce' }, '(prefers-reduced-motion: reduce)');
    try {
      expect(getComputedStyle(radios(nps)[0]).transitionDuration).to.match(/^0s(, 0s)*$/);
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });
});
