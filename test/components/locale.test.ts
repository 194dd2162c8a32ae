// The response's locale is the survey's language as a canonical BCP 47 tag, and `und` (not known) for a lang no one
// can read: the collector refuses a tag like "zz" or "English", and a shop's typo in lang must not lose responses.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { KoubeiResponse, KoubeiSurvey } from '../../src/index.js';

async function localeOf(lang: string): Promise<string> {
  const s = await fixture<KoubeiSurvey>(html`<koubei-survey survey-id="locale" lang=${lang}><koubei-text name="c"></koubei-text></koubei-survey>`);
  await s.updateComplete;
  const sent = new Promise<KoubeiResponse>((resolve) =>
    s.addEventListener('koubei-submit', (e) => (e.preventDefault(), resolve((e as CustomEvent<KoubeiResponse>).detail)), { once: true }),
  );
  void s.requestSubmit();
  return (await sent).locale;
}

describe('the response locale', () => {
  for (const [lang, locale] of [
    ['zh-CN', 'zh-CN'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['EN-gb', 'en-GB'],
    ['yue-Hant-HK', 'yue-Hant-HK'],
    ['zz', 'und'],
    ['zz-CN', 'und'],
    ['English', 'und'],
    ['zh_CN', 'und'],
  ])
    it(`lang="${lang}" sends ${locale}`, async () => {
      expect(await localeOf(lang)).to.equal(locale);
    });
});
