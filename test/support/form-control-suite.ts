/**
 * The behaviour every Koubei form control shares with a native one, run
 * against NPS, Likert and text alike (after Material Web's createFormTests):
 * accessibility, FormData, required validity in the page's language, reset,
 * disabled (own attribute and `<fieldset disabled>`), and native `input` /
 * `change` events on customer action only.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { click, settle } from './customer.js';
import type { FormControl } from '../../src/components/base/form-control.js';

type Control = FormControl<number> | FormControl<string> | FormControl<string | string[]>;

export interface FormControlSuiteConfig<E extends Control> {
  tag: 'koubei-nps' | 'koubei-likert' | 'koubei-text' | 'koubei-choice';
  /** Children each fresh control gets (a choice's options). */
  children?: string;
  /** The `name` used when none is given. */
  defaultName: string;
  /** A valid `value` attribute, as it appears in FormData. */
  validValue: string;
  /** Answers as a customer would (click, keys, typing); must produce `answered`. */
  answer(el: E): Promise<void>;
  /** What FormData holds after `answer`; differs from `validValue`. */
  answered: string;
  /** How many `input` events one `answer` fires (one per keystroke for text). */
  inputsPerAnswer: number;
  /** What commits the change (text: blur); nothing for the scales. */
  commit?(el: E): Promise<void>;
  /** The answer as the customer sees it ('' when none). */
  shown(el: E): string;
  /** The localized "required" messages. */
  requiredMessage: { en: string; 'zh-CN': string; 'zh-TW': string };
}

export interface Mounted<E> {
  form: HTMLFormElement;
  el: E;
  fieldset?: HTMLFieldSetElement;
}

/** Puts a fresh control in a plain `<form>` (optionally inside a `<fieldset>`). */
export async function mountInForm<E extends Control>(
  tag: string,
  attrs: Record<string, string | true> = {},
  options: { lang?: string; fieldset?: boolean; children?: string } = {},
): Promise<Mounted<E>> {
  const form = await fixture<HTMLFormElement>(html`<form lang=${options.lang ?? 'en'}></form>`);
  const el = document.createElement(tag) as E;
  // Test markup only (the options of a choice), never shop or customer text.
  if (options.children) el.innerHTML = options.children;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v === true ? '' : v);
  let fieldset: HTMLFieldSetElement | undefined;
  if (options.fieldset) {
    fieldset = document.createElement('fieldset');
    fieldset.append(el);
    form.append(fieldset);
  } else form.append(el);
  await el.updateComplete;
  return { form, el, fieldset };
}

/** Counts `input` and `change` heard on the form (so they must bubble) and checks they are composed. */
export function recordEvents(target: EventTarget, el: Element) {
  const log = { input: 0, change: 0, notComposed: 0, wrongTarget: 0 };
  for (const type of ['input', 'change'] as const) {
    target.addEventListener(type, (e) => {
      log[type]++;
      if (!e.composed || !e.bubbles) log.notComposed++;
      if (e.target !== el) log.wrongTarget++;
    });
  }
  return log;
}

function entries(form: HTMLFormElement): [string, string][] {
  return [...new FormData(form).entries()].map(([k, v]) => [k, String(v)]);
}

export function runFormControlSuite<E extends Control>(cfg: FormControlSuiteConfig<E>): void {
  const mount = (attrs: Record<string, string | true> = {}, options: { lang?: string; fieldset?: boolean } = {}) =>
    mountInForm<E>(cfg.tag, attrs, { ...options, children: cfg.children });

  describe(`<${cfg.tag}> as a form control`, () => {
    it('is accessible empty, answered, required and disabled', async () => {
      const { el } = await mount();
      await expect(el).to.be.accessible();
      await cfg.answer(el);
      await el.updateComplete;
      await settle(el);
      await expect(el).to.be.accessible();
      const { el: req, form } = await mount({ required: true });
      form.checkValidity(); // shows the inline error
      await req.updateComplete;
      await settle(req);
      await expect(req).to.be.accessible();
      const { el: off } = await mount({ disabled: true, value: cfg.validValue });
      await expect(off).to.be.accessible();
    });

    it(`submits ${cfg.defaultName}=value inside a plain <form>`, async () => {
      const { form, el } = await mount();
      expect(el.form).to.equal(form);
      await cfg.answer(el);
      await cfg.commit?.(el);
      await el.updateComplete;
      expect(entries(form)).to.deep.equal([[cfg.defaultName, cfg.answered]]);
    });

    it('submits under a custom name', async () => {
      const { form, el } = await mount({ name: 'q7' });
      await cfg.answer(el);
      await el.updateComplete;
      expect(entries(form)).to.deep.equal([['q7', cfg.answered]]);
    });

    it('submits the value attribute, and nothing while unanswered', async () => {
      const { form } = await mount();
      expect(entries(form)).to.deep.equal([]);
      const { form: withValue, el } = await mount({ value: cfg.validValue });
      expect(entries(withValue)).to.deep.equal([[cfg.defaultName, cfg.validValue]]);
      expect(cfg.shown(el)).to.equal(cfg.validValue);
    });

    for (const [lang, message] of Object.entries(cfg.requiredMessage)) {
      it(`required makes the form invalid with a ${lang} message`, async () => {
        const { form, el } = await mount({ required: true }, { lang });
        expect(form.checkValidity()).to.equal(false);
        expect(el.validity.valueMissing).to.equal(true);
        expect(el.checkValidity()).to.equal(false);
        expect(el.validationMessage).to.equal(message);
        await el.updateComplete;
        const error = el.shadowRoot!.querySelector<HTMLElement>('[part~="error"]')!;
        expect(error.hidden, 'inline error after the form was checked').to.equal(false);
        expect(error.textContent).to.contain(message);
        await cfg.answer(el);
        await el.updateComplete;
        expect(form.checkValidity()).to.equal(true);
        expect(el.validationMessage).to.equal('');
        expect(error.hidden, 'the error goes once answered').to.equal(true);
      });
    }

    it('submitting the form unanswered: no submit, the error shows and focus moves to the first invalid control', async () => {
      const { form, el } = await mount({ required: true });
      const other = document.createElement('koubei-nps');
      other.setAttribute('required', '');
      other.setAttribute('name', 'second');
      const button = document.createElement('button');
      button.textContent = 'Send';
      form.append(other, button);
      await other.updateComplete;
      let submitted = 0;
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        submitted++;
      });
      await click(button);
      await el.updateComplete;
      expect(submitted).to.equal(0);
      expect(el.shadowRoot!.querySelector<HTMLElement>('[part~="error"]')!.hidden).to.equal(false);
      expect(document.activeElement === el, 'focus is in the first invalid control').to.equal(true);
      expect(el.shadowRoot!.activeElement !== null).to.equal(true);
    });

    it('form.reset() restores the value attribute', async () => {
      const { form, el } = await mount({ value: cfg.validValue });
      await cfg.answer(el);
      await el.updateComplete;
      expect(entries(form)).to.deep.equal([[cfg.defaultName, cfg.answered]]);
      form.reset();
      await el.updateComplete;
      expect(entries(form)).to.deep.equal([[cfg.defaultName, cfg.validValue]]);
      expect(cfg.shown(el)).to.equal(cfg.validValue);
    });

    it('form.reset() empties an answer that had no value attribute, and clears errors', async () => {
      const { form, el } = await mount({ required: true });
      await cfg.answer(el);
      await el.updateComplete;
      form.reset();
      await el.updateComplete;
      expect(entries(form)).to.deep.equal([]);
      expect(el.value).to.equal(null);
      expect(cfg.shown(el)).to.equal('');
      expect(el.shadowRoot!.querySelector<HTMLElement>('[part~="error"]')!.hidden).to.equal(true);
    });

    it('disabled: left out of FormData, not validated, customer input blocked, no events', async () => {
      const { form, el } = await mount({ disabled: true, required: true, value: cfg.validValue });
      const log = recordEvents(form, el);
      expect(entries(form)).to.deep.equal([]);
      expect(form.checkValidity()).to.equal(true);
      el.removeAttribute('value');
      el.value = null;
      await el.updateComplete;
      await cfg.answer(el).catch(() => undefined);
      await cfg.commit?.(el);
      await el.updateComplete;
      expect(el.value).to.equal(null);
      expect(cfg.shown(el)).to.equal('');
      expect(log).to.deep.include({ input: 0, change: 0 });
      el.focus();
      // (Compare a string: a failing equal on an element makes mocha's diff hang.)
      expect(String(el.shadowRoot!.activeElement?.outerHTML), 'nothing to focus while disabled').to.equal('undefined');
      // Enabled again, it can be reached, answers and submits.
      el.disabled = false;
      await el.updateComplete;
      el.focus();
      expect(el.shadowRoot!.activeElement !== null, 'focusable again').to.equal(true);
      await cfg.answer(el);
      await el.updateComplete;
      expect(entries(form)).to.deep.equal([[cfg.defaultName, cfg.answered]]);
    });

    it('a disabled <fieldset>: left out of FormData, customer input blocked, no events', async () => {
      const { form, el, fieldset } = await mount({ required: true }, { fieldset: true });
      fieldset!.disabled = true;
      await el.updateComplete;
      const log = recordEvents(form, el);
      expect(form.checkValidity()).to.equal(true);
      await cfg.answer(el).catch(() => undefined);
      await cfg.commit?.(el);
      await el.updateComplete;
      expect(el.value).to.equal(null);
      expect(entries(form)).to.deep.equal([]);
      expect(log).to.deep.include({ input: 0, change: 0 });
      fieldset!.disabled = false;
      await el.updateComplete;
      expect(form.checkValidity()).to.equal(false);
      await cfg.answer(el);
      await el.updateComplete;
      expect(entries(form)).to.deep.equal([[cfg.defaultName, cfg.answered]]);
    });

    it('fires input and change (bubbling, composed) exactly once per customer change', async () => {
      const { form, el } = await mount();
      const log = recordEvents(form, el);
      await cfg.answer(el);
      await cfg.commit?.(el);
      await el.updateComplete;
      expect(log).to.deep.equal({ input: cfg.inputsPerAnswer, change: 1, notComposed: 0, wrongTarget: 0 });
      // The same answer again is no change.
      await cfg.answer(el);
      await cfg.commit?.(el);
      await el.updateComplete;
      expect(log.change, 'answering the same again').to.equal(1);
    });

    it('value and required set by code count at once, as on a native input (no wait for the next render)', async () => {
      const { form, el } = await mount({ required: true, value: cfg.validValue });
      expect(form.checkValidity()).to.equal(true);
      (el as { value: unknown }).value = null;
      expect(form.checkValidity(), 'value = null').to.equal(false);
      expect(el.validity.valueMissing).to.equal(true);
      expect(el.validationMessage).to.equal(cfg.requiredMessage.en);
      expect(entries(form)).to.deep.equal([]);
      el.setAttribute('value', cfg.answered);
      expect(form.checkValidity(), 'the value attribute').to.equal(true);
      expect(entries(form)).to.deep.equal([[cfg.defaultName, cfg.answered]]);
      (el as { value: unknown }).value = null;
      el.required = false;
      expect(form.checkValidity(), 'required = false').to.equal(true);
      el.required = true;
      expect(form.checkValidity(), 'required = true').to.equal(false);
      await el.updateComplete;
      expect(form.checkValidity(), 'after the render').to.equal(false);
    });

    it('fires no event when code sets value or the value attribute', async () => {
      const { form, el } = await mount();
      const log = recordEvents(form, el);
      (el as { value: unknown }).value = cfg.validValue;
      await el.updateComplete;
      el.setAttribute('value', cfg.answered);
      await el.updateComplete;
      expect(entries(form)).to.deep.equal([[cfg.defaultName, cfg.answered]]);
      expect(cfg.shown(el)).to.equal(cfg.answered);
      form.reset();
      await el.updateComplete;
      expect(log).to.deep.equal({ input: 0, change: 0, notComposed: 0, wrongTarget: 0 });
    });
  });
}

/** What a scale shows as checked. */
export function checkedValue(el: Element): string {
  const checked = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role=radio][aria-checked="true"]')];
  if (checked.length > 1) throw new Error('more than one option is checked');
  return checked[0]?.dataset.value ?? '';
}

export function radios(el: Element): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role=radio]')];
}

/**
 * The accessible name from the ARIA attributes and text the elements use
 * (aria-labelledby, aria-label, then text content).
 */
export function accessibleName(node: Element): string {
  const root = node.getRootNode() as Document | ShadowRoot;
  const ids = node.getAttribute('aria-labelledby');
  if (ids) {
    return ids
      .split(/\s+/)
      .map((id) => root.getElementById(id)?.textContent ?? '')
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
  }
  const label = node.getAttribute('aria-label');
  if (label) return label.trim();
  const text = [...node.childNodes]
    .map((n) =>
      n instanceof Element ? (n.getAttribute('aria-hidden') === 'true' ? '' : accessibleName(n)) : n instanceof Text ? n.data : '',
    )
    .join('');
  return text.replace(/\s+/g, ' ').trim();
}

/** The text of the elements named by aria-describedby. */
export function description(node: Element): string {
  const root = node.getRootNode() as Document | ShadowRoot;
  return (node.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => root.getElementById(id)?.textContent?.trim() ?? '')
    .join(' ');
}

/** Stubs console.error / console.warn for one test; returns what was logged. */
export function captureConsole(kind: 'error' | 'warn') {
  const original = console[kind];
  const lines: string[] = [];
  console[kind] = (...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
  };
  return {
    lines,
    restore: () => {
      console[kind] = original;
    },
  };
}
