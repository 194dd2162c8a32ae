// Demo only: the collector's failure switch and a live view of the outbox
// (waiting, next attempt, delivered, dead letters, where responses are kept).
(() => {
  const tools = document.getElementById('tools');
  const queue = document.getElementById('queue');
  const zh = document.documentElement.lang.startsWith('zh');
  const { outbox } = window.Koubei;
  let nextAt = 0;
  // Details and the countdown sit outside the live region, so a screen reader is not told every second.
  const details = document.createElement('span');
  const next = document.createElement('span');
  queue.after(details, next);

  async function setMode(mode) {
    await fetch('/api/collector-mode', { method: 'POST', body: JSON.stringify({ mode }) });
    for (const b of tools.querySelectorAll('button[data-mode]')) b.setAttribute('aria-pressed', String(b.dataset.mode === mode));
    // Sends what is due; anything still waiting goes at its next attempt (backoff or Retry-After).
    if (mode === 'ok') outbox.flush();
  }
  tools.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-mode]');
    if (b) setMode(b.dataset.mode);
  });

  let waiting = 0;
  async function show() {
    const [pending, dead] = await Promise.all([outbox.pending(), outbox.deadLetters()]);
    waiting = pending.length;
    const c = outbox.counters;
    const text = zh ? `待发送：${waiting} 条` : `Waiting to send: ${waiting}`;
    if (queue.textContent !== text) queue.textContent = text;
    const parts = zh
      ? [`已送达 ${c.delivered}`, `重试 ${c.retried}`, dead.length ? `无法送达 ${dead.length}` : '', `存储 ${outbox.storageMode}`]
      : [`delivered ${c.delivered}`, `retried ${c.retried}`, dead.length ? `dead letters ${dead.length}` : '', `storage ${outbox.storageMode}`];
    details.textContent = ` (${parts.filter(Boolean).join(zh ? '，' : ', ')})`;
  }
  function tick() {
    const wait = Math.ceil((nextAt - Date.now()) / 1000);
    next.textContent = waiting && wait > 0 ? (zh ? ` ${wait} 秒后重试` : ` next try in ${wait} s`) : '';
  }
  addEventListener('koubei-retry', (e) => {
    nextAt = Date.now() + e.detail.delay;
  });
  addEventListener('koubei-delivered', () => {
    nextAt = 0;
  });
  for (const t of ['koubei-queued', 'koubei-delivered', 'koubei-retry', 'koubei-error']) addEventListener(t, show);
  fetch('/api/feedback')
    .then((r) => r.json())
    .then((d) => setMode(d.mode));
  show();
  setInterval(tick, 1000);
  setInterval(show, 5000); // other tabs change the queue too
})();
