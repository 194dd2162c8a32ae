// The email NPS block as a shop's mailer uses it: renderEmailNps from
// dist/email.js in Node (no DOM, no Lit) and the `koubei email-nps` command.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderEmailNps } from '../../dist/email.js';

const BIN = fileURLToPath(new URL('../../bin/koubei.js', import.meta.url));
const cli = (...args) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
const hrefs = (html) => [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map((m) => ({ href: m[1], label: m[2] }));
const unescape = (s) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

describe('renderEmailNps', () => {
  const zh = renderEmailNps({
    surveyUrl: 'https://shop.example/survey',
    locale: 'zh-CN',
    brand: '优选生活',
    params: { 'order-id': '{{order_id}}', sig: '{{sig}}' },
  });

  it('has eleven links, 0 to 10, each carrying its score and the params with placeholders intact', () => {
    const links = hrefs(zh.html);
    assert.equal(links.length, 11);
    links.forEach((l, n) => {
      assert.equal(l.label, String(n));
      assert.equal(unescape(l.href), `https://shop.example/survey?nps=${n}&order-id={{order_id}}&sig={{sig}}`);
      const url = new URL(unescape(l.href));
      assert.equal(url.searchParams.get('nps'), String(n));
    });
    assert.deepEqual(zh.links, links.map((l) => unescape(l.href)));
  });

  it('is email-safe: tables and inline styles only, no script, form, style element, class or external CSS', () => {
    for (const bad of [/<script/i, /<form/i, /<input/i, /<style/i, /<link/i, /\bclass=/i, /\bon\w+=/i, /javascript:/i, /@import/i]) {
      assert.doesNotMatch(zh.html, bad);
    }
    assert.match(zh.html, /^<table role="presentation"/);
    const tags = [...zh.html.matchAll(/<([a-z]+)\b/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(tags)].sort(), ['a', 'table', 'td', 'tr']);
    for (const m of zh.html.matchAll(/<(td|a)\b([^>]*)>/g)) assert.match(m[2], /style="[^"]+"/, `${m[0]} has an inline style`);
  });

  it('speaks zh-CN: the question names the brand, the end labels and lang are Chinese', () => {
    assert.match(zh.html, /您有多大可能向朋友或同事推荐优选生活？/);
    assert.match(zh.html, />完全不可能</);
    assert.match(zh.html, />极有可能</);
    assert.match(zh.html, /lang="zh-CN"/);
    assert.match(zh.text, /^您有多大可能向朋友或同事推荐优选生活？\n/);
  });

  it('speaks English by default, and zh-TW for Traditional Chinese tags', () => {
    const en = renderEmailNps({ surveyUrl: 'https://shop.example/survey', brand: 'Acme' });
    assert.match(en.html, /How likely are you to recommend Acme to a friend or colleague\?/);
    assert.match(en.html, />Not at all likely</);
    assert.match(en.html, />Extremely likely</);
    assert.match(en.html, /lang="en"/);
    const tw = renderEmailNps({ surveyUrl: 'https://shop.example/survey', locale: 'zh-HK' });
    assert.match(tw.html, /lang="zh-TW"/);
    assert.match(tw.html, /推薦/);
  });

  it('has a plain-text variant with one line per score', () => {
    const lines = zh.text.trim().split('\n');
    assert.equal(lines.length, 13);
    assert.equal(lines[2], '0 (完全不可能): https://shop.example/survey?nps=0&order-id={{order_id}}&sig={{sig}}');
    assert.equal(lines[12], '10 (极有可能): https://shop.example/survey?nps=10&order-id={{order_id}}&sig={{sig}}');
    assert.doesNotMatch(zh.text, /</);
  });

  it('escapes every interpolated string', () => {
    const r = renderEmailNps({
      surveyUrl: 'https://shop.example/s?x="><script>alert(1)</script>',
      brand: '<img src=x onerror=alert(1)>',
      params: { 'a"b': '"><b>' },
      lowLabel: '<i>low</i>',
    });
    assert.doesNotMatch(r.html, /<script|<img|<b>|<i>/);
    assert.match(r.html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(r.html, /&lt;i&gt;low&lt;\/i&gt;/);
    // Each link is still one attribute value that decodes to the URL built.
    assert.equal(hrefs(r.html).length, 11);
  });

  it('keeps an existing query and fragment of the survey URL, and encodes ordinary values', () => {
    const r = renderEmailNps({ surveyUrl: 'https://shop.example/s?src=mail#top', params: { note: 'a b&c', t: '*|TOKEN|*' }, name: 'score' });
    assert.equal(r.links[3], 'https://shop.example/s?src=mail&score=3&note=a%20b%26c&t=*|TOKEN|*#top');
  });

  it('uses the colours given, and refuses anything that is not a plain colour', () => {
    const r = renderEmailNps({ surveyUrl: 'https://shop.example/s', colors: { accent: '#c2410c', muted: 'rgb(80, 80, 80)' } });
    assert.match(r.html, /color:#c2410c/);
    assert.match(r.html, /color:rgb\(80, 80, 80\)/);
    assert.throws(() => renderEmailNps({ surveyUrl: 'https://shop.example/s', colors: { accent: 'red;background:url(x)' } }), /colors\.accent/);
  });

  it('refuses a survey URL that is not absolute http(s)', () => {
    for (const surveyUrl of ['/survey', 'javascript:alert(1)', 'shop.example/survey', '']) {
      assert.throws(() => renderEmailNps({ surveyUrl }), /surveyUrl must be an absolute http\(s\) URL/);
    }
    assert.throws(() => renderEmailNps({ surveyUrl: 'https://a.example', params: { nps: '5' } }), /params\.nps/);
  });

  it('loads without Lit or a DOM', () => {
    const chunkImports = readFileSync(new URL('../../dist/email.js', import.meta.url), 'utf8').match(/from"([^"]+)"/g) ?? [];
    for (const imp of chunkImports) {
      const file = new URL(`../../dist/${imp.slice(6, -1).replace(/^\.\//, '')}`, import.meta.url);
      assert.doesNotMatch(readFileSync(file, 'utf8'), /customElements|LitElement|attachShadow/);
    }
    assert.equal(typeof globalThis.document, 'undefined');
  });
});

describe('koubei email-nps (CLI)', () => {
  it('prints the HTML block with the params', () => {
    const r = cli('email-nps', '--url', 'https://shop.example/survey', '--lang', 'zh-CN', '--param', 'order-id={{order_id}}');
    assert.equal(r.status, 0, r.stderr);
    const links = hrefs(r.stdout);
    assert.equal(links.length, 11);
    assert.equal(unescape(links[7].href), 'https://shop.example/survey?nps=7&order-id={{order_id}}');
    assert.match(r.stdout, /您有多大可能向朋友或同事推荐我们？/);
  });

  it('prints the plain-text variant with --text', () => {
    const r = cli('email-nps', '--url', 'https://shop.example/survey', '--text', '--brand', 'Acme', '--param', 'o=1', '--param', 'sig={{sig}}');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^How likely are you to recommend Acme/);
    assert.match(r.stdout, /^10 \(Extremely likely\): https:\/\/shop\.example\/survey\?nps=10&o=1&sig=\{\{sig\}\}$/m);
    assert.doesNotMatch(r.stdout, /<table/);
  });

  it('prints help', () => {
    const r = cli('--help');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /Usage: koubei email-nps --url/);
    assert.match(cli('email-nps', '-h').stdout, /--param <name=value>/);
  });

  it('explains bad arguments on stderr and exits 2', () => {
    const cases = [
      [['email-nps'], /--url is required/],
      [['email-nps', '--url', '/survey'], /--url must be an absolute http\(s\) URL/],
      [['email-nps', '--url', 'https://a.example', '--param', 'order-id'], /--param must be name=value, got "order-id"/],
      [['email-nps', '--url', 'https://a.example', '--lang', 'fr'], /--lang must be en, zh-CN or zh-TW/],
      [['email-nps', '--url', 'https://a.example', '--colour', 'red'], /Unknown option '--colour'/],
      [['email-nps', '--url', 'https://a.example', '--accent', 'red;x:y'], /--accent must be a CSS colour/],
      [['email-sms'], /unknown command "email-sms"/],
    ];
    for (const [args, message] of cases) {
      const r = cli(...args);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
    }
  });
});
