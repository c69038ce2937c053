// Benchmark (not a test): keystroke → total repainted over 200 edits, and navigation → app interactive with the
// sample, in the same headless Chromium as the end-to-end tests. Prints p50/p95; asserts nothing about time.
// Run with scripts/bench (it builds the release and serves it).
import { launch, open, BASE_URL } from './helpers.mjs';

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))]; };
const fmt = (xs) => `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`;

const browser = await launch();

const shown = () => document.querySelector('.unit-name')?.textContent === '广东省科技监测中心';

// Navigation → interactive, cold: a new browser profile each time (new renderer process, nothing cached, empty
// storage), from navigation start until the sample's unit name is on screen.
const cold = [];
for (let i = 0; i < 15; i++) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(BASE_URL);
  await page.waitForFunction(shown);
  cold.push(await page.evaluate(() => performance.now()));
  await context.close();
}

// Navigation → interactive, warm: the same profile reloading with storage cleared (a first visit again, but the
// browser already has the files cached, as for an officer opening the page a second time).
const warm = [];
{
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(BASE_URL);
  await page.waitForFunction(shown);
  for (let i = 0; i < 20; i++) {
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.waitForFunction(shown);
    warm.push(await page.evaluate(() => performance.now()));
  }
  await context.close();
}

// Keystroke → total repainted: 200 edits of 全年执行数 on the complete example, each changing the total.
const { page, context } = await open(browser);
await page.locator('nav').getByRole('button', { name: '文档管理' }).click();
await page.getByRole('button', { name: '打开完整示例（数据为虚构）' }).click();
await page.locator('nav').getByRole('button', { name: '支出与管理' }).click();
const edits = await page.evaluate(async () => {
  const input = document.getElementById('f-finance-spending_total');
  const total = document.querySelector('.summary .total');
  const times = [];
  const dom = [];
  for (let i = 0; i < 200; i++) {
    const before = total.textContent;
    const changed = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (total.textContent !== before) { observer.disconnect(); resolve(); }
      });
      observer.observe(total, { childList: true, characterData: true, subtree: true });
    });
    const start = performance.now();
    input.value = String(900 + (i % 2 === 0 ? i * 2 : 300 - i));
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await changed;
    dom.push(performance.now() - start);
    await new Promise((r) => requestAnimationFrame(() => r()));
    times.push(performance.now() - start);
  }
  return { times, dom };
});

// Export of the complete sample, in a fresh page each time (Chrome blocks a burst of downloads from one page):
// click → file downloaded, which includes starting the export worker, and the time the worker spent writing the
// file (reported in the status line).
const exports = {};
for (const [kind, button] of [['docx', '导出 Word 报告（.docx）'], ['xlsx', '导出 Excel 自评表（.xlsx）']]) {
  exports[kind] = { click: [], worker: [] };
  for (let i = 0; i < 8; i++) {
    const fresh = await context.newPage();
    await fresh.goto(BASE_URL);
    await fresh.locator('nav').getByRole('button', { name: '报告' }).click();
    const start = Date.now();
    await Promise.all([fresh.waitForEvent('download'), fresh.getByRole('button', { name: button }).click()]);
    exports[kind].click.push(Date.now() - start);
    const status = await fresh.locator('p[role=status]', { hasText: '用时' }).textContent();
    exports[kind].worker.push(Number(status.match(/用时 (\d+) 毫秒/)[1]));
    await fresh.close();
  }
}
await context.close();
await browser.close();

console.log(`navigation → interactive, cold profile (first visit, seed sample): ${fmt(cold)}`);
console.log(`navigation → interactive, warm reload (storage cleared, seed sample): ${fmt(warm)}`);
console.log(`keystroke → total updated in the DOM (200 edits, complete example): ${fmt(edits.dom)}`);
for (const [kind, t] of Object.entries(exports)) {
  console.log(`${kind} (current document of the profile: the complete example): click → downloaded, worker started cold: ${fmt(t.click)}; file written in the worker: ${fmt(t.worker)}`);
}
console.log(`keystroke → next frame with the new total (the frame that paints it): ${fmt(edits.times)}`);
