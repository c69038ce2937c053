// Benchmark (not a test): the app beside the framework's floor (scripts/floor, a small Yew to-do list built with
// the same profile), in the same headless Chromium as the end-to-end tests. For each: which files a first visit
// loads, and navigation → first render in a cold browser context (a new context each time: nothing cached, empty
// storage), the two apps taken in turn so that a busy machine slows both alike. Asserts nothing about time.
//
// Usage: node tests/e2e/bench-floor.mjs <app URL> <floor URL> <out.json> [runs]
// Run by scripts/bench, which serves both builds and prints the bytes and times with scripts/first_visit.py.
import { writeFileSync } from 'node:fs';
import { launch } from './helpers.mjs';

const [appUrl, floorUrl, out, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 15);
if (!appUrl || !floorUrl || !out || !(runs >= 9)) {
  console.error('usage: node tests/e2e/bench-floor.mjs <app URL> <floor URL> <out.json> [runs ≥ 9]');
  process.exit(2);
}

// "First render": the first meaningful content in the DOM. For the app the sample's unit name on screen (the same
// moment tests/e2e/bench.mjs waits for), for the floor its list with the starter items.
const APPS = {
  zipin: { url: appUrl, check: "document.querySelector('.unit-name')?.textContent === '广东省科技监测中心'" },
  floor: { url: floorUrl, check: "document.querySelector('ul.todo-list li') !== null" },
};

// Installed before the page's own scripts: notes performance.now() (ms since navigation start) at the first DOM
// mutation after which the check holds, so the figure does not include the round trip to this script.
const watcher = (check) => `(() => {
  const done = () => { try { return ${check}; } catch { return false; } };
  const observer = new MutationObserver(() => {
    if (window.__firstRender === undefined && done()) { window.__firstRender = performance.now(); observer.disconnect(); }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

const browser = await launch();

async function visit({ url, check }, record) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  await context.addInitScript(watcher(check));
  const page = await context.newPage();
  const requests = { page: [], serviceWorker: [], serviceWorkerScript: [] };
  const fromWorker = [];
  if (record) {
    page.on('request', (r) => requests.page.push(r.url()));
    context.on('requestfinished', (r) => { if (r.serviceWorker()) fromWorker.push(r); });
    context.on('serviceworker', (w) => requests.serviceWorkerScript.push(w.url()));
  }
  await page.goto(url);
  await page.waitForFunction(() => window.__firstRender !== undefined, null, { timeout: 60_000 });
  const firstRender = await page.evaluate(() => window.__firstRender);
  if (record) {
    // Let the page finish what it starts after rendering (the icon, a service worker's install).
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1000);
    // The service worker's requests as it installs, with the body bytes that came over the network (0 or less:
    // answered by the HTTP cache).
    for (const r of fromWorker) {
      requests.serviceWorker.push({ url: r.url(), body: (await r.sizes()).responseBodySize });
    }
  }
  await context.close();
  return { firstRender, requests };
}

const result = {};
for (const [name, app] of Object.entries(APPS)) {
  // One visit that records the requests (not timed: recording and waiting for the network to go idle).
  const { requests } = await visit(app, true);
  result[name] = { url: app.url, requests, firstRender: [] };
}
for (let i = 0; i < runs; i++) {
  for (const [name, app] of Object.entries(APPS)) {
    result[name].firstRender.push((await visit(app, false)).firstRender);
  }
}
await browser.close();
writeFileSync(out, JSON.stringify(result, null, 2));
