// Benchmark (not a test): keystroke → total repainted over 200 edits, and navigation → app interactive with the
// sample, in the same headless Chromium as the end-to-end tests. Prints p50/p95; asserts nothing about time.
// Run with scripts/bench (it builds the release and serves it).
import { readFile } from 'node:fs/promises';
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

/// `n` edits of 全年执行数 (on the 支出与管理 section), each changing the total: for each, the time until the total
/// changed in the DOM (`dom`) and until the next frame, which paints it (`times`).
const typeFigures = (page, n) => page.evaluate(async (n) => {
  const input = document.getElementById('f-finance-spending_total');
  const total = document.querySelector('.summary .total');
  const times = [];
  const dom = [];
  for (let i = 0; i < n; i++) {
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
}, n);

// Keystroke → total repainted: 200 edits of 全年执行数 on the complete example, each changing the total.
const { page, context } = await open(browser);
await page.locator('nav').getByRole('button', { name: '文档管理' }).click();
await page.getByRole('button', { name: '打开完整示例（数据为虚构）' }).click();
await page.locator('nav').getByRole('button', { name: '支出与管理' }).click();
const edits = await typeFigures(page, 200);

// The same with 50 stored documents and, open, a document near the gate's caps (500 绩效目标 rows of long cells,
// about 1.9 MB stored): the documents list and the size of the open document must not slow a keystroke down.
const heavy = await (async () => {
  const example = JSON.parse(await readFile(new URL('../../crates/core/data/samples/example.json', import.meta.url), 'utf8'));
  const row = example.targets[0];
  const large = structuredClone(example);
  large.unit.name = '大文档测试单位';
  large.targets = Array.from({ length: 500 }, (_, i) => ({
    ...row, name: `指标${i}` + '测'.repeat(90), deviation_reason: 'x'.repeat(3300),
  }));
  const envelope = (document, i) => JSON.stringify({ format: 'zipin.store', version: 1, title: `文档 ${i}`, saved_at: i, writer: 'bench', document });
  const stored = { 'zipin.v1.current': 'large' };
  for (let i = 0; i < 50; i++) stored[`zipin.v1.doc.d${i}`] = envelope(example, i);
  stored['zipin.v1.doc.large'] = envelope(large, 99);
  const { page: heavyPage, context: heavyContext } = await open(browser);
  // Once the first visit's own save is done, so it cannot land after the documents are put in place.
  await heavyPage.locator('.save-status', { hasText: '已保存到本机' }).waitFor();
  await heavyPage.evaluate((items) => { localStorage.clear(); for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v); }, stored);
  await heavyPage.reload();
  await heavyPage.locator('.unit-name', { hasText: '大文档测试单位' }).waitFor();
  const size = await heavyPage.evaluate(() => localStorage.getItem('zipin.v1.doc.large').length);
  await heavyPage.locator('nav').getByRole('button', { name: '支出与管理' }).click();
  const { dom } = await typeFigures(heavyPage, 100);
  const docs = await heavyPage.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('zipin.v1.doc.')).length);
  await heavyContext.close();
  return { dom, size, docs };
})();

// Issue 21: a keystroke in a project's indicator row → that project's total repainted, with a document of 50
// projects × 30 rows open (the example's first project copied, its rows repeated with 分值 that add up).
const projectRows = await (async () => {
  const example = JSON.parse(await readFile(new URL('../../crates/core/data/samples/example.json', import.meta.url), 'utf8'));
  const base = example.projects[0];
  const rows = Array.from({ length: 30 }, (_, k) => ({
    ...base.rows[k % base.rows.length], name: `指标${k}`, weight: k < 18 ? '2.5' : '3',
  }));
  example.projects = Array.from({ length: 50 }, (_, i) => ({ ...structuredClone(base), name: `项目${i}`, rows: structuredClone(rows) }));
  example.unit.name = '五十个项目的测试单位';
  const envelope = JSON.stringify({ format: 'zipin.store', version: 1, title: 'projects', saved_at: 1, writer: 'bench', document: example });
  const { page: p, context: c } = await open(browser);
  await p.locator('.save-status', { hasText: '已保存到本机' }).waitFor();
  await p.evaluate((doc) => { localStorage.clear(); localStorage.setItem('zipin.v1.doc.p', doc); localStorage.setItem('zipin.v1.current', 'p'); }, envelope);
  await p.reload();
  await p.locator('.unit-name', { hasText: '五十个项目的测试单位' }).waitFor();
  await p.locator('nav').getByRole('button', { name: '项目支出' }).click();
  await p.locator('.project-score').waitFor();
  const dom = await p.evaluate(async () => {
    const input = document.getElementById('f-projects-0-rows-0-actual');
    const total = document.querySelector('.project-score .total-line');
    const out = [];
    for (let i = 0; i < 100; i++) {
      const before = total.textContent;
      const changed = new Promise((resolve) => {
        const observer = new MutationObserver(() => { if (total.textContent !== before) { observer.disconnect(); resolve(); } });
        observer.observe(total, { childList: true, characterData: true, subtree: true });
      });
      const start = performance.now();
      input.value = String(100 + (i % 2 === 0 ? i : -i - 1));
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      await changed;
      out.push(performance.now() - start);
    }
    return out;
  });
  await c.close();
  return dom;
})();

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
console.log(`keystroke → total updated in the DOM, ${heavy.docs} documents stored, the open one ${(heavy.size / 1e6).toFixed(2)} M characters stored (500 target rows): ${fmt(heavy.dom)}`);
for (const [kind, t] of Object.entries(exports)) {
  console.log(`${kind} (current document of the profile: the complete example): click → downloaded, worker started cold: ${fmt(t.click)}; file written in the worker: ${fmt(t.worker)}`);
}
console.log(`keystroke → next frame with the new total (the frame that paints it): ${fmt(edits.times)}`);
console.log(`keystroke in a project's indicator row → its total updated in the DOM, 50 projects × 30 rows: ${fmt(projectRows)}`);
