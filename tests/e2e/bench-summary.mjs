// Benchmark (figures, not pass/fail): choosing 300 unit files in 汇总 → the table rendered, in headless Chromium
// against the release build; the time runs from the file input's change event to the table's last row in the DOM.
// Usage: node tests/e2e/bench-summary.mjs URL [FILES] [RUNS]   (FILES default 300, RUNS default 5)
import { mkdtempSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, open, nav } from './helpers.mjs';

const [url, files = '300', runs = '5'] = process.argv.slice(2);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'zipin-bench-batch-'));
execFileSync(path.join(ROOT, 'target/debug/examples/write_batch'), [dir, files]);
const paths = readdirSync(dir).sort().map((f) => path.join(dir, f));

const browser = await launch();
const times = [];
for (let run = 0; run < Number(runs); run += 1) {
  const { page, context } = await open(browser, { url });
  await nav(page, '汇总');
  await page.evaluate((n) => {
    window.__rendered = undefined;
    const input = document.getElementById('batch-files');
    input.addEventListener('change', () => { window.__chosen = performance.now(); }, { capture: true, once: true });
    new MutationObserver((_, observer) => {
      if (document.querySelectorAll('table.batch tbody tr').length === n && window.__rendered === undefined) {
        window.__rendered = performance.now();
        observer.disconnect();
      }
    }).observe(document.body, { childList: true, subtree: true });
  }, paths.length);
  await page.getByLabel(/选择各单位的数据文件/).setInputFiles(paths);
  await page.waitForFunction(() => window.__rendered !== undefined, null, { timeout: 120_000 });
  times.push(await page.evaluate(() => window.__rendered - window.__chosen));
  await context.close();
}
await browser.close();
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`汇总: ${paths.length} files chosen → table rendered: median ${median.toFixed(0)} ms, best ${times[0].toFixed(0)} ms, worst ${times[times.length - 1].toFixed(0)} ms (n=${times.length}; goal ≤ 2000 ms)`);
