/** Where in the purchase a comment points. */
export type Touchpoint = 'delivery' | 'item' | 'service' | 'packaging' | 'returns' | 'price';
export const TOUCHPOINTS: readonly Touchpoint[] = ['delivery', 'item', 'service', 'packaging', 'returns', 'price'];

/**
 * One lexicon concept: its name in simplified Chinese, in traditional Chinese
 * and in English (the term shown for that locale), and every form that
 * counts as it. Chinese forms match anywhere in a comment, across segment
 * boundaries (ICU splits 客服 into 客|服 and 发货 into 发|货); English forms
 * match whole words (several words in a row for a phrase).
 */
export interface Concept {
  touchpoint: Touchpoint;
  hans: string;
  hant: string;
  en: string;
  forms: readonly string[];
}

const c = (touchpoint: Touchpoint, hans: string, hant: string, en: string, ...more: string[]): Concept => ({
  touchpoint, hans, hant, en, forms: [...new Set([hans, hant, en, ...more])],
});

/** The built-in lexicon (zh-CN, zh-TW, en). Each Chinese concept shows as its English gloss in English. */
export const LEXICON: readonly Concept[] = [
  c('delivery', '物流', '物流', 'logistics'),
  c('delivery', '快递', '快遞', 'courier', 'couriers', '快递员', '快遞員'),
  c('delivery', '发货', '發貨', 'shipping', 'shipped', 'shipment', 'shipments', 'ship', 'ships', '出货', '出貨'),
  c('delivery', '到货', '到貨', 'arrived', 'arrive', 'arrives', 'arrival', '收到货', '收到貨'),
  c('delivery', '配送', '配送', 'delivery', 'deliveries', 'deliver', 'delivered', '送货', '送貨'),
  c('item', '质量', '品質', 'quality', '質量', '品质'),
  c('item', '做工', '做工', 'workmanship', 'craftsmanship', 'stitching'),
  c('item', '色差', '色差', 'colour', 'color', 'colors', 'colours'),
  c('item', '与描述不符', '與描述不符', 'not as described', '与描述不一致', '與描述不一致', '和描述不符', '和描述不一樣', '和描述不一样'),
  c('item', '尺码', '尺碼', 'size', 'sizes', 'sizing'),
  c('item', '材质', '材質', 'material', 'materials', 'fabric'),
  c('service', '客服', '客服', 'customer service', 'support'),
  c('service', '态度', '態度', 'attitude', 'rude', 'polite'),
  c('service', '回复', '回覆', 'reply', 'replied', 'replies', 'response', 'responded', '回復'),
  c('service', '服务', '服務', 'service'),
  c('packaging', '包装', '包裝', 'packaging', 'packed', 'box', 'boxes', 'package'),
  c('packaging', '破损', '破損', 'damaged', 'broken', '损坏', '損壞'),
  c('returns', '退货', '退貨', 'return', 'returns', 'returned'),
  c('returns', '退款', '退款', 'refund', 'refunds', 'refunded'),
  c('returns', '换货', '換貨', 'exchange', 'exchanged', 'replacement'),
  c('price', '价格', '價格', 'price', 'prices', 'priced', '价钱', '價錢'),
  c('price', '性价比', '性價比', 'value for money', 'value', 'cp值'),
  c('price', '贵', '貴', 'expensive', 'overpriced', 'pricey'),
  c('price', '便宜', '便宜', 'cheap', 'affordable'),
];

/** Words too common to be a theme, in simplified and traditional Chinese and English. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    // zh (both scripts where they differ)
    '的 了 是 我 你 他 她 它 们 們 我们 我們 你们 你們 他们 他們 很 也 都 就 和 与 與 及 在 有 没 沒 没有 沒有 不 这 這 那 ' +
    '这个 這個 那个 那個 一个 一個 个 個 还 還 又 吧 啊 呢 吗 嗎 哦 嗯 呀 啦 哈 把 被 给 給 让 讓 对 對 但 但是 而且 因为 因為 ' +
    '所以 如果 就是 还是 還是 非常 比较 比較 太 挺 真 真的 可以 会 會 要 能 说 說 到 上 下 里 裡 裏 着 著 过 過 次 已经 已經 ' +
    '一下 一点 一點 这次 這次 东西 東西 感觉 感覺 觉得 覺得 买 買 用 之 其 等 从 從 为 為 以 再 才 得 地 或 或者 而 ' +
    '也不 也很 也是 都是 不是 还有 還有 有点 有點 有些 然后 然後 以后 以後 之后 之後 自己 什么 什麼 怎么 怎麼 这么 這麼 那么 那麼 ' +
    // en
    'a an the and or but if then so of to in on at by for with from as is am are was were be been being it its it\'s ' +
    'i me my we our you your he she they them their this that these those there here not no yes very really too just ' +
    'have has had do does did done will would can could should all any some more most much many one two get got ' +
    'what when which who how than also only even still again about after before up down out over under my own s t'
  ).split(' '),
);
