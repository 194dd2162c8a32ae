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
  /**
   * A word of speed ('fast' or 'slow'): it counts as delivery unless the
   * nearest other concept in the same clause is service or returns (客服回复很慢,
   * 退款一直拖着), where it counts as that touchpoint's concept of the same speed.
   */
  speed?: 'fast' | 'slow';
}

const c = (touchpoint: Touchpoint, hans: string, hant: string, en: string, ...more: string[]): Concept => ({
  touchpoint, hans, hant, en, forms: [...new Set([hans, hant, en, ...more])],
});
const speed = (s: 'fast' | 'slow', concept: Concept): Concept => ({ ...concept, speed: s });
/** A speed concept of service or returns: its names are not forms (回复快 is 回复 and a fast 快). */
const speedOf = (touchpoint: Touchpoint, s: 'fast' | 'slow', hans: string, hant: string, en: string, ...forms: string[]): Concept => ({
  touchpoint, hans, hant, en, forms, speed: s,
});

/**
 * The built-in lexicon (zh-CN, zh-TW, en). Each Chinese concept shows as its English gloss in English.
 * Forms with a negation (不贵, 没有破损, 不慢) belong to the opposite concept: the longest form wins.
 */
export const LEXICON: readonly Concept[] = [
  c('delivery', '物流', '物流', 'logistics'),
  c('delivery', '快递', '快遞', 'courier', 'couriers', '快递员', '快遞員', '快递小哥', '快遞小哥', '顺丰', '順豐'),
  c('delivery', '发货', '發貨', 'shipping', 'shipped', 'shipment', 'shipments', 'ship', 'ships', '出货', '出貨', 'dispatch', 'dispatched'),
  c('delivery', '到货', '到貨', 'arrived', 'arrive', 'arrives', 'arrival', '收到货', '收到貨'),
  c('delivery', '配送', '配送', 'delivery', 'deliveries', 'deliver', 'delivered', '送货', '送貨', '送货上门', '送貨上門', '派送', '宅配', '寄送', '运送', '運送', '超商取貨', '超商取货'),
  // Speed: 快 and 慢 alone count too, except in the words below them in STOP_PHRASES (愉快, 尽快, 慢慢 ...).
  speed('fast', c('delivery', '快', '快', 'fast', '很快', '速度快', '速度很快', '神速', '飞快', '飛快', '迅速', '及时', '及時', '不慢',
    '第二天就到', '第二天到', '隔天就到', '隔天到', '隔天到貨', '次日达', '次日達', '当天到', '當天到', '当天就到', '當天就到', '就到了', '就收到了',
    '很快就到', '很快就收到', '比预计的早', '比預計的早', '比预计早', '比預計早', '提前到', 'quick', 'quickly', 'speedy', 'prompt', 'promptly', 'next day', 'on time')),
  speed('slow', c('delivery', '慢', '慢', 'slow', '好几天', '好幾天', '等了', '等了好久', '等了很久', '拖了', '拖着', '拖著', '才到', '才收到', '才发货', '才發貨',
    '不发货', '不發貨', '还没发货', '還沒發貨', '快一周', '快一週', '快一个星期', '快一個星期', '快一个月', '快一個月', '快半个月', '快半個月', '延迟', '延遲', '延误', '延誤',
    '不快', '不够快', '不夠快', '不太快', '不及时', '不及時', '说好次日达', '說好次日達', '说好的次日达', '說好的次日達', 'slowly', 'late', 'not on time', 'delayed', 'delay', 'delays', 'took ages', 'took forever', 'still waiting')),
  c('delivery', '没收到', '沒收到', 'not received', '未收到', '没收到货', '沒收到貨', '还没收到', '還沒收到', '还没到', '還沒到', '丢件', '丟件', 'never arrived', 'not arrived', 'never received', 'lost in transit'),
  // Picking errors: the parcel was sent wrong, not the item made wrong.
  c('delivery', '漏发', '漏發', 'missing item', '少发', '少發', '缺件', '少件', '漏寄', '少了一件', '少了一个', '少了一個', 'missing items', 'missing parts', 'incomplete order'),
  c('delivery', '发错货', '發錯貨', 'wrong item', '发错', '發錯', '寄错', '寄錯', 'wrong items', 'wrong order'),
  c('item', '质量', '品質', 'quality', '質量', '品质'),
  c('item', '做工', '做工', 'workmanship', 'craftsmanship', 'stitching', '线头', '線頭', '粗糙'),
  c('item', '色差', '色差', 'colour', 'color', 'colors', 'colours'),
  c('item', '与描述不符', '與描述不符', 'not as described', '与描述不一致', '與描述不一致', '和描述不符', '和描述不一樣', '和描述不一样',
    '货不对板', '貨不對板', '与图片不符', '與圖片不符', '和图片不一样', '和圖片不一樣', '图文不符', '圖文不符', 'not as pictured'),
  c('item', '与描述相符', '與描述相符', 'as described', '描述一致', '描述一样', '描述一樣', '描述的一样', '描述的一樣', '描述的一致', '描述完全一致', '描述完全一樣', '完全一致', '完全一樣', '和图片一样', '和圖片一樣', '跟图片一样', '跟圖片一樣',
    '一模一样', '一模一樣', '没有色差', '沒有色差', '没色差', '沒色差', '无色差', '無色差', 'as pictured', 'as advertised'),
  c('item', '尺码', '尺碼', 'size', 'sizes', 'sizing', '偏小', '偏大', '码数', '碼數', '尺寸', '大一码', '大一碼', '小一码', '小一碼', 'too small', 'too big', 'too large', 'runs small', 'runs large'),
  c('item', '材质', '材質', 'material', 'materials', 'fabric', '面料', '布料'),
  c('item', '正品', '正品', 'genuine', 'authentic', '正版', '不是假货', '不是假貨'),
  c('item', '假货', '假貨', 'fake', '不是正品', '仿品', '高仿', '山寨', 'counterfeit', 'knockoff'),
  c('item', '掉色', '掉色', 'fading', '褪色', 'faded', 'fades'),
  c('item', '起球', '起球', 'pilling', '起毛球', 'bobbling'),
  c('item', '异味', '異味', 'odour', '味道大', '味道很大', '味道太大', '有味道', '刺鼻', '臭味', 'odor', 'stinks', 'stink', 'bad smell', 'smells bad', 'strong smell'),
  // Praise that holds a complaint's form (洗了不掉色 is not 掉色): the longer, negated form wins.
  c('item', '不掉色', '不掉色', 'colourfast', '没有掉色', '沒有掉色', '没掉色', '沒掉色', '不褪色', 'colorfast'),
  c('item', '不起球', '不起球', 'no pilling', '没有起球', '沒有起球', '没起球', '沒起球'),
  c('item', '无异味', '無異味', 'no odour', '没有异味', '沒有異味', '没异味', '沒異味', '没有味道', '沒有味道', 'no smell', 'no odor'),
  c('item', '味道', '味道', 'taste', '口感', '好吃', '难吃', '難吃', 'tastes', 'flavour', 'flavor', 'tasty'),
  c('item', '坏了', '壞了', 'broke', '坏掉', '壞掉', '用坏', '用壞', '开胶', '開膠', '脱胶', '脫膠', '坏点', '壞點', 'stopped working', 'faulty', 'defective'),
  c('item', '划痕', '刮痕', 'scratches', '划痕', '劃痕', '刮花', 'scratch', 'scratched'),
  c('service', '客服', '客服', 'customer service', 'support'),
  c('service', '态度', '態度', 'attitude', 'rude', 'polite', '耐心', '热情', '熱情', '傲慢', '怠慢'),
  c('service', '回复', '回覆', 'reply', 'replied', 'replies', 'response', 'responded', '回復'),
  c('service', '服务', '服務', 'service'),
  c('service', '售后', '售後', 'after-sales', '售后服务', '售後服務', 'after sales', 'aftersales'),
  c('service', '卖家', '賣家', 'seller', '商家', '店家', '掌柜', '掌櫃', '老板', '老闆', 'sellers', 'merchant'),
  // Shown where a speed word is about service (客服回复很慢 gives 回复 and 回复慢); no form of their own
  // holds 回复, so 回复 counts in both.
  speedOf('service', 'fast', '回复快', '回覆快', 'quick reply', '处理得很快', '處理得很快', '处理很快', '處理很快', '很快解决', '很快解決'),
  speedOf('service', 'slow', '回复慢', '回覆慢', 'slow reply', '没人理', '沒人理', '没人回', '沒人回', '不理人', '不理睬'),
  c('packaging', '包装', '包裝', 'packaging', 'packed', 'box', 'boxes', 'package', '盒子'),
  c('packaging', '破损', '破損', 'damaged', 'broken', '损坏', '損壞', '磨损', '磨損', '压扁', '壓扁', '压坏', '壓壞', 'crushed', 'dented'),
  c('packaging', '完好', '完好', 'intact', '完好无损', '完好無損', '无损', '無損', '无破损', '無破損', '没有破损', '沒有破損', '没破损', '沒破損',
    '没有损坏', '沒有損壞', '无损坏', '無損壞', 'undamaged', 'not damaged', 'no damage', 'perfect condition', 'good condition'),
  c('returns', '退货', '退貨', 'return', 'returns', 'returned', '退换', '退換', '无理由', '無理由'),
  c('returns', '退款', '退款', 'refund', 'refunds', 'refunded'),
  c('returns', '换货', '換貨', 'exchange', 'exchanged', 'replacement'),
  speedOf('returns', 'fast', '退款快', '退款快', 'quick refund'),
  speedOf('returns', 'slow', '退款慢', '退款慢', 'slow refund'),
  c('price', '价格', '價格', 'price', 'prices', 'priced', '价钱', '價錢', '降价', '降價', '运费', '運費', 'shipping cost'),
  c('price', '性价比', '性價比', 'value for money', 'value', 'cp值', '物美价廉', '物美價廉', '划算', '劃算', '超值', '物超所值', 'bargain', 'good deal', 'worth the money'),
  c('price', '贵', '貴', 'expensive', 'overpriced', 'pricey', '不便宜', '小贵', '小貴', '昂贵', '昂貴'),
  c('price', '便宜', '便宜', 'cheap', 'affordable', '不贵', '不貴', '不太贵', '不太貴', '不算贵', '不算貴', '实惠', '實惠', 'inexpensive'),
];

/**
 * Words a concept's shorter form must not be taken out of, and fillers the segmenter splits (好|评): matched
 * anywhere like the lexicon's forms (a longer form first), they are no term and leave no fragment.
 */
export const STOP_PHRASES: readonly string[] = (
  // 快 / 慢 / 贵 that are not speed or price
  '愉快 快乐 快樂 尽快 盡快 赶快 趕快 快点 快點 快要 快过期 快過期 爽快 凉快 涼快 痛快 加快 很快就 慢慢 宝贵 寶貴 富贵 富貴 尊贵 尊貴 贵州 貴州 ' +
  // a verdict, not what it is about
  '希望改进 希望改進 小姐姐 小哥哥 再也不 好几次 好幾次 好评 好評 五星好评 五星好評 给好评 給好評 差评 差評 中评 中評 点赞 點讚 點贊 推荐 推薦 值得推荐 值得推薦 值得购买 值得購買'
).split(' ');

/**
 * Words too common to be a theme, in simplified and traditional Chinese and English, compared with whole
 * segments. Single Han characters need no entry: one counts only as a lexicon form or one of ONE_CHARACTER_WORDS.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    // zh (both scripts where they differ)
    '的 了 是 我 你 他 她 它 们 們 我们 我們 你们 你們 他们 他們 很 也 都 就 和 与 與 及 在 有 没 沒 没有 沒有 不 这 這 那 ' +
    '这个 這個 那个 那個 一个 一個 个 個 还 還 又 吧 啊 呢 吗 嗎 哦 嗯 呀 啦 哈 把 被 给 給 让 讓 对 對 但 但是 而且 因为 因為 ' +
    '所以 如果 就是 还是 還是 非常 比较 比較 太 挺 真 真的 可以 会 會 要 能 说 說 到 上 下 里 裡 裏 着 著 过 過 次 已经 已經 ' +
    '一下 一点 一點 这次 這次 东西 東西 感觉 感覺 觉得 覺得 买 買 用 之 其 等 从 從 为 為 以 再 才 得 地 或 或者 而 ' +
    '也不 也很 也是 都是 不是 还有 還有 有点 有點 有些 然后 然後 以后 以後 之后 之後 自己 什么 什麼 怎么 怎麼 这么 這麼 那么 那麼 ' +
    // fillers: "overall", "so-so", "the thing / the item", "received", "next time", "a friend" ...
    '人 个人 個人 来说 來說 总体 總體 总的来说 總的來說 整体 整體 总之 總之 总体来说 總體來說 一般 一般般 还行 還行 还好 還好 还可以 還可以 ' +
    '宝贝 寶貝 商品 产品 產品 物品 收到 下次 朋友 大家 亲 親 亲们 親們 说实话 說實話 实话 實話 其实 其實 确实 確實 特别 特別 十分 超级 超級 ' +
    '一直 今天 昨天 明天 时候 時候 希望 一次 第一 第二 第三 第一次 第二次 这家 這家 家 店 购买 購買 购物 購物 下单 下單 打开 打開 使用 一样 一樣 ' +
    '可能 应该 應該 知道 现在 現在 以前 之前 马上 馬上 结果 結果 问题 問題 情况 情況 方面 地方 星期 礼拜 禮拜 一周 一週 几天 幾天 半天 ' +
    '虽然 雖然 不过 不過 只是 还会 還會 还要 還要 再来 再來 再次 五星 哈哈 哈哈哈 呵呵 嘿嘿 谢谢 謝謝 感谢 感謝 拿到 问了 問了 ' +
    '很多 挺多 很高 最后 最後 最近 好几次 好幾次 几次 幾次 ' +
    // fragments of longer phrases (和详情页写的不一样, 色差明显, 收到的是, 性价比超高, 客服很有耐心)
    '写的 寫的 明显 明顯 的是 很有 一些 这样 這樣 这种 這種 还没 還沒 要求 处理 處理 申请 申請 买到 買到 人员 人員 下楼 下樓 ' +
    '超高 改进 改進 力度 差别 差別 ' +
    // en
    'a an the and or but if then so of to in on at by for with from as is am are was were be been being it its it\'s ' +
    'i me my we our you your he she they them their this that these those there here not no yes very really too just ' +
    'have has had do does did done will would can could should all any some more most much many one two get got ' +
    'what when which who how than also only even still again about after before up down out over under my own s t'
  ).split(' '),
);

/**
 * Single Han characters that are a theme on their own (好, 差, 香, 臭, 薄 ...); any other lone character is a
 * fragment of a word the segmenter did not know (损 of 完好无损) or a function word. Lexicon forms such as 贵
 * and 快 count anyway.
 */
export const ONE_CHARACTER_WORDS: ReadonlySet<string> = new Set(
  '好 差 赞 讚 棒 烂 爛 坑 值 亏 虧 香 臭 美 丑 醜 薄 厚 软 軟 硬 轻 輕 重 脏 髒 旧 舊 假 潮 甜 酸 辣 咸 鹹 苦 脆 吵 冷 热 熱 紧 緊 松 鬆 短 长 長 窄'.split(' '),
);

/** Words the segmenter splits that count as one term without a touchpoint, shown in the locale's script. */
export const WORDS: readonly { hans: string; hant: string; en: string; forms: readonly string[] }[] = [
  { hans: '回购', hant: '回購', en: 'buy again', forms: ['回购', '回購', '复购', '復購', 'buy again', 'bought again'] },
];
