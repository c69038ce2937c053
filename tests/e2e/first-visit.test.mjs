// A first visit in the order an officer on a slow line lives it: the page's own files, the total on screen, and
// only then, when the page is idle, the service worker precaching the rest of the build (the parts of the page
// loaded when first opened, and the export module's 600 KB). Each part then opens online and, after a reload,
// offline. Every request of the browser context is recorded with its wall-clock time, the page's and the
// service worker's alike, and compared with the moment the total appeared.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, nav, BASE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// Installed before the page's scripts: notes Date.now() at the first DOM change after which the total is shown.
const TOTAL_WATCHER = `(() => {
  const shown = () => (document.querySelector('.summary .total')?.textContent ?? '').trim() !== '';
  const observer = new MutationObserver(() => {
    if (window.__totalShown === undefined && shown()) { window.__totalShown = Date.now(); observer.disconnect(); }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

// The sections that are parts of their own (src/components/parts.rs), and a line of each one's first screen.
const PARTS = [
  ['项目支出', '项目支出绩效自评'],
  ['报告', '导出与分享'],
  ['评分框架', '框架库'],
  ['汇总', '打开各单位的自评数据'],
  ['文档管理', '本机保存的文档'],
];

/// Opens each part's section and waits for its first screen; returns how long each took.
async function openParts(page) {
  const took = [];
  for (const [section, heading] of PARTS) {
    const started = Date.now();
    await nav(page, section);
    await page.getByRole('heading', { name: heading }).waitFor();
    assert.equal(await page.locator('.part-failed').count(), 0, `${section} loaded`);
    took.push(`${section} ${Date.now() - started} ms`);
  }
  return took;
}

test('a first visit requests no part and no export module before the total is on screen; they are precached afterwards, and each part opens online and offline', async (t) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  await context.addInitScript(TOTAL_WATCHER);
  const requests = [];
  const finished = [];
  context.on('request', (r) => requests.push({ url: r.url(), at: Date.now(), byWorker: Boolean(r.serviceWorker()) }));
  context.on('requestfinished', (r) => { if (!r.serviceWorker()) finished.push({ url: r.url(), at: Date.now() }); });
  const page = await context.newPage();
  await page.goto(BASE_URL);
  await page.waitForFunction(() => window.__totalShown !== undefined);
  const shownAt = await page.evaluate(() => window.__totalShown);
  // The service worker installs when the page is idle, and precaches the whole build.
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  const exportModule = (r) => /zipin-export-worker-[0-9a-f]+(_bg\.wasm|\.js|_loader\.js)$/.test(r.url);
  const part = (r) => /zipin-part-[0-9a-z_]+-[0-9a-f]{16}\.wasm$/.test(r.url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 })
    .catch(() => {});
  const early = requests.filter((r) => r.at < shownAt
    && (exportModule(r) || part(r) || r.byWorker || r.url.endsWith('/sw.js')));
  assert.deepEqual(early.map((r) => r.url), [], 'no part and nothing of the background before the total is on screen');
  // Never in parallel with the first load: the service worker's first request comes after the page's own files
  // (the report's part, fetched by the page in the background at the same idle moment, is not one of them).
  const firstByWorker = Math.min(...requests.filter((r) => r.byWorker || r.url.endsWith('/sw.js')).map((r) => r.at));
  // (Nor is the icon, which the browser fetches when it likes after the page has loaded.)
  const pageFiles = finished.filter((r) => r.at <= shownAt + 5_000 && !part(r) && !/favicon-[0-9a-f]+\.svg$/.test(r.url));
  const report = requests.find((r) => !r.byWorker && r.url.includes('zipin-part-split_report-'));
  assert.ok(report && report.at >= shownAt, "the report's part is fetched in the background, after the total");
  assert.ok(pageFiles.length >= 4, pageFiles.map((r) => r.url).join(', '));
  const late = pageFiles.filter((r) => r.at > firstByWorker).map((r) => `${r.url} +${r.at - firstByWorker} ms`);
  assert.deepEqual(late, [], 'the page had all its files before the service worker started');
  assert.ok(requests.some((r) => exportModule(r) && r.url.endsWith('_bg.wasm')), 'the export module is precached');
  for (const name of ['projects', 'report', 'frameworks', 'summary', 'documents']) {
    assert.ok(requests.some((r) => r.byWorker && r.url.includes(`zipin-part-split_${name}-`)), `the part ${name} is precached`);
  }
  t.diagnostic(`online: ${(await openParts(page)).join(', ')}`);
  // Offline after this first visit: a reload opens the app, and the export module is there to export.
  await context.setOffline(true);
  await page.reload();
  await page.locator('.unit-name').waitFor();
  assert.equal(await page.locator('.unit-name').textContent(), '广东省科技监测中心');
  t.diagnostic(`offline after a reload: ${(await openParts(page)).join(', ')}`);
  await context.close();
});
