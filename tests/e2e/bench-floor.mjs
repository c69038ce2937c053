// Benchmark (not a test): the app beside the framework's floor (scripts/floor, a small Yew to-do list built with
// the same profile), in the same headless Chromium as the end-to-end tests. For each: which files a first visit
// loads, and navigation → first render in a cold browser context (a new context each time: nothing cached, empty
// storage), the two apps taken in turn so that a busy machine slows both alike; and the time Zipin takes to open
// each part of the page the first time (click → its first screen). Asserts nothing about time.
//
// Usage: node tests/e2e/bench-floor.mjs <app URL> <floor URL> <out.json> [runs]
// Run by scripts/bench, which serves both builds and prints the bytes and times with scripts/first_visit.py.
import { writeFileSync } from 'node:fs';
import { launch, navButton } from './helpers.mjs';

const [appUrl, floorUrl, out, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 15);
if (!appUrl || !floorUrl || !out || !(runs >= 9)) {
  console.error('usage: node tests/e2e/bench-floor.mjs <app URL> <floor URL> <out.json> [runs ≥ 9]');
  process.exit(2);
}

// "First render": the first meaningful content in the DOM. For the app the total on screen (what the officer waits
// for), for the floor its list with the starter items.
const APPS = {
  zipin: { url: appUrl, check: "(document.querySelector('.summary .total')?.textContent ?? '').trim() !== ''" },
  floor: { url: floorUrl, check: "document.querySelector('ul.todo-list li') !== null" },
};

// Installed before the page's own scripts: notes performance.now() (ms since navigation start) at the first DOM
// mutation after which the check holds, so the figure does not include the round trip to this script.
const watcher = (check) => `(() => {
  const done = () => { try { return ${check}; } catch { return false; } };
  const observer = new MutationObserver(() => {
    if (window.__firstRender === undefined && done()) {
      window.__firstRender = performance.now();
      window.__firstRenderWall = Date.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

const browser = await launch();

// Chromium's network emulation of a slow office line to github.io.
const SLOW_LINE = { offline: false, latency: 150, downloadThroughput: (1600 * 1000) / 8, uploadThroughput: (1600 * 1000) / 8 };

/// A cold browser context (nothing cached, empty storage) watching for the first render, on the slow line or not.
async function coldPage(check, slow) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  await context.addInitScript(watcher(check));
  const page = await context.newPage();
  if (slow) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_LINE);
  }
  return { context, page };
}

async function visit({ url, check }, record, { slow = false } = {}) {
  const { context, page } = await coldPage(check, slow);
  const requests = { page: [], serviceWorker: [], serviceWorkerScript: [], wire: [] };
  const fromWorker = [];
  const finished = [];
  if (record) {
    page.on('request', (r) => requests.page.push(r.url()));
    context.on('requestfinished', (r) => {
      finished.push({ request: r, at: Date.now() });
      if (r.serviceWorker()) fromWorker.push(r);
    });
    context.on('serviceworker', (w) => requests.serviceWorkerScript.push(w.url()));
  }
  await page.goto(url);
  await page.waitForFunction(() => window.__firstRender !== undefined, null, { timeout: 120_000 });
  const firstRender = await page.evaluate(() => window.__firstRender);
  const shownAt = await page.evaluate(() => window.__firstRenderWall);
  if (record) {
    // Let the page finish what it starts after rendering (the icon, a service worker's install).
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1000);
    // The service worker's requests as it installs, with the body bytes that came over the network (0 or less:
    // answered by the HTTP cache).
    for (const r of fromWorker) {
      requests.serviceWorker.push({ url: r.url(), body: (await r.sizes()).responseBodySize });
    }
    // Every response of the visit as it came over the wire (the body as sent, compressed when the server
    // compresses, and its headers), and whether it had arrived before the first render.
    for (const { request, at } of finished) {
      const sizes = await request.sizes();
      requests.wire.push({
        url: request.url(),
        byWorker: Boolean(request.serviceWorker()),
        bytes: Math.max(sizes.responseBodySize, 0) + Math.max(sizes.responseHeadersSize, 0),
        beforeFirstRender: at <= shownAt,
      });
    }
  }
  await context.close();
  return { firstRender, requests };
}

const result = {};
for (const [name, app] of Object.entries(APPS)) {
  console.error(`${name}: a first visit, recorded`);
  // One visit that records the requests (not timed: recording and waiting for the network to go idle).
  const { requests } = await visit(app, true);
  result[name] = { url: app.url, requests, firstRender: [] };
}
for (let i = 0; i < runs; i++) {
  for (const [name, app] of Object.entries(APPS)) {
    result[name].firstRender.push((await visit(app, false)).firstRender);
  }
}
// The same on an emulated slow line (fewer runs: each takes seconds).
const slowRuns = Math.max(5, Math.ceil(runs / 3));
for (const name of Object.keys(APPS)) result[name].slowLine = [];
for (let i = 0; i < slowRuns; i++) {
  for (const [name, app] of Object.entries(APPS)) {
    result[name].slowLine.push((await visit(app, false, { slow: true })).firstRender);
  }
}
// Zipin's parts (src/components/parts.rs): a cold visit, the total on screen, then each part's section opened for
// the first time, click → the part's first screen: at once on localhost and on the slow line, and on localhost
// once the page is idle.
const PARTS = [['评分框架', '框架库'], ['汇总', '打开各单位的自评数据'], ['文档管理', '本机保存的文档'], ['报告', '导出与分享']];
async function openParts({ url, check }, { slow = false, idle = false } = {}) {
  const { context, page } = await coldPage(check, slow);
  await page.goto(url);
  await page.waitForFunction(() => window.__firstRender !== undefined, null, { timeout: 120_000 });
  if (idle) {
    // As an officer who reads the page first: the background (the service worker's precache, the report's part)
    // is done.
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1000);
  }
  const took = {};
  for (const [section, heading] of PARTS) {
    console.error(`  opening ${section}${slow ? ' on the slow line' : ''}`);
    const started = Date.now();
    await navButton(page, section).click();
    await page.getByRole('heading', { name: heading }).waitFor({ timeout: 60_000 });
    took[section] = Date.now() - started;
  }
  await context.close();
  return took;
}
result.zipin.parts = { localhost: [], localhostIdle: [], slowLine: [] };
console.error('zipin: the parts opened the first time');
for (let i = 0; i < Math.max(5, Math.ceil(runs / 3)); i++) {
  result.zipin.parts.localhost.push(await openParts(APPS.zipin));
  result.zipin.parts.localhostIdle.push(await openParts(APPS.zipin, { idle: true }));
}
for (let i = 0; i < 3; i++) result.zipin.parts.slowLine.push(await openParts(APPS.zipin, { slow: true }));
await browser.close();
writeFileSync(out, JSON.stringify(result, null, 2));
