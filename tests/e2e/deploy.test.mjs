// A deploy while the app is open: build A (the release build in dist/) is served, a tab opens it, and the served
// files are replaced with build B (the same tree built again with ZIPIN_BUILD_LABEL, so the export worker's files,
// the parts' files, the build's id and sw.js differ). The open tab of A still opens a part and exports with A's
// files, gone from the server; a reload runs B; a second tab still on A, now under B's service worker, still exports; and offline after
// that, the app reloads as B and exports. Served from copies in a temp folder with GitHub Pages' caching
// (max-age=600), so the shared dist/ is left as it is.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, nav, serveFiles } from './helpers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let browser;
let temp;
let server;
let url;
const site = () => path.join(temp, 'site');

before(async () => {
  temp = mkdtempSync(path.join(os.tmpdir(), 'zipin-deploy-'));
  browser = await launch();
  // A static server like GitHub Pages: the files of site/, each cacheable for ten minutes.
  ({ server, url } = await serveFiles(site, { headers: { 'Cache-Control': 'max-age=600' } }));
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  if (temp) rmSync(temp, { recursive: true, force: true });
});

/// The build in `dir`: its id and its export worker's loader, as its index.html names them.
function build(dir) {
  const page = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const id = page.match(/<meta name="zipin-build" content="([0-9a-f]{16})">/)?.[1];
  const worker = page.match(/<meta name="zipin-export-worker" content="(zipin-export-worker-[0-9a-f]{16}_loader\.js)">/)?.[1];
  assert.ok(id && worker, `${dir}/index.html names its build and its worker`);
  // The file of the part 评分框架 (scripts/split_parts.py names each part by a hash of the build's page files).
  const part = readdirSync(dir).find((f) => /^zipin-part-split_frameworks-[0-9a-f]{16}\.wasm$/.test(f));
  assert.ok(part, `${dir} has the part 评分框架`);
  return { dir, id, worker, part };
}

/// Replaces every served file with those of `dir`, as a deploy does.
function deploy(dir) {
  rmSync(site(), { recursive: true, force: true });
  cpSync(dir, site(), { recursive: true });
}

/// The build the page in `page` runs.
const buildOf = (page) => page.locator('meta[name="zipin-build"]').getAttribute('content');

/// Waits until build `id`'s service worker is the active one, controls `page`, and has precached its build.
async function serviceWorkerOf(page, id) {
  let state;
  for (const deadline = Date.now() + 30000; Date.now() < deadline;) {
    state = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return {
        installing: Boolean(registration?.installing),
        waiting: Boolean(registration?.waiting),
        active: registration?.active?.state ?? null,
        controlled: Boolean(navigator.serviceWorker.controller),
        caches: await caches.keys(),
      };
    });
    if (!state.installing && !state.waiting && state.active === 'activated' && state.controlled
      && state.caches.some((k) => k.endsWith(' ' + id))) return;
    await page.waitForTimeout(200);
  }
  assert.fail(`build ${id}'s service worker did not take over: ${JSON.stringify(state)}`);
}

/// Opens 评分框架, a part of the page loaded when first opened, and checks that its first screen is there.
async function opensPart(page, label) {
  await nav(page, '评分框架');
  await page.getByRole('heading', { name: '框架库' }).waitFor();
  assert.equal(await page.locator('.part-failed').count(), 0, `${label}: the part loaded`);
}

/// Exports the report as .docx from `page` and checks that the file opens (Python's zipfile reads its text).
async function exportsDocx(page, label) {
  await page.locator('nav').getByRole('button', { name: '报告' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30000 }),
    page.getByRole('button', { name: '导出 Word 报告（.docx）' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), '广东省科技监测中心2024年度整体绩效自评报告.docx', label);
  const file = path.join(temp, `${label}.docx`);
  await download.saveAs(file);
  const xml = execFileSync('python3', ['-c', 'import sys,zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode())', file]).toString();
  assert.ok(xml.includes('采购执行率为93.27%'), `${label}: the report is in document.xml`);
}

async function openTab(context) {
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('h1');
  return { page, requests, errors };
}

test('an open tab keeps exporting across a deploy, a reload runs the new build, offline too', async (t) => {
  // Build B: the same tree, labelled. Its cargo step is cached; trunk's wasm-bindgen and wasm-opt run again.
  const started = Date.now();
  const built = spawnSync('sh', ['-c', '. scripts/env.sh && exec trunk build --release --dist "$1"', 'sh', path.join(temp, 'b')], {
    cwd: ROOT, env: { ...process.env, ZIPIN_BUILD_LABEL: 'e2e-deploy-b' }, encoding: 'utf8',
  });
  assert.equal(built.status, 0, `build B failed:\n${built.stdout}\n${built.stderr}`.slice(-4000));
  t.diagnostic(`build B took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  cpSync(path.join(ROOT, 'dist'), path.join(temp, 'a'), { recursive: true });
  const a = build(path.join(temp, 'a'));
  const b = build(path.join(temp, 'b'));
  assert.notEqual(a.id, b.id);
  assert.notEqual(a.worker, b.worker, 'the export worker of B has other names');
  assert.notEqual(a.part, b.part, "B's parts have other names");

  deploy(a.dir);
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true });
  const tab = await openTab(context);
  assert.equal(await buildOf(tab.page), a.id);
  await serviceWorkerOf(tab.page, a.id);
  const other = await openTab(context);
  assert.equal(await buildOf(other.page), a.id);

  deploy(b.dir);
  assert.equal((await fetch(url + a.worker)).status, 404, "A's worker is gone from the server");
  assert.match(await (await fetch(url)).text(), new RegExp(`content="${b.id}"`));

  assert.equal((await fetch(url + a.part)).status, 404, "A's part is gone from the server");

  // The open tab of A opens a part it had not opened yet: A's, precached when A was installed.
  await opensPart(tab.page, 'a-tab-after-deploy');
  assert.ok(tab.requests.some((u) => u.endsWith('/' + a.part)), "the tab loaded A's part");
  assert.ok(!tab.requests.some((u) => u.endsWith('/' + b.part)), "the tab never asked for B's part");

  // The open tab of A exports with A's worker, precached when A was installed.
  await exportsDocx(tab.page, 'a-tab-after-deploy');
  assert.ok(tab.requests.some((u) => u.endsWith('/' + a.worker)), "the tab started A's worker");
  assert.ok(!tab.requests.some((u) => u.endsWith('/' + b.worker)), "the tab never asked for B's worker");

  // A reload runs B, and B's service worker takes over with B's files precached, keeping A's.
  await tab.page.reload();
  await tab.page.waitForSelector('h1');
  assert.equal(await buildOf(tab.page), b.id);
  await serviceWorkerOf(tab.page, b.id);
  const cached = await tab.page.evaluate(() => caches.keys());
  assert.deepEqual(cached.map((k) => k.split(' ').pop()).sort(), [a.id, b.id].sort(), cached.join('\n'));

  // The other tab still runs A, now under B's service worker, and exports with A's worker from A's cache.
  assert.equal(await buildOf(other.page), a.id);
  assert.ok(await other.page.evaluate(async () => navigator.serviceWorker.controller
    === (await navigator.serviceWorker.getRegistration()).active), "the other tab is under B's service worker");
  await exportsDocx(other.page, 'a-tab-under-b');
  await opensPart(other.page, 'a-tab-under-b');
  assert.ok(other.requests.some((u) => u.endsWith('/' + a.part)), "the other tab loaded A's part");
  assert.ok(other.requests.some((u) => u.endsWith('/' + a.worker)), "the other tab started A's worker");

  // Offline, the reloaded tab is B and exports with B's precached worker.
  await context.setOffline(true);
  await tab.page.reload();
  await tab.page.waitForSelector('h1');
  assert.equal(await buildOf(tab.page), b.id);
  await exportsDocx(tab.page, 'b-offline');
  await opensPart(tab.page, 'b-offline');
  assert.ok(tab.requests.some((u) => u.endsWith('/' + b.part)), "the reloaded tab loaded B's part");
  assert.ok(tab.requests.some((u) => u.endsWith('/' + b.worker)), "the reloaded tab started B's worker");
  await context.setOffline(false);

  assert.deepEqual([...tab.errors, ...other.errors], []);
  await context.close();
});
