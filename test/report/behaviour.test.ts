// The report does what its controls say, against the real, seeded collector: changing a control changes
// the request; a call-back marked done persists in the collector and is rolled back with a message when the
// collector refuses; each error state (a wrong token, a collector unreachable or down, none configured, an answer
// of the wrong shape) shows its own message and fires koubei-report-error, and Retry asks again; an empty survey
// says how to embed the survey; the CSV export downloads what the collector exports.
import { expect } from '@open-wc/testing';
import type { KoubeiReport } from '../../src/report.js';
import { sendKeys } from '@web/test-runner-commands';
import { api, cleanup, collector, mount, requests, startCollector, table, until } from './support.js';

const nextLoad = (el: KoubeiReport) => new Promise<void>((ok) => el.addEventListener('koubei-report-load', () => ok(), { once: true }));
const day = (s: string, n: number) => new Date(Date.parse(`${s}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const params = (urls: string[], path: string) => urls.filter((u) => new URL(u, location.href).pathname === path).map((u) => new URL(u, location.href).searchParams);

function change(el: HTMLInputElement | HTMLSelectElement, value: string) {
  el.value = value;
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('<koubei-report> controls change the request', function () {
  this.timeout(30_000);
  before(startCollector);
  afterEach(cleanup);

  it('presets, dates, survey, interval and group-by', async () => {
    const c = await collector();
    const { el, root } = await mount({ lang: 'en' });
    const button = (text: string) => [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === text)!;

    let urls = await requests(async () => {
      const loaded = nextLoad(el);
      button('Last 7 days').click();
      await loaded;
    });
    // The last 7 days end today in Shanghai: today − 6 to today; the headline compares with the 7 days before.
    const summaries = params(urls, '/v1/summary');
    expect(summaries.map((p) => [p.get('from'), p.get('to')])).to.deep.include.members([[day(c.today, -6), c.today], [day(c.today, -13), day(c.today, -7)]]);
    expect(button('Last 7 days').getAttribute('aria-pressed')).to.equal('true');

    urls = await requests(async () => {
      const loaded = nextLoad(el);
      change(root.querySelector<HTMLInputElement>('input[name=from]')!, day(c.today, -20));
      await loaded;
    });
    expect(params(urls, '/v1/trend')[0].get('from')).to.equal(day(c.today, -20));

    urls = await requests(async () => {
      const loaded = nextLoad(el);
      change(root.querySelector<HTMLSelectElement>('select[name=interval]')!, 'month');
      await loaded;
    });
    expect(params(urls, '/v1/trend')[0].get('interval')).to.equal('month');

    urls = await requests(async () => {
      const loaded = nextLoad(el);
      change(root.querySelector<HTMLInputElement>('input[name=group-by]')!, 'channel');
      await loaded;
    });
    const grouped = params(urls, '/v1/summary').find((p) => p.get('groupBy') === 'channel')!;
    expect(grouped, 'a grouped summary request').to.not.equal(undefined);
    await el.updateComplete;
    const groups = await api('/v1/summary', Object.fromEntries(grouped));
    // Listed by the interval's lower end, highest first (test/report/wording.test.ts).
    const ranked = groups.groups.filter((g: any) => g.nps).sort((x: any, y: any) => y.nps.low - x.nps.low);
    expect(table(root, 'groups').map((r) => [r[0], r[4]])).to.deep.equal(ranked.map((g: any) => [g.key ?? '(none)', String(g.nps.n)]));

    urls = await requests(async () => {
      const loaded = nextLoad(el);
      change(root.querySelector<HTMLInputElement>('input[name=survey]')!, 'another-survey');
      await loaded;
    });
    expect(params(urls, '/v1/summary').every((p) => p.get('survey') === 'another-survey')).to.equal(true);
  });

  it('comment filters: category, term (from a theme) and day', async () => {
    const c = await collector();
    const { el, root } = await mount({ lang: 'zh-CN' });
    const base = { survey: c.survey, from: c.from, to: c.to, timeZone: 'Asia/Shanghai', limit: 40 };
    const ids = () => [...root.querySelectorAll('[data-comments] li')].map((li) => li.getAttribute('data-id'));
    const withText = (page: any) => page.responses.filter((r: any) => typeof r.answers.comment === 'string').map((r: any) => r.id);

    const same = (want: unknown[]) => JSON.stringify(ids()) === JSON.stringify(want);
    const detractors = withText(await api('/v1/responses', { ...base, category: 'detractor' }));
    let urls = await requests(async () => {
      change(root.querySelector<HTMLSelectElement>('select[name=category]')!, 'detractor');
      await until(() => same(detractors), `the detractors' comments ${JSON.stringify(detractors)}, shown ${JSON.stringify(ids())}`);
    });
    expect(params(urls, '/v1/responses').map((p) => p.get('category'))).to.deep.equal(['detractor']);

    // Choosing a theme lists the comments behind it.
    const chip = root.querySelector<HTMLButtonElement>('.terms button')!;
    const term = chip.dataset.term!;
    const expected = withText(await api('/v1/responses', { ...base, category: 'detractor', term }));
    urls = await requests(async () => {
      chip.click();
      await until(() => chip.getAttribute('aria-pressed') === 'true' && same(expected), 'the comments of the chosen term');
    });
    expect(params(urls, '/v1/responses').map((p) => [p.get('term'), p.get('q')])).to.deep.equal([[term, null]]);
    expect(expected.length).to.be.greaterThan(0);
    await el.updateComplete;

    urls = await requests(async () => {
      change(root.querySelector<HTMLInputElement>('input[name=day]')!, c.today);
      await new Promise((r) => setTimeout(r, 400));
    });
    const p = params(urls, '/v1/responses')[0];
    expect([p.get('from'), p.get('to')]).to.deep.equal([c.today, c.today]);
  });

  it('zh-TW: a term lists exactly the comments /v1/themes counted for it, written in Simplified (term=, not the text search q=)', async () => {
    const c = await collector();
    const { el, root } = await mount({ lang: 'zh-TW' });
    const base = { survey: c.survey, from: c.from, to: c.to, timeZone: 'Asia/Shanghai', limit: 40 };
    const chips = [...root.querySelectorAll<HTMLButtonElement>('.terms button')];
    const mentions = (b: HTMLButtonElement) => Number(b.querySelector('span')!.textContent!.replace(/\D/g, ''));
    // A term in Traditional that the Simplified comments never write as such, on one page, that a text search
    // (q=) counts otherwise: the filter the report used, which this test must tell apart.
    let chip: HTMLButtonElement | undefined;
    for (const b of chips) {
      const term = b.dataset.term!;
      if (mentions(b) > 40) continue;
      const q = (await api('/v1/responses', { ...base, q: term })).responses.length;
      const exact = (await api('/v1/responses', { ...base, term })).responses;
      if (q !== mentions(b) && exact.length && exact.every((r: any) => !Object.values(r.answers).some((v) => typeof v === 'string' && v.includes(term)))) {
        chip = b;
        break;
      }
    }
    expect(chip, 'a Traditional term whose text search counts other comments than its mentions').to.not.equal(undefined);
    chip!.click();
    const listed = () => root.querySelectorAll('[data-comments] li').length;
    await until(() => chip!.getAttribute('aria-pressed') === 'true' && listed() === mentions(chip!), `${mentions(chip!)} comments for ${chip!.dataset.term}, shown ${listed()}`);
    await el.updateComplete;
    expect(listed()).to.equal(mentions(chip!));
    // Written in Simplified: the Traditional term itself is in none of them.
    expect([...root.querySelectorAll('[data-comments] li p')].some((p) => p.textContent!.includes(chip!.dataset.term!))).to.equal(false);
  });

  it('the touchpoint filter is the collector’s (touchpoint=): right on every page', async () => {
    const c = await collector();
    const { root } = await mount({ lang: 'en' });
    const base = { survey: c.survey, from: c.from, to: c.to, timeZone: 'Asia/Shanghai', limit: 40 };
    const ids = () => [...root.querySelectorAll('[data-comments] li')].map((li) => li.getAttribute('data-id'));
    const withText = (page: any) => page.responses.filter((r: any) => typeof r.answers.comment === 'string').map((r: any) => r.id);
    const same = (want: unknown[]) => JSON.stringify(ids()) === JSON.stringify(want);
    // The options are the survey's Likert questions (the seed asks five; service is asked of 45 %).
    const select = root.querySelector<HTMLSelectElement>('select[name=touchpoint]')!;
    const summary = await api('/v1/summary', { survey: c.survey, from: c.from, to: c.to, timeZone: 'Asia/Shanghai' });
    expect([...select.options].slice(1).map((o) => o.value)).to.deep.equal(Object.keys(summary.csat).filter((q) => summary.csat[q].n > 0));
    const first = await api('/v1/responses', { ...base, touchpoint: 'service' });
    // Every response of the collector's page answered service: the filter is the collector's, not this page's text.
    expect(first.responses.every((r: any) => r.scores.service?.type === 'likert')).to.equal(true);
    let urls = await requests(async () => {
      change(select, 'service');
      await until(() => same(withText(first)), 'the comments of those who rated service');
    });
    expect(params(urls, '/v1/responses').map((p) => p.get('touchpoint'))).to.deep.equal(['service']);
    // Page 2 is the collector's page 2 of the same filter (a client-side filter was only right on page 1).
    expect(first.nextCursor, 'more than one page').to.be.a('string');
    const second = await api('/v1/responses', { ...base, touchpoint: 'service', cursor: first.nextCursor });
    const next = [...root.querySelectorAll<HTMLButtonElement>('.pager button')].find((b) => b.textContent!.trim() === 'Next')!;
    urls = await requests(async () => {
      next.click();
      await until(() => same(withText(second)), 'page 2 of service');
    });
    expect(params(urls, '/v1/responses').map((p) => [p.get('touchpoint'), p.get('cursor')])).to.deep.equal([['service', first.nextCursor]]);
  });
});

describe('<koubei-report> follow-up queue', function () {
  this.timeout(30_000);
  before(startCollector);
  afterEach(cleanup);

  it('"done" with a note leaves the queue at once, persists in the collector and fires koubei-follow-up', async () => {
    const { el, root, events } = await mount({ lang: 'en' });
    const li = root.querySelector<HTMLElement>('[data-follow-ups] li')!;
    const id = li.getAttribute('data-id')!;
    const order = (await api('/v1/follow-ups', { status: 'open', limit: 100 })).followUps.find((r: any) => r.id === id).context.orderId;
    const input = li.querySelector<HTMLInputElement>('input[name=note]')!;
    input.value = '已电话联系，补发优惠券';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    li.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await el.updateComplete;
    expect(root.querySelector(`[data-follow-ups] li[data-id="${id}"]`), 'gone at once').to.equal(null);
    await until(() => events.find((e) => e.type === 'koubei-follow-up'), 'koubei-follow-up');
    const ev = events.find((e) => e.type === 'koubei-follow-up')!;
    expect(ev.detail).to.deep.equal({ id, orderId: order, note: '已电话联系，补发优惠券' });
    expect(ev.bubbles && ev.composed).to.equal(true);
    const done = await api('/v1/follow-ups', { status: 'done', limit: 500 });
    const stored = done.followUps.find((r: any) => r.id === id);
    expect(stored.followUp).to.include({ status: 'done', note: '已电话联系，补发优惠券' });
    expect((await api('/v1/follow-ups', { status: 'open', limit: 100 })).followUps.some((r: any) => r.id === id)).to.equal(false);
    expect(root.querySelector('.message[role=status]')!.textContent).to.equal(`Order ${order} marked done.`);
  });

  it('keyboard: after Enter marks a row done, focus is on the next order\'s heading and each note stays with its order', async () => {
    const { el, root, events } = await mount({ lang: 'en' });
    const rows = () => [...root.querySelectorAll<HTMLElement>('[data-follow-ups] li')];
    // Three rows before the last: the other tests (and the other browser, on the same collector) take its ends.
    const at = Math.max(0, rows().length - 4);
    const [first, second, third] = rows().slice(at).map((li) => li.dataset.id!);
    expect(third, 'three open call-backs').to.be.a('string');
    const input = (id: string) => root.querySelector<HTMLInputElement>(`[data-follow-ups] li[data-id="${id}"] input[name=note]`)!;
    // A note typed on the second order, then one on the first, sent with Enter.
    input(second).focus();
    await sendKeys({ type: 'second note' });
    input(first).focus();
    await sendKeys({ type: 'first note' });
    await sendKeys({ press: 'Enter' });
    await until(() => events.find((e) => e.type === 'koubei-follow-up'), 'koubei-follow-up');
    await el.updateComplete;
    expect(events.find((e) => e.type === 'koubei-follow-up')!.detail).to.include({ id: first, note: 'first note' });
    expect(rows().map((li) => li.dataset.id).slice(at, at + 2)).to.deep.equal([second, third]);
    // Each note with its own order: the second keeps its own, the third none (not the first's, in the same place).
    expect(input(second).value).to.equal('second note');
    expect(input(third).value).to.equal('');
    // Focus on the heading of the order now in its place, not on a button a second Enter would press for it.
    const focused = root.activeElement as HTMLElement;
    expect(focused.localName).to.equal('strong');
    expect(focused.closest('li')!.dataset.id).to.equal(second);
    await sendKeys({ press: 'Enter' });
    await new Promise((r) => setTimeout(r, 300));
    expect(events.filter((e) => e.type === 'koubei-follow-up').length).to.equal(1);
    expect(rows()[at].dataset.id).to.equal(second);
  });

  it('a refused update puts the row back where it was, with a message', async () => {
    const c = await collector();
    const { el, root, events } = await mount({ lang: 'en' });
    const rows = () => [...root.querySelectorAll('[data-follow-ups] li')].map((li) => li.getAttribute('data-id'));
    const before = rows();
    const id = before[before.length - 1]!;
    const order = (await api('/v1/follow-ups', { status: 'open', limit: 100 })).followUps.find((r: any) => r.id === id).context.orderId;
    // Erased meanwhile (a customer's request): the collector answers 404 to the PATCH.
    const r = await fetch(`${c.url}/v1/responses?id=${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${c.token}` } });
    expect(r.status).to.equal(200);
    root.querySelector<HTMLButtonElement>(`[data-follow-ups] li[data-id="${id}"] button[type=submit]`)!.click();
    const alert = await until(() => root.querySelector('.message[role=alert]'), 'the refusal');
    expect(alert.textContent).to.match(new RegExp(`^Order ${order} could not be marked done; it is open again\\. The collector refused the request: `));
    await el.updateComplete;
    expect(rows()).to.deep.equal(before);
    expect(events.some((e) => e.type === 'koubei-follow-up')).to.equal(false);
  });

  it('an update that cannot reach the collector says so in the report\'s language, not "refused" and a raw "Failed to fetch"', async () => {
    await collector();
    const { root } = await mount({ lang: 'zh-CN' });
    const id = root.querySelector('[data-follow-ups] li')!.getAttribute('data-id')!;
    const orig = window.fetch;
    window.fetch = (input, init) => (init?.method === 'PATCH' ? Promise.reject(new TypeError('Failed to fetch')) : orig(input, init));
    try {
      root.querySelector<HTMLButtonElement>(`[data-follow-ups] li[data-id="${id}"] button[type=submit]`)!.click();
      const alert = await until(() => root.querySelector('.message[role=alert]'), 'the failure');
      expect(alert.textContent).to.match(/^未能将订单 \S+ 标记完成，已恢复为待回访。无法连接 .* 的收集器/);
      expect(alert.textContent).to.not.contain('Failed to fetch');
      expect(alert.textContent).to.not.contain('拒绝');
    } finally {
      window.fetch = orig;
    }
  });
});

describe('<koubei-report> CSV export', function () {
  this.timeout(30_000);
  before(startCollector);
  afterEach(cleanup);

  it('downloads what the collector exports for the same filters', async () => {
    const c = await collector();
    const { root } = await mount({ lang: 'en' });
    let link: HTMLAnchorElement | undefined;
    root.addEventListener('click', (e) => {
      const a = e.target as HTMLAnchorElement;
      if (a.localName === 'a' && a.download) {
        e.preventDefault();
        link = a;
      }
    }, true);
    [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Export CSV')!.click();
    await until(() => link, 'the download');
    const got = await (await fetch(link!.href)).arrayBuffer();
    const r = await fetch(`${c.url}/v1/export?format=csv&survey=${c.survey}&from=${c.from}&to=${c.to}&timeZone=Asia%2FShanghai`, { headers: { authorization: `Bearer ${c.token}` } });
    const want = await r.arrayBuffer();
    expect(new Uint8Array(got)).to.deep.equal(new Uint8Array(want));
    expect(link!.download).to.equal(/filename="([^"]+)"/.exec(r.headers.get('content-disposition')!)![1]);
    // It starts with the BOM that spreadsheets need for Chinese.
    expect([...new Uint8Array(got).slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
  });
});

describe('<koubei-report> error states', function () {
  this.timeout(30_000);
  before(startCollector);
  afterEach(cleanup);

  const problem = (root: ShadowRoot) => root.querySelector<HTMLElement>('.problem[data-reason]')!;
  const reasons = (events: CustomEvent[]) => events.filter((e) => e.type === 'koubei-report-error').map((e) => e.detail.reason);

  it('a wrong token: auth, and a retry with the right one loads', async () => {
    const c = await collector();
    const { el, root, events } = await mount({ lang: 'en', token: 'not-the-token' }, 'error');
    expect(problem(root).dataset.kind).to.equal('auth');
    expect(problem(root).querySelector('p')!.textContent).to.equal('The collector refused the admin token. Give the report the token the collector was started with (--admin-token).');
    expect(reasons(events)).to.deep.equal(['auth']);
    expect(events[0].detail.status).to.equal(401);
    const loaded = nextLoad(el);
    el.token = c.token;
    await loaded;
    await el.updateComplete;
    expect(root.querySelector('.problem')).to.equal(null);
    expect(root.querySelector('[data-headline]')).to.not.equal(null);
  });

  it('a collector that cannot be reached: network', async () => {
    const { root, events } = await mount({ lang: 'zh-CN', src: 'http://127.0.0.1:9' }, 'error');
    expect(problem(root).dataset.kind).to.equal('network');
    expect(problem(root).querySelector('p')!.textContent).to.equal('无法连接 http://127.0.0.1:9 的收集器。请确认它正在运行，并且本页的来源在它的 --allow-origin 中。');
    expect(reasons(events)).to.deep.equal(['network']);
  });

  it('a database that is down: network, with the Retry-After, and Retry asks again', async () => {
    const { el, root, events } = await mount({ lang: 'en', src: `${location.origin}/report-fake/down` }, 'error');
    expect(problem(root).dataset.kind).to.equal('unavailable');
    expect(problem(root).querySelector('p')!.textContent).to.equal('The collector’s database is not available right now. Try again in 7 seconds.');
    expect(reasons(events)).to.deep.equal(['network']);
    const urls = await requests(async () => {
      problem(root).querySelector('button')!.click();
      await until(() => reasons(events).length === 2, 'the second error');
    });
    expect(params(urls, '/report-fake/down/v1/summary').length).to.equal(2);
    await el.updateComplete;
  });

  it('no token configured on the collector: auth', async () => {
    const { root, events } = await mount({ lang: 'zh-TW', src: `${location.origin}/report-fake/notoken` }, 'error');
    expect(problem(root).dataset.kind).to.equal('no-token');
    expect(problem(root).querySelector('p')!.textContent).to.equal('收集器沒有設定管理權杖，報告介面未開啟。請用 --admin-token 或 KOUBEI_ADMIN_TOKEN 啟動它。');
    expect(reasons(events)).to.deep.equal(['auth']);
  });

  it('an answer of the wrong shape, or not JSON: bad-response, naming what was wrong', async () => {
    let m = await mount({ lang: 'en', src: `${location.origin}/report-fake/bad` }, 'error');
    expect(problem(m.root).dataset.kind).to.equal('bad-response');
    expect(problem(m.root).querySelector('p')!.textContent).to.match(/^The collector sent an answer this report does not understand \(.*: expected .*\)\.$/);
    expect(reasons(m.events)).to.deep.equal(['bad-response']);
    cleanup();
    m = await mount({ lang: 'en', src: `${location.origin}/report-fake/html` }, 'error');
    expect(problem(m.root).querySelector('p')!.textContent).to.contain('not JSON');
    // Nothing the collector sent became markup.
    expect(m.root.querySelector('.problem p')!.children.length).to.equal(0);
  });

  it('an empty survey says how to embed the survey', async () => {
    const { root } = await mount({ lang: 'en', surveyId: 'no-answers-yet' });
    const empty = root.querySelector<HTMLElement>('[data-kind=empty]')!;
    expect(empty.querySelector('h3')!.textContent).to.equal('No answers yet');
    expect(empty.querySelector('code')!.textContent).to.contain('<koubei-survey survey-id="no-answers-yet"');
  });
});
