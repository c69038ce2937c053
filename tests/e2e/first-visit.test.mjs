// A first visit in the order an officer on a slow line lives it: the page's own files, the total on screen, and
// only then, when the page is idle, the service worker precaching the rest of the build (the export module's
// 600 KB included). Every request of the browser context is recorded with its wall-clock time, the page's and the
// service worker's alike, and compared with the moment the total appeared.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, BASE_URL } from './helpers.mjs';

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

test('a first visit requests no export module before the total is on screen; it is precached afterwards and works offline', async () => {
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
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 })
    .catch(() => {});
  const early = requests.filter((r) => r.at < shownAt && (exportModule(r) || r.byWorker || r.url.endsWith('/sw.js')));
  assert.deepEqual(early.map((r) => r.url), [], 'nothing of the background before the total is on screen');
  // Never in parallel with the first load: the service worker's first request comes after the page's own files.
  const firstByWorker = Math.min(...requests.filter((r) => r.byWorker || r.url.endsWith('/sw.js')).map((r) => r.at));
  const pageFiles = finished.filter((r) => r.at <= shownAt + 5_000);
  assert.ok(pageFiles.length >= 4, pageFiles.map((r) => r.url).join(', '));
  assert.ok(pageFiles.every((r) => r.at <= firstByWorker), 'the page had all its files before the service worker started');
  assert.ok(requests.some((r) => exportModule(r) && r.url.endsWith('_bg.wasm')), 'the export module is precached');
  // Offline after this first visit: a reload opens the app, and the export module is there to export.
  await context.setOffline(true);
  await page.reload();
  await page.locator('.unit-name').waitFor();
  assert.equal(await page.locator('.unit-name').textContent(), '广东省科技监测中心');
  await context.close();
});
