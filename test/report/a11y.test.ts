// The report is usable by everyone: axe finds no violation in any state or language, every control and
// every chart point is reached and operated by keyboard, and a hostile host stylesheet does not break it.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { expectAxeClean } from '../a11y/helpers.js';
import { cleanup, mount, startCollector, until } from './support.js';

const focusedIn = (root: ShadowRoot) => root.activeElement as HTMLElement | null;

describe('<koubei-report> accessibility', function () {
  // axe over the whole report (hundreds of nodes, every table shown) takes seconds on a loaded machine.
  this.timeout(60_000);
  before(startCollector);
  afterEach(cleanup);

  for (const lang of ['zh-CN', 'zh-TW', 'en']) {
    it(`axe: loaded, with every numbers table shown, in ${lang}`, async () => {
      const { el, root } = await mount({ lang, groupBy: 'channel' });
      expect(root.querySelector('[data-headline]')!.closest('[lang]')!.getAttribute('lang')).to.equal(lang);
      await expectAxeClean(el, `loaded ${lang}`);
      for (const b of root.querySelectorAll<HTMLButtonElement>('.numbers-toggle')) b.click();
      await el.updateComplete;
      expect(root.querySelectorAll('.table-wrap.visually-hidden').length).to.equal(0);
      await expectAxeClean(el, `tables shown ${lang}`);
    });
  }

  it('every numbers table stays in the accessibility tree while visually hidden', async () => {
    const { root } = await mount({ lang: 'en' });
    const hidden = [...root.querySelectorAll('.table-wrap.visually-hidden table')].map((t) => t.getAttribute('data-table'));
    expect(hidden).to.have.members(['headline', 'trend', 'touchpoints', 'drivers', 'themes', 'follow-ups']);
    for (const t of root.querySelectorAll('.table-wrap.visually-hidden table')) {
      const key = t.getAttribute('data-table');
      // display: none, visibility: hidden and content-visibility: hidden drop a table from the accessibility tree;
      // so does content-visibility: auto, which would skip its layout (Chromium 156 exposes none of its cells).
      for (const cell of t.querySelectorAll('caption, th, td')) {
        expect(cell.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true }), `${key}: ${cell.textContent}`).to.equal(true);
      }
      expect(t.closest('[aria-hidden="true"], [inert], [hidden]'), key).to.equal(null);
      expect(t.querySelectorAll('tbody th[scope=row]').length, key).to.be.greaterThan(0);
    }
  });

  it('axe: loading (skeletons), waiting for the token, each error, empty', async () => {
    let m = await mount({ lang: 'zh-CN', token: '' }, 'none');
    await until(() => m.root.querySelector('.message[role=status]'), 'the token message');
    await expectAxeClean(m.el, 'no token');
    cleanup();
    // A collector that never answers: the report stays in its loading state.
    m = await mount({ lang: 'en', src: 'http://10.255.255.1:9' }, 'none');
    await until(() => m.root.querySelector('.skeleton') && m.root.querySelector('[aria-busy=true] h3'), 'skeletons');
    await expectAxeClean(m.el, 'loading');
    cleanup();
    for (const [src, lang] of [[`${location.origin}/report-fake/down`, 'zh-CN'], [`${location.origin}/report-fake/bad`, 'zh-TW'], ['http://127.0.0.1:9', 'en']]) {
      m = await mount({ lang, src }, 'error');
      await expectAxeClean(m.el, `error ${src} ${lang}`);
      cleanup();
    }
    m = await mount({ lang: 'en', token: 'wrong' }, 'error');
    await expectAxeClean(m.el, 'auth');
    cleanup();
    m = await mount({ lang: 'zh-CN', surveyId: 'nothing-here' });
    await expectAxeClean(m.el, 'empty');
  });

  it('keyboard: Tab reaches every control and both charts, in order; arrows visit every chart point', async () => {
    const { el, root } = await mount({ lang: 'en' });
    const focusable = [...root.querySelectorAll<HTMLElement>('button, input, select, [tabindex="0"]')].filter((e) => !(e as HTMLButtonElement).disabled);
    const reached: HTMLElement[] = [];
    root.querySelector<HTMLElement>('button')!.focus();
    reached.push(focusedIn(root)!);
    // A date input holds several tab stops (day, month, year) in Chromium: count each element once.
    for (let i = 0; i < focusable.length * 4 && reached.length < focusable.length; i++) {
      await sendKeys({ press: 'Tab' });
      const now = focusedIn(root);
      if (!now) break;
      if (now !== reached[reached.length - 1]) reached.push(now);
    }
    expect(reached).to.deep.equal(focusable);
    // Focus is visible on every control: an outline of at least 2 px (the tokens' :focus-visible).
    for (const e of reached.slice(0, 12)) {
      e.focus({ focusVisible: true } as FocusOptions);
      const o = getComputedStyle(e);
      expect(parseFloat(o.outlineWidth), `${e.localName} ${e.textContent}`).to.be.at.least(2);
    }

    for (const chart of ['trend', 'map']) {
      const box = root.querySelector<HTMLElement>(`.chart.${chart}`)!;
      const points = [...box.querySelectorAll('[role=img][id]')];
      box.focus();
      await el.updateComplete;
      await sendKeys({ press: 'Home' });
      await el.updateComplete;
      const seen: string[] = [];
      for (let i = 0; i < points.length; i++) {
        const id = box.getAttribute('aria-activedescendant')!;
        seen.push(id);
        // The active point's numbers are drawn beside it: the same text as its accessible name.
        const label = root.getElementById(id)!.getAttribute('aria-label')!;
        expect(box.querySelector('.tip text')!.textContent).to.equal(label.split('. ')[0]);
        await sendKeys({ press: 'ArrowRight' });
        await el.updateComplete;
      }
      expect(seen).to.deep.equal(points.map((p) => p.id));
      await sendKeys({ press: 'End' });
      await el.updateComplete;
      expect(box.getAttribute('aria-activedescendant')).to.equal(points[points.length - 1].id);
    }
  });

  it('hovering a trend point shows its numbers', async () => {
    const { el, root } = await mount({ lang: 'en' });
    const box = root.querySelector<HTMLElement>('.chart.trend')!;
    const svg = box.querySelector('svg')!;
    const r = svg.getBoundingClientRect();
    box.dispatchEvent(new PointerEvent('pointermove', { clientX: r.left + 1, clientY: r.top + r.height / 2, bubbles: true }));
    await el.updateComplete;
    const first = box.querySelector('[role=img][id]')!;
    expect(box.querySelector('.tip text')!.textContent).to.equal(first.getAttribute('aria-label'));
  });

  it('hovering a driver on the map shows its numbers, as keyboard focus does; leaving hides them', async () => {
    const { el, root } = await mount({ lang: 'en' });
    const box = root.querySelector<HTMLElement>('.chart.map')!;
    const points = [...box.querySelectorAll<SVGGElement>('[role=img][id]')];
    expect(points.length).to.be.at.least(2);
    for (const p of points) {
      // The pointer on the point's mark (its circle's centre on screen): the nearest point in the plane is that one.
      const r = p.querySelector('circle')!.getBoundingClientRect();
      box.dispatchEvent(new PointerEvent('pointermove', { clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true }));
      await el.updateComplete;
      expect(box.getAttribute('aria-activedescendant')).to.equal(p.id);
      expect(box.querySelector('.tip text')!.textContent).to.equal(p.getAttribute('aria-label')!.split('. ')[0]);
    }
    box.dispatchEvent(new PointerEvent('pointerleave'));
    await el.updateComplete;
    expect(box.querySelector('.tip')).to.equal(null);
  });

  it('a hostile host stylesheet does not break the layout or the colours', async () => {
    const style = document.createElement('style');
    style.textContent = `
      * { font-size: 3px !important; line-height: 0 !important; letter-spacing: 1em !important; color: transparent !important;
          box-sizing: content-box !important; visibility: visible; text-transform: uppercase; }
      koubei-report { display: inline !important; }
      section, button, table, svg, input, select { display: none !important; border: 5px dashed red !important; }
      html { font-size: 62.5% !important; }`;
    document.head.append(style);
    try {
      const { el, root } = await mount({ lang: 'en' });
      const trend = root.querySelector<SVGElement>('.chart.trend svg')!;
      expect(trend.getBoundingClientRect().width).to.be.greaterThan(200);
      const headline = root.querySelector<HTMLElement>('[data-headline]')!;
      expect(parseFloat(getComputedStyle(headline).fontSize)).to.be.at.least(14);
      for (const b of root.querySelectorAll('button')) expect(getComputedStyle(b).display).to.not.equal('none');
      await expectAxeClean(el, 'hostile page');
    } finally {
      style.remove();
    }
  });
});
