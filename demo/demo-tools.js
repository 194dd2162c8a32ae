// Demo only: the collector's failure switch and a live view of the outbox.
(() => {
  const tools = document.getElementById('tools');
  const queue = document.getElementById('queue');
  const zh = document.documentElement.lang.startsWith('zh');
  async function setMode(mode) {
    await fetch('/api/collector-mode', { method: 'POST', body: JSON.stringify({ mode }) });
    for (const b of tools.querySelectorAll('button[data-mode]')) b.setAttribute('aria-pressed', String(b.dataset.mode === mode));
    if (mode === 'ok') window.Koubei.flush();
  }
  tools.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-mode]');
    if (b) setMode(b.dataset.mode);
  });
  async function show() {
    const n = (await window.Koubei.pending()).length;
    queue.textContent = zh ? `待发送：${n} 条` : `Waiting to send: ${n}`;
  }
  for (const t of ['koubei-queued', 'koubei-delivered', 'koubei-retry', 'koubei-error']) window.addEventListener(t, show);
  fetch('/api/feedback').then((r) => r.json()).then((d) => setMode(d.mode));
  show();
  setInterval(show, 2000);
})();
