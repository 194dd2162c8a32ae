// A believable year of a Chinese shop's post-purchase answers, made by a seeded script (the same seed
// gives the same responses at the same `now`): five touchpoints whose weights on the NPS are known
// (delivery and "as described" drive it most), a dip in delivery around 双十一 (11 November), Chinese
// comments from templates with varied wording, some phone numbers the collector redacts, and call-backs
// of the last days still open. `node demo/seed.js [collector URL] [admin token]` posts them;
// demo/server.js seeds a new demo data directory with it.
import { scoreResponse } from '../dist/scoring.js';

/** Mulberry32: a small seeded generator (T. Ettinger), enough for demo data. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The five touchpoints, their share of the customer's overall feeling (the known drivers) and how often each is asked. */
export const TOUCHPOINTS = [
  { name: 'delivery', weight: 0.36, asked: 1, base: 0.25 },
  { name: 'as-described', weight: 0.3, asked: 0.9, base: 0.4 },
  { name: 'service', weight: 0.16, asked: 0.45, base: 0.3 },
  { name: 'packaging', weight: 0.1, asked: 0.55, base: 0.55 },
  { name: 'value', weight: 0.08, asked: 0.5, base: 0.3 },
];

/** Display names for the report (question-labels). */
export const LABELS = { delivery: '物流配送', 'as-described': '商品与描述相符', service: '客服', packaging: '包装', value: '性价比' };
export const LABELS_EN = { delivery: 'Delivery', 'as-described': 'Item as described', service: 'Customer service', packaging: 'Packaging', value: 'Value for money' };

const PHRASES = {
  delivery: {
    bad: ['物流太慢了，快一周才到', '快递一直不更新，等了好久', '双十一发货太慢，等了好几天', '配送员没打电话就放门口了', '物流信息好几天不动', '说好次日达，结果拖了好几天'],
    good: ['物流很快，第二天就到了', '快递小哥很负责，送货上门', '发货速度快，点赞', '到货比预计的早', '配送很及时'],
  },
  'as-described': {
    bad: ['商品与描述不符，颜色差别很大', '质量一般，用了几天就坏了', '尺码偏小，和详情页写的不一样', '做工粗糙，线头很多', '实物和图片色差明显'],
    good: ['质量很好，和图片一样', '做工精细，物超所值', '面料舒服，颜色正', '和描述完全一致'],
  },
  service: {
    bad: ['客服回复太慢，问了半天没人理', '客服态度不好，推来推去', '找客服退款一直拖着'],
    good: ['客服很耐心，问题很快解决了', '客服回复及时，态度很好', '售后处理得很快'],
  },
  packaging: {
    bad: ['包装破损，盒子都压扁了', '包装太简陋，东西有划痕'],
    good: ['包装很用心，完好无损', '包装精美，送人很合适'],
  },
  value: {
    bad: ['价格比别家贵', '刚买就降价了，有点失望'],
    good: ['性价比很高', '价格实惠，活动力度大'],
  },
};
const OPENERS = ['', '', '', '', '', '总体来说，', '这次', '第二次买了，', '说实话，'];
const CLOSERS = ['。', '！', '。', '', '！', '，下次还会再来。', '，希望改进。', '，会推荐给朋友。', '～'];
const PHONES = ['13812345678', '139 1234 5678', '186-2345-6789', '+86 137 0000 1234'];
const CHANNELS = ['web', 'app', 'wechat'];

const DAY = 86_400_000;
const pick = (r, list) => list[Math.floor(r() * list.length)];
const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));

/** A UUID v4 from the generator (a stable id for the same seed). */
function uuid(r) {
  const h = Array.from({ length: 32 }, () => Math.floor(r() * 16).toString(16));
  h[12] = '4';
  h[16] = ((parseInt(h[16], 16) & 3) | 8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** The delivery dip: from a few days before 11 November to two weeks after, worst on the 13th. */
function singlesDayDip(t) {
  const d = new Date(t);
  const y = d.getUTCFullYear();
  let best = 0;
  for (const year of [y - 1, y]) {
    const days = (t - Date.UTC(year, 10, 13)) / DAY;
    if (days > -5 && days < 16) best = Math.max(best, 1 - Math.abs(days) / (days < 0 ? 5 : 16));
  }
  return best;
}

/**
 * The responses: about `perDay` a day (more at weekends and around 双十一) over the `days` before
 * `now`. Each has an order id, a channel, the five touchpoints (some not asked), an NPS made from
 * the touchpoints with known weights plus noise, and a comment for about half of them.
 */
export function makeResponses({ seed = 2026, now = Date.now(), days = 365, perDay = 8 } = {}) {
  const r = rng(seed);
  const out = [];
  let order = 0;
  for (let day = days - 1; day >= 0; day--) {
    const dayStart = Math.floor((now - day * DAY) / DAY) * DAY;
    const t0 = dayStart;
    const dip = singlesDayDip(t0);
    const weekend = [0, 6].includes(new Date(t0).getUTCDay());
    const count = Math.round(perDay * (weekend ? 1.3 : 1) * (1 + dip * 1.5) * (0.7 + r() * 0.6));
    for (let k = 0; k < count; k++) {
      const createdAt = t0 + Math.floor(r() * DAY);
      if (createdAt > now - 60_000) continue;
      const mood = (r() - 0.5) * 0.6; // this customer's general mood
      const answers = {};
      let feel = 0;
      let weights = 0;
      const seen = {};
      for (const tp of TOUCHPOINTS) {
        let q = tp.base + mood + (r() - 0.5) * 0.9;
        if (tp.name === 'delivery') q -= dip * 0.8;
        const value = clamp(Math.round(3 + q * 2.2), 1, 5);
        seen[tp.name] = value;
        feel += tp.weight * (value - 3);
        weights += tp.weight;
        if (r() < tp.asked) answers[tp.name] = value;
      }
      const nps = clamp(Math.round(6.6 + (feel / weights) * 2.4 + (r() - 0.5) * 4), 0, 10);
      answers.nps = nps;
      if (r() < 0.5) answers.comment = comment(r, seen, nps);
      order++;
      const orderId = `YX${new Date(createdAt).toISOString().slice(2, 10).replace(/-/g, '')}${String(order).padStart(5, '0')}`;
      const questions = { nps: { type: 'nps' }, comment: { type: 'text' } };
      for (const tp of TOUCHPOINTS) questions[tp.name] = { type: 'likert', points: 5 };
      const locale = r() < 0.92 ? 'zh-CN' : r() < 0.5 ? 'zh-TW' : 'en';
      out.push({
        id: uuid(r),
        surveyId: 'post-purchase',
        createdAt: new Date(createdAt).toISOString(),
        locale,
        answers,
        scores: scoreResponse(answers, questions),
        context: { orderId, channel: pick(r, CHANNELS), page: 'https://shop.example/order/complete' },
        complete: true,
        revision: 1,
      });
    }
  }
  return out;
}

/** A comment about the touchpoint that stood out most (worst for an unhappy customer, best for a happy one). */
function comment(r, seen, nps) {
  const names = Object.keys(seen);
  const unhappy = nps <= 6 || (nps <= 8 && r() < 0.5);
  const sorted = names.sort((a, b) => (unhappy ? seen[a] - seen[b] : seen[b] - seen[a]));
  const first = sorted[0];
  const parts = [pick(r, PHRASES[first][seen[first] <= 3 ? 'bad' : 'good'])];
  if (r() < 0.4) {
    const second = sorted[1];
    parts.push(pick(r, PHRASES[second][seen[second] <= 3 ? 'bad' : 'good']));
  }
  let text = pick(r, OPENERS) + parts.join('，') + pick(r, CLOSERS);
  if (unhappy && r() < 0.12) text += `有问题请打我电话 ${pick(r, PHONES)}`;
  return text;
}

const NOTES = ['已电话联系，补发优惠券', '已致歉并安排退款', '顾客表示理解，已记录物流问题', '已联系快递加急处理', '换货已寄出'];

/**
 * Posts the responses to a collector in batches, then marks the call-backs older than
 * `openDays` done (with a note), so the queue holds the last days' complaints, some overdue.
 * Resolves with { stored, open }.
 */
export async function seed(base, token, { responses = makeResponses(), batch = 250, openDays = 4, now = Date.now() } = {}) {
  let stored = 0;
  for (let i = 0; i < responses.length; i += batch) {
    const res = await fetch(`${base}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ schema: 'koubei/1', sentAt: new Date().toISOString(), responses: responses.slice(i, i + batch) }),
    });
    if (!res.ok) throw new Error(`seed: POST /v1/responses answered ${res.status}: ${await res.text()}`);
    stored += (await res.json()).accepted;
  }
  const auth = { authorization: `Bearer ${token}` };
  const queue = [];
  let cursor = '';
  do {
    const res = await fetch(`${base}/v1/follow-ups?status=open&limit=500${cursor ? `&cursor=${cursor}` : ''}`, { headers: auth });
    if (!res.ok) throw new Error(`seed: GET /v1/follow-ups answered ${res.status}`);
    const page = await res.json();
    queue.push(...page.followUps);
    cursor = page.nextCursor;
  } while (cursor);
  const old = queue.filter((f) => now - Date.parse(f.createdAt) > openDays * DAY);
  const r = rng(7);
  for (let i = 0; i < old.length; i += 8) {
    await Promise.all(
      old.slice(i, i + 8).map(async (f) => {
        const res = await fetch(`${base}/v1/responses/${f.id}`, {
          method: 'PATCH',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ followUp: { status: 'done', note: pick(r, NOTES) } }),
        });
        if (!res.ok) throw new Error(`seed: PATCH answered ${res.status}`);
      }),
    );
  }
  return { stored, open: queue.length - old.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [base = 'http://127.0.0.1:8000', token = process.env.KOUBEI_ADMIN_TOKEN] = process.argv.slice(2);
  if (!token) {
    console.error('usage: node demo/seed.js <collector URL> <admin token> (or KOUBEI_ADMIN_TOKEN)');
    process.exit(2);
  }
  const out = await seed(base, token);
  console.log(`seeded ${out.stored} responses; ${out.open} call-backs open`);
}
