// Demo only: renders the email NPS block with the ES module, fills the
// placeholders as a shop's mailer would, and shows it as a mail client does.
import { renderEmailNps } from '../dist/email.js';

const TEXTS = {
  'zh-CN': {
    from: '优选生活 <service@shop.example>',
    subject: '您的订单 A1001 已送达，说说您的体验？',
    hello: '您好，王女士：',
    body: '您的订单 A1001 已于 11月25日 送达。请花几秒钟告诉我们您的感受，点一下分数即可。',
    bye: '优选生活 客户服务',
    labels: ['发件人', '主题', '纯文本版本', 'HTML 片段（交给邮件服务商，占位符由其填写）'],
  },
  'zh-TW': {
    from: '優選生活 <service@shop.example>',
    subject: '您的訂單 A1001 已送達，說說您的體驗？',
    hello: '王小姐您好：',
    body: '您的訂單 A1001 已於 11月25日 送達。請花幾秒鐘告訴我們您的感受，點一下分數即可。',
    bye: '優選生活 客戶服務',
    labels: ['寄件者', '主旨', '純文字版本', 'HTML 片段（交給郵件服務商，佔位符由其填寫）'],
  },
  en: {
    from: 'Youxuan Living <service@shop.example>',
    subject: 'Your order A1001 has arrived: how did we do?',
    hello: 'Hello Ms Wang,',
    body: 'Your order A1001 was delivered on 25 November. Tell us how it went in one click: choose a score.',
    bye: 'Youxuan Living customer service',
    labels: ['From', 'Subject', 'Plain text', 'HTML fragment (for your mailer, which fills in the placeholders)'],
  },
};

const lang = new URLSearchParams(location.search).get('lang') ?? 'zh-CN';
const t = TEXTS[lang] ?? TEXTS['zh-CN'];
document.documentElement.lang = TEXTS[lang] ? lang : 'zh-CN';
for (const a of document.querySelectorAll('.langs a')) if (a.search === `?lang=${lang}`) a.setAttribute('aria-current', 'page');

// Unsigned, with the mailer's placeholder. Signed links (a signature per recipient that the collector checks) are
// made on a server with renderEmailNps({ sign }) from koubei/email, never in a page: a secret in a page is public.
const email = renderEmailNps({
  surveyUrl: new URL('./survey.html', location.href).href,
  locale: lang,
  brand: lang === 'en' ? 'Youxuan Living' : lang === 'zh-TW' ? '優選生活' : '优选生活',
  params: { 'order-id': '{{order_id}}' },
  colors: { accent: '#c41d23' },
});

// What the shop's mailer does for each recipient.
const fill = (s) => s.replaceAll('{{order_id}}', 'A1001');

const esc = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const p = (s) => `<p style="margin:0 0 16px;font-size:15px;line-height:24px;color:#1f2328;">${esc(s)}</p>`;
document.getElementById('body').srcdoc = `<!doctype html><html lang="${esc(lang)}"><head><meta charset="utf-8"></head>
<body style="margin:0;padding:24px;background:#ffffff;font-family:-apple-system,'PingFang SC','Microsoft YaHei',Arial,sans-serif;">
${p(t.hello)}${p(t.body)}${fill(email.html)}${p(t.bye)}</body></html>`;

document.getElementById('from').textContent = t.from;
document.getElementById('subject').textContent = t.subject;
['from-label', 'subject-label', 'text-title', 'source-title'].forEach((id, i) => (document.getElementById(id).textContent = t.labels[i]));
document.getElementById('text').textContent = fill(email.text);
document.getElementById('source').textContent = email.html;
