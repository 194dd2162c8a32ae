// Every button of the survey (submit, next, back, close) shares one look: the widget's font, the theme's radius,
// a pointer, no page margin, and the 3px focus ring, whichever part of the survey draws it.
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { card, choose, part, settle, survey, uid } from '../placement/helpers.js';
import { fakeClock } from '../placement/support.js';

const THEME = 'style="--koubei-radius: 7px; --koubei-font: Georgia, serif; --koubei-font-size: 18px"';

function expectShared(button: HTMLElement, name: string) {
  const s = getComputedStyle(button);
  expect(s.cursor, `${name} cursor`).to.equal('pointer');
  expect(s.borderTopLeftRadius, `${name} radius`).to.equal('7px');
  expect(s.fontFamily, `${name} font`).to.contain('Georgia');
  expect(s.fontSize, `${name} font size`).to.equal('18px');
  expect([s.marginTop, s.marginRight, s.marginBottom, s.marginLeft], `${name} margin`).to.deep.equal(['0px', '0px', '0px', '0px']);
  button.focus();
  expect(button.matches(':focus-visible'), `${name} focus-visible`).to.equal(true);
  expect(getComputedStyle(button).outlineWidth, `${name} focus ring`).to.equal('3px');
  button.blur();
}

describe('survey buttons', () => {
  it('submit, next and back share the base button style', async () => {
    const inline = await survey(`survey-id="${uid()}" ${THEME}`);
    expectShared(part(inline, 'submit')!, 'submit');

    const steps = await survey(`survey-id="${uid()}" steps ${THEME}`, '<koubei-nps required></koubei-nps><koubei-text name="why"></koubei-text>');
    await settle(() => part(steps, 'next'), 'the next button');
    expectShared(part(steps, 'next')!, 'next');
    await choose(steps.querySelector('koubei-nps')!, 9);
    part(steps, 'next')!.click();
    await settle(() => part(steps, 'back'), 'the back button');
    expectShared(part(steps, 'back')!, 'back');
  });

  it("the popover's close button shares it too", async () => {
    const time = fakeClock();
    try {
      const el = await survey(`survey-id="${uid()}" display="popover" ${THEME}`);
      await settle(() => time.pending() > 0, 'armed');
      time.tick(0);
      await el.updateComplete;
      const close = card(el)!.querySelector<HTMLElement>('[part=close]')!;
      const s = getComputedStyle(close);
      expect(s.cursor).to.equal('pointer');
      expect(s.borderTopLeftRadius).to.equal('7px');
      expect([s.marginTop, s.marginLeft]).to.deep.equal(['0px', '0px']);
      close.focus();
      expect(getComputedStyle(close).outlineWidth).to.equal('3px');
    } finally {
      time.restore();
    }
  });
});
