// The email NPS block as a shop's mailer uses it: renderEmailNps from
// dist/email.js in Node (no DOM, no Lit) and the `koubei email-nps` command.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createHmac } from 'node:crypto';
import { renderEmailNps, responseIdFor, verifyLink } from '../../dist/email.js';

const BIN = fileURLToPath(new URL('../../bin/koubei.js', import.meta.url));
const cli = (...args) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
/** The CLI with extra environment variables (the signing secret). */
const cliEnv = (env, ...args) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
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

describe('renderEmailNps with sign', () => {
  const SECRET = 'mailer-secret-0123456789abcdef';
  const base = {
    surveyUrl: 'https://shop.example/survey',
    locale: 'zh-CN',
    surveyId: 'post-purchase',
    orderId: 'A-1001',
    params: { src: 'mail' },
    sign: { secret: SECRET, keyId: 'k1', expiresAt: '2099-01-01T00:00:00Z' },
  };
  const NOW = new Date('2026-12-01T00:00:00Z');

  it('signs each of the eleven links: the score, then params, then sid, rid, order-id, kid, exp and its own sig', async () => {
    const out = renderEmailNps(base);
    assert.ok(out instanceof Promise, 'a Promise with sign');
    const { links, html, text } = await out;
    const rid = await responseIdFor('A-1001', SECRET);
    assert.equal(links.length, 11);
    for (const [n, link] of links.entries()) {
      const p = new URL(link).searchParams;
      assert.deepEqual([...p.keys()], ['nps', 'src', 'sid', 'rid', 'order-id', 'kid', 'exp', 'sig']);
      assert.equal(p.get('order-id'), 'A-1001');
      assert.equal(p.get('nps'), String(n));
      assert.equal(p.get('rid'), rid);
      // 2099-01-01T00:00:00Z = 4070908800 s (date -u -d 2099-01-01T00:00:00Z +%s): far enough that the test never expires.
      assert.equal(p.get('exp'), '4070908800');
      // The order id is signed too (v2: v1's lines, then the order id), so the landing page's context.orderId cannot be changed.
      const expected = createHmac('sha256', SECRET).update(['koubei.link.v2', 'k1', 'post-purchase', rid, String(n), '4070908800', 'A-1001'].join('\n')).digest('base64url');
      assert.equal(p.get('sig'), expected);
      assert.deepEqual(await verifyLink(link, { k1: SECRET }, { now: NOW }), { valid: true, reason: null, fields: { surveyId: 'post-purchase', responseId: rid, score: n, keyId: 'k1', expiresAt: 4070908800, orderId: 'A-1001' } });
      assert.ok(html.includes(`href="${link.replace(/&/g, '&amp;')}"`), `link ${n} in the HTML`);
      assert.ok(text.includes(`: ${link}\n`), `link ${n} in the text`);
    }
    assert.equal(new Set(links.map((l) => new URL(l).searchParams.get('sig'))).size, 11);
    assert.doesNotMatch(html + text, new RegExp(SECRET));
  });

  it('gives a resend the same response id, and another order another', async () => {
    const a = await renderEmailNps(base);
    const again = await renderEmailNps(base);
    const other = await renderEmailNps({ ...base, orderId: 'A-1002' });
    const rid = (r) => new URL(r.links[5]).searchParams.get('rid');
    assert.equal(rid(again), rid(a));
    assert.notEqual(rid(other), rid(a));
    // A fixed id secret keeps the id across a key rotation.
    const rotated = await renderEmailNps({ ...base, sign: { ...base.sign, secret: 'rotated-secret-0123456789ab', keyId: 'k2', idSecret: SECRET } });
    assert.equal(rid(rotated), rid(a));
    assert.notEqual(new URL(rotated.links[5]).searchParams.get('sig'), new URL(a.links[5]).searchParams.get('sig'));
  });

  it('expires after expiresIn, 30 days by default', async () => {
    for (const [expiresIn, seconds] of [[undefined, 30 * 86400], ['72h', 72 * 3600], ['90m', 5400], [600, 600]]) {
      const before = Math.floor(Date.now() / 1000);
      const { links } = await renderEmailNps({ ...base, sign: { secret: SECRET, keyId: 'k1', expiresIn } });
      const after = Math.floor(Date.now() / 1000);
      const exp = Number(new URL(links[0]).searchParams.get('exp'));
      assert.ok(exp >= before + seconds && exp <= after + seconds, `${expiresIn}: ${exp} in [${before + seconds}, ${after + seconds}]`);
    }
  });

  it('refuses mailer placeholders: signing needs the real order id of each email', async () => {
    await assert.rejects(renderEmailNps({ ...base, orderId: '{{order_id}}' }), /orderId "\{\{order_id\}\}" is a mailer placeholder; .*render the block once per recipient/);
    await assert.rejects(renderEmailNps({ ...base, params: { name: '*|FNAME|*' } }), /params\.name holds a mailer placeholder/);
    await assert.rejects(renderEmailNps({ ...base, surveyId: '%%survey%%' }), /surveyId .* is a mailer placeholder/);
  });

  it('refuses bad signing options, rejecting the promise', async () => {
    const cases = [
      [{ orderId: undefined }, /orderId is required with sign/],
      [{ orderId: 'li@example.com' }, /orderId looks like an email address/],
      [{ surveyId: undefined }, /surveyId must be 1 to 200 characters/],
      [{ params: { sig: 'x' } }, /params\.sig would replace a signature parameter/],
      [{ surveyUrl: 'https://shop.example/survey?rid=1' }, /surveyUrl: the URL already has a "rid" parameter/],
      [{ surveyUrl: '/survey' }, /surveyUrl must be an absolute http\(s\) URL/],
      [{ name: 'exp' }, /name "exp" is a signature parameter/],
      [{ sign: { secret: SECRET, keyId: 'k 1' } }, /keyId must be 1 to 64 of/],
      [{ sign: { secret: 'short', keyId: 'k1' } }, /sign\.secret must be at least 16 bytes/],
      [{ sign: { secret: SECRET, keyId: 'k1', expiresIn: '3w' } }, /sign\.expiresIn must be a number with s, m, h or d/],
      [{ sign: { secret: SECRET, keyId: 'k1', expiresIn: '400d' } }, /sign\.expiresIn must be from 1 second to 366 days/],
      [{ sign: { secret: SECRET, keyId: 'k1', expiresIn: '1d', expiresAt: 1798761600 } }, /not both/],
      [{ sign: { secret: SECRET, keyId: 'k1', expiresAt: '2020-01-01T00:00:00Z' } }, /sign\.expiresAt is in the past \(2020-01-01T00:00:00\.000Z\)/],
    ];
    for (const [change, message] of cases) {
      const out = renderEmailNps({ ...base, ...change });
      assert.ok(out instanceof Promise, JSON.stringify(change));
      await assert.rejects(out, message, JSON.stringify(change));
    }
  });

  it('stays synchronous without sign, and refuses orderId there', () => {
    const r = renderEmailNps({ surveyUrl: 'https://shop.example/survey' });
    assert.equal(typeof r.then, 'undefined');
    assert.equal(r.links[4], 'https://shop.example/survey?nps=4');
    assert.throws(() => renderEmailNps({ surveyUrl: 'https://shop.example/survey', orderId: 'A-1001' }), /orderId and surveyId are used only with sign/);
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
    assert.match(r.stdout, /koubei email-nps --url <survey page>/);
    assert.match(cli('email-nps', '-h').stdout, /--param <name=value>/);
    assert.match(cli('email-nps', '-h').stdout, /--secret-env <NAME>/);
  });

  const SECRET = 'cli-secret-0123456789abcdef';
  const signArgs = ['email-nps', '--url', 'https://shop.example/survey', '--survey-id', 'post-purchase', '--order-id', 'A-1001', '--key-id', 'k1', '--secret-env', 'KOUBEI_TEST_SECRET'];

  it('signs the links with the secret from the environment, never printing it', async () => {
    const r = cliEnv({ KOUBEI_TEST_SECRET: SECRET }, ...signArgs, '--expires-in', '72h', '--text');
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET));
    const links = r.stdout.match(/https:\/\/\S+/g);
    assert.equal(links.length, 11);
    const rid = await responseIdFor('A-1001', SECRET);
    for (const [n, link] of links.entries()) {
      const p = new URL(link).searchParams;
      assert.equal(p.get('nps'), String(n));
      assert.equal(p.get('rid'), rid);
      assert.equal((await verifyLink(link, { k1: SECRET })).valid, true, link);
    }
    // 72h = 259200 s from about now (the process ran within the last minute).
    const exp = Number(new URL(links[0]).searchParams.get('exp'));
    assert.ok(Math.abs(exp - (Date.now() / 1000 + 259200)) < 60, String(exp));
    const html = cliEnv({ KOUBEI_TEST_SECRET: SECRET }, ...signArgs);
    assert.equal(html.status, 0, html.stderr);
    assert.equal(hrefs(html.stdout).length, 11);
    assert.ok(!html.stdout.includes(SECRET));
  });

  it('takes a base64 secret with its = padding (openssl rand -base64 32)', async () => {
    const b64 = 'q3J5cHRvLXNlY3JldC0wMTIzNDU2Nzg5YWJjZGVmMDE=';
    const r = cliEnv({ KOUBEI_TEST_SECRET: b64 }, ...signArgs, '--text');
    assert.equal(r.status, 0, r.stderr);
    const link = r.stdout.match(/https:\/\/\S+/)[0];
    assert.equal((await verifyLink(link, { k1: b64 })).valid, true);
  });

  it('refuses a secret on the command line, an unset variable and incomplete or bad signing options (exit 2)', () => {
    const cases = [
      [{}, signArgs, /--secret-env KOUBEI_TEST_SECRET: that environment variable is not set or is empty/],
      [{ KOUBEI_TEST_SECRET: '' }, signArgs, /not set or is empty/],
      [{ KOUBEI_TEST_SECRET: 'tiny-secret' }, signArgs, /the secret in --secret-env KOUBEI_TEST_SECRET must be at least 16 bytes/],
      // The collector's kid=secret list in the mailer's variable: links signed with it would never verify.
      [{ KOUBEI_TEST_SECRET: `k1=${SECRET}` }, signArgs, /--secret-env KOUBEI_TEST_SECRET holds a kid=secret list/],
      [{ KOUBEI_TEST_SECRET: `${SECRET},${SECRET}x` }, signArgs, /holds a kid=secret list/],
      [{}, [...signArgs, '--secret', SECRET], /there is no --secret: put the secret in an environment variable/],
      [{}, [...signArgs, `--secret=${SECRET}`], /there is no --secret/],
      [{}, [...signArgs.slice(0, -1), 'cli-secret-0123456789abcdef-x'], /--secret-env takes the name of an environment variable/],
      [{}, ['email-nps', '--url', 'https://a.example', '--order-id', 'A-1'], /signed links need --survey-id, --key-id, --secret-env as well/],
      [{ KOUBEI_TEST_SECRET: SECRET }, [...signArgs, '--expires-in', '3w'], /--expires-in must be a number with s, m, h or d/],
      [{ KOUBEI_TEST_SECRET: SECRET }, [...signArgs, '--key-id', 'k 1'], /--key-id must be 1 to 64 of/],
      [{ KOUBEI_TEST_SECRET: SECRET }, [...signArgs.slice(0, 5), '--order-id', '{{order_id}}', ...signArgs.slice(7)], /--order-id "\{\{order_id\}\}" is a mailer placeholder/],
      [{ KOUBEI_TEST_SECRET: SECRET }, [...signArgs, '--param', 'o={{order_id}}'], /--param o holds a mailer placeholder/],
    ];
    for (const [env, args, message] of cases) {
      const r = cliEnv(env, ...args);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      for (const secret of [SECRET, 'tiny-secret', 'cli-secret-0123456789abcdef-x']) assert.ok(!r.stderr.includes(secret), `${args.join(' ')}: stderr repeats the secret`);
    }
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
