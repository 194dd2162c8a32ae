// FormControl is exported for a shop's own question types: a subclass written against the BUILT bundles
// (dist/koubei.iife.js's window.Koubei and the ES module dist/koubei.js) overrides the protected hooks
// (_parse, _validityFlags, _focusTarget, _defaultQuestion) and calls the protected helpers (_renderQuestion,
// _renderError, _commit). If the build renamed those members, the base class would call names the subclass
// never defined and none of this would work.
import { expect, oneEvent } from '@open-wc/testing';
import { loadScript } from '../support/load-script.js';

type Base = CustomElementConstructor & { prototype: HTMLElement };

/** A three-star question: its answer is 1, 2 or 3; required means one must be picked. */
function starsOf(FormControl: Base) {
  const B = FormControl as unknown as new () => HTMLElement & Record<string, any>;
  return class Stars extends B {
    _parse(raw: unknown) {
      const n = Number(raw);
      return Number.isInteger(n) && n >= 1 && n <= 3 ? n : null;
    }
    _validityFlags() {
      return this.required && this.value === null ? { flags: { valueMissing: true }, message: 'Pick a number of stars.' } : { flags: {}, message: '' };
    }
    _focusTarget() {
      return this.renderRoot?.querySelector('[part=question]');
    }
    _defaultQuestion() {
      return 'How many stars?';
    }
    render() {
      return [this._renderQuestion('q', this.questionText), this._renderError()];
    }
    /** A customer's pick, through the base's own path (events, form value). */
    pick(n: number) {
      this._commit(n);
    }
  };
}

async function exercise(FormControl: Base, tag: string) {
  customElements.define(tag, starsOf(FormControl));
  const form = document.createElement('form');
  form.innerHTML = `<${tag} name="stars" required></${tag}>`;
  document.body.append(form);
  const el = form.firstElementChild as HTMLElement & Record<string, any>;
  try {
    await el.updateComplete;
    // _defaultQuestion through _renderQuestion, which adds the base's own "(required)" marker (English).
    expect(el.shadowRoot!.querySelector('[part=question]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('How many stars? (required)');
    // _validityFlags through the base's ElementInternals sync.
    expect(el.checkValidity()).to.be.false;
    expect(el.validationMessage).to.equal('Pick a number of stars.');
    // _parse through the base's `answer` and attribute handling: "2" is 2, "9" is no answer.
    el.setAttribute('value', '2');
    expect(el.answer).to.equal(2);
    el.setAttribute('value', '9');
    expect(el.answer).to.equal(undefined);
    el.removeAttribute('value');
    await el.updateComplete;
    // _commit: native-like events, the new value, the form's data, validity cleared.
    const change = oneEvent(el, 'change');
    el.pick(3);
    await change;
    await el.updateComplete;
    expect(el.answer).to.equal(3);
    expect(new FormData(form).get('stars')).to.equal('3');
    expect(el.checkValidity()).to.be.true;
  } finally {
    form.remove();
  }
}

describe('a subclass of the built FormControl', () => {
  it('works in the script-tag build (dist/koubei.iife.js)', async () => {
    await loadScript('/dist/koubei.iife.js');
    const { FormControl } = (window as unknown as { Koubei: { FormControl: Base } }).Koubei;
    await exercise(FormControl, 'test-stars-iife');
  });

  it('works in the ES module (dist/koubei.js)', async () => {
    const { FormControl } = await import(/* @vite-ignore */ new URL('/dist/koubei.js', location.href).href);
    await exercise(FormControl, 'test-stars-esm');
  });
});
