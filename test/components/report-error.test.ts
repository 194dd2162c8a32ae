// One console format for every problem Koubei reports: "[koubei] <tag> attribute="value": message" for an element's,
// "[koubei] message" for the page-wide outbox's (no "Koubei:" after the prefix that already says it).
import { expect } from '@open-wc/testing';
import { reportError } from '../../src/events.js';

function lines(fn: () => void): string[] {
  const out: string[] = [];
  const orig = console.error;
  console.error = (...a: unknown[]) => void out.push(a.map(String).join(' '));
  try {
    fn();
  } finally {
    console.error = orig;
  }
  return out;
}

describe('reportError', () => {
  it('names the element and the attribute', () => {
    const el = document.createElement('koubei-survey');
    el.setAttribute('endpoint', 'ftp://x');
    document.body.append(el);
    try {
      expect(lines(() => reportError(el, { reason: 'config', attribute: 'endpoint', value: 'ftp://x', message: 'uses ftp:.' }))).to.deep.equal([
        '[koubei] <koubei-survey> endpoint="ftp://x": uses ftp:.',
      ]);
    } finally {
      el.remove();
    }
  });

  it('says the outbox message once prefixed, on window', () => {
    const heard: string[] = [];
    const on = (e: Event) => heard.push((e as CustomEvent<{ message: string }>).detail.message);
    addEventListener('koubei-error', on);
    try {
      expect(lines(() => reportError(window, { reason: 'endpoint', message: 'https://c.example/v1/responses gave no HTTP answer 3 times' }))).to.deep.equal([
        '[koubei] https://c.example/v1/responses gave no HTTP answer 3 times',
      ]);
      expect(heard).to.deep.equal(['https://c.example/v1/responses gave no HTTP answer 3 times']);
    } finally {
      removeEventListener('koubei-error', on);
    }
  });
});
