// Lists what the demo collector stored, with the numbers from Koubei's summarize().
const el = (tag, text) => Object.assign(document.createElement(tag), { textContent: text });

async function load() {
  const { responses, summary } = await (await fetch('/api/feedback')).json();
  const box = document.getElementById('summary');
  box.replaceChildren();
  box.append(el('p', `共 ${summary.responses} 条 · ${summary.responses} responses`));
  const dl = document.createElement('dl');
  for (const [name, q] of Object.entries(summary.questions)) {
    dl.append(el('dt', `${name} (${q.type}, n=${q.count})`));
    const text =
      q.type === 'nps'
        ? `NPS ${q.nps} ± ${q.marginOfError} · 推荐者 promoters ${q.promoters} · 中立 passives ${q.passives} · 贬损者 detractors ${q.detractors}`
        : q.type === 'likert'
          ? `CSAT ${q.csat}% (95% CI ${q.csatInterval[0]}–${q.csatInterval[1]}%) · mean ${q.mean} / ${q.points} · [${q.distribution.join(', ')}]`
          : `mean length ${q.meanLength}`;
    dl.append(el('dd', text));
  }
  box.append(dl);
  const body = document.querySelector('#list tbody');
  body.replaceChildren();
  for (const r of responses.sort((a, b) => b.createdAt.localeCompare(a.createdAt))) {
    const tr = document.createElement('tr');
    tr.append(
      el('td', new Date(r.createdAt).toLocaleString()),
      el('td', r.context.orderId ?? '–'),
      el('td', r.locale),
      el('td', Object.entries(r.answers).map(([k, v]) => `${k}: ${v}`).join(' · ')),
    );
    body.append(tr);
  }
}
load();
setInterval(load, 3000);
