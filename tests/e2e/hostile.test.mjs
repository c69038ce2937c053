// Documents crafted by an attacker, sent as share links, and what happens if the page crashes anyway.
// Every hostile link is refused with a Chinese message; the app stays usable, a reload is clean (the link left the
// address before it was decoded) and the stored documents are exactly as before. The crash page (src/crash.js)
// replaces a page whose wasm stopped, offers every stored document as it is stored, and makes no request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, open, foreignRequests, screenshot, BASE_URL, nav } from './helpers.mjs';
import { example, shareCode, hostileDocuments } from './hostile-documents.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CRASH_MESSAGE = '页面出现意外错误，已停止运行。您的数据仍保存在本机浏览器中。';
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const total = async (page) => (await page.locator('.summary .total').textContent()).split('/')[0].trim();
const saved = (page) => page.locator('.save-status', { hasText: '已保存到本机' }).waitFor();
const crashPage = (page) => page.locator('#zipin-crash');
const shareRefused = (page) => page.locator('.banner.error', { hasText: '分享链接无法打开' });
const preview = (page) => page.locator('.banner', { hasText: '通过分享链接打开的文档' });
// Every `zipin.` key of localStorage with its raw value.
const stored = (page) => page.evaluate(() => Object.fromEntries(Object.keys(localStorage)
  .filter((k) => k.startsWith('zipin.')).sort().map((k) => [k, localStorage.getItem(k)])));
// Longer than the app's save delay (300 ms): a write the app was going to make has happened by then.
const settle = (page) => page.waitForTimeout(800);

/// Opens a share link as a click on it would: a new page load with the link's fragment.
async function openLink(page, code) {
  await page.goto('about:blank');
  await page.goto(BASE_URL + '#share=' + code);
}

/// Downloads through a button and returns the file's name and text.
async function downloadBy(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

test('the sample as a link built here opens as a preview; the link leaves the address and a reload does not replay it', async () => {
  const { page, context, consoleErrors, requests } = await open(browser);
  await saved(page);
  const before = await stored(page);
  await openLink(page, shareCode(example()));
  await preview(page).waitFor();
  assert.equal(await page.locator('.unit-name').textContent(), '示例单位（数据为虚构）');
  assert.equal(await total(page), '90.25');
  assert.equal(new URL(page.url()).hash, '', 'the fragment is gone while the preview shows');
  await settle(page);
  assert.deepEqual(await stored(page), before, 'a preview writes nothing');

  await page.reload();
  await page.locator('.summary .total').waitFor();
  assert.equal(await preview(page).count(), 0, 'a reload opens the app, not the link again');
  assert.equal(await page.locator('.unit-name').textContent(), '广东省科技监测中心');
  await settle(page);
  assert.deepEqual(await stored(page), before);
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(foreignRequests(requests), []);
  await context.close();
});

test('the query string survives when the link leaves the address', async () => {
  const { page, context } = await open(browser);
  await page.goto('about:blank');
  await page.goto(BASE_URL + '?nsukey=abc123#share=' + shareCode(example()));
  await preview(page).waitFor();
  const url = new URL(page.url());
  assert.equal(url.hash, '');
  assert.equal(url.search, '?nsukey=abc123');
  await context.close();
});

for (const [name, doc, names] of hostileDocuments()) {
  test(`a hostile link (${name}) is refused in Chinese; the app stays usable, a reload is clean, storage unchanged`, async () => {
    const { page, context, consoleErrors, requests } = await open(browser);
    await saved(page);
    const before = await stored(page);
    const seedTotal = await total(page);
    const code = shareCode(doc);

    await openLink(page, code);
    // Whichever comes first: the refusal, a preview (the link was not refused) or the crash page.
    await shareRefused(page).or(preview(page)).or(crashPage(page)).first().waitFor({ timeout: 90000 });
    assert.equal(await crashPage(page).count(), 0, 'the page crashed');
    assert.equal(await preview(page).count(), 0, 'the link opened as a preview instead of being refused');
    const message = await shareRefused(page).textContent();
    assert.match(message, /^分享链接无法打开：.*[\u4e00-\u9fff].*本机的文档没有任何改动。$/);
    assert.match(message, names, 'the refusal names the field');
    assert.equal(new URL(page.url()).hash, '', 'the link left the address');
    assert.equal(await page.locator('.unit-name').textContent(), '广东省科技监测中心');
    await screenshot(page, `hostile-${name}`);
    await settle(page);
    assert.deepEqual(await stored(page), before, 'storage unchanged after the link');

    await page.reload();
    await page.locator('.summary .total').waitFor();
    assert.equal(await crashPage(page).count(), 0, 'the reload crashed');
    assert.equal(await shareRefused(page).count(), 0, 'the reload did not replay the link');
    assert.equal(await total(page), seedTotal);
    await settle(page);
    assert.deepEqual(await stored(page), before, 'storage unchanged after the reload');

    // Usable: another section, a figure typed into its labelled field, the header total follows.
    await nav(page, '支出与管理');
    await page.getByLabel('全年预算数（调整后）').fill('6000');
    await page.getByText('预算执行率：5343.32 ÷ 6000 = 89.06%').waitFor();
    await page.waitForFunction((t) => document.querySelector('.summary .total').textContent.split('/')[0].trim() !== t, seedTotal);
    await saved(page);

    // The same link pasted into the address bar of the open tab (only the fragment changes): refused the same way.
    const afterEdit = await stored(page);
    await page.evaluate((c) => { window.location.hash = 'share=' + c; }, code);
    await shareRefused(page).or(preview(page)).or(crashPage(page)).first().waitFor({ timeout: 90000 });
    assert.equal(await crashPage(page).count(), 0, 'the page crashed on the pasted link');
    assert.equal(await shareRefused(page).count(), 1);
    assert.equal(new URL(page.url()).hash, '');
    await settle(page);
    assert.deepEqual(await stored(page), afterEdit, 'storage unchanged after the pasted link');

    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(foreignRequests(requests), []);
    await context.close();
  });
}

test('the crash page shows the message and downloads every stored document exactly as stored', async () => {
  const { page, context, requests } = await open(browser);
  await saved(page);
  await nav(page, '文档管理');
  await page.getByRole('button', { name: '打开完整示例（数据为虚构）' }).click();
  await nav(page, '基本情况');
  await page.getByLabel('单位名称').fill('示例单位（崩溃前修改）');
  await saved(page);
  const corrupt = '{"format":"zipin.store","version":1,"document":{"unit":';
  await page.evaluate((c) => {
    localStorage.setItem('zipin.v1.doc.broken', c);
    localStorage.setItem('another-app.setting', 'not ours');
  }, corrupt);
  const before = await stored(page);
  assert.equal(Object.keys(before).filter((k) => k.startsWith('zipin.v1.doc.')).length, 3);
  assert.equal(typeof before['zipin.v1.current'], 'string');

  const requestsBefore = requests.length;
  await page.evaluate(() => window.zipinCrash('测试：模拟的意外错误'));
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.equal((await alert.textContent()).trim(), CRASH_MESSAGE);
  assert.equal(await page.locator('.summary').count(), 0, 'the app is gone');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), '下载本机数据备份（.json）');
  await screenshot(page, 'crash-page');

  const { name, text } = await downloadBy(page, page.getByRole('button', { name: '下载本机数据备份（.json）' }));
  assert.match(name, /^绩效自评-本机全部数据-\d{8}-\d{6}\.json$/);
  assert.deepEqual(JSON.parse(text), before);
  assert.equal(JSON.parse(text)['zipin.v1.doc.broken'], corrupt);
  await page.getByRole('status').filter({ hasText: `已下载 ${Object.keys(before).length} 项本机数据` }).waitFor();
  assert.deepEqual(foreignRequests(requests), []);
  assert.deepEqual(requests.slice(requestsBefore).filter((u) => !u.startsWith('blob:')), [], 'the crash page requests nothing');

  // After the crash the app hears nothing more: Ctrl+Z would undo the last edit and save the result.
  await page.keyboard.press('Control+z');
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await settle(page);
  assert.deepEqual(await stored(page), before);

  await page.getByRole('button', { name: '重新载入页面' }).click();
  await page.locator('.summary .total').waitFor();
  assert.equal(await crashPage(page).count(), 0);
  assert.equal(await page.locator('.unit-name').textContent(), '示例单位（崩溃前修改）');
  await settle(page);
  assert.deepEqual(await stored(page), before);
  await context.close();
});

test('a real panic in the app reaches the crash page through the panic hook, stored data untouched', async () => {
  const { page, context, consoleErrors } = await open(browser);
  await saved(page);
  const before = await stored(page);
  // The browser refuses to insert nodes: Yew panics on its next render ("failed to append child"). The crash page
  // itself only appends and replaces.
  await page.evaluate(() => {
    Node.prototype.insertBefore = function () { throw new Error('模拟：浏览器拒绝插入节点'); };
  });
  await nav(page, '支出与管理');
  await page.getByRole('alert').filter({ hasText: CRASH_MESSAGE }).waitFor();
  // The hook's message comes first (the trap that follows the abort only adds a line).
  assert.match(await page.locator('#zipin-crash pre').textContent(), /^panicked at /);
  assert.ok(consoleErrors.some((e) => e.startsWith('Zipin 已停止运行：panicked at')), consoleErrors.join('\n'));
  await settle(page);
  assert.deepEqual(await stored(page), before);
  await page.getByRole('button', { name: '重新载入页面' }).click();
  await page.locator('.summary .total').waitFor();
  assert.equal(await crashPage(page).count(), 0);
  assert.deepEqual(await stored(page), before);
  await context.close();
});

test('a wasm trap that bypasses the panic hook shows the crash page; other script errors do not', async () => {
  const { page, context } = await open(browser);
  // Errors that are not the wasm's: the app stays.
  await page.evaluate(() => {
    setTimeout(() => { throw new Error('an ordinary error'); });
    Promise.reject(new TypeError('an ordinary rejection'));
  });
  await settle(page);
  assert.equal(await crashPage(page).count(), 0);
  await nav(page, '支出与管理');

  // A trap thrown from an event handler or a timer reaches the window's `error` event.
  await page.evaluate(() => { setTimeout(() => { throw new WebAssembly.RuntimeError('unreachable'); }); });
  await page.getByRole('alert').filter({ hasText: CRASH_MESSAGE }).waitFor();
  assert.equal(await page.locator('.summary').count(), 0);
  await context.close();

  // A trap inside a promise (the app's start) reaches `unhandledrejection`.
  const second = await open(browser);
  await second.page.evaluate(() => { Promise.reject(new WebAssembly.RuntimeError('memory access out of bounds')); });
  await second.page.getByRole('alert').filter({ hasText: CRASH_MESSAGE }).waitFor();
  await second.context.close();
});

test('the crash page works offline (precached) and in the single-file offline page', async () => {
  const { page, context, consoleErrors } = await open(browser);
  const src = await page.locator('script[src*="crash-"]').getAttribute('src');
  assert.ok(src.startsWith('/') && !src.startsWith('//'), `same origin: ${src}`);
  assert.equal(await page.evaluate(() => typeof window.zipinCrash), 'function', 'the policy let the script run');
  assert.deepEqual(consoleErrors, []);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10000 }).catch(async () => {
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  });
  await context.setOffline(true);
  await page.reload();
  await page.locator('.summary .total').waitFor();
  await page.evaluate(() => window.zipinCrash('离线测试'));
  await page.getByRole('alert').filter({ hasText: CRASH_MESSAGE }).waitFor();
  const offline = await downloadBy(page, page.getByRole('button', { name: '下载本机数据备份（.json）' }));
  assert.ok(Object.keys(JSON.parse(offline.text)).some((k) => k.startsWith('zipin.v1.doc.')));
  await context.setOffline(false);
  await context.close();

  // zipin-offline.html: the script inline, allowed by its hash (a refused script would leave zipinCrash undefined).
  const file = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN' });
  const single = await file.newPage();
  const errors = [];
  single.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await single.goto('file://' + path.join(ROOT, 'dist/zipin-offline.html'));
  await single.locator('.save-status', { hasText: '已保存到本机' }).waitFor();
  assert.equal(await single.evaluate(() => typeof window.zipinCrash), 'function');
  assert.deepEqual(errors, []);
  await single.evaluate(() => window.zipinCrash('单文件离线版测试'));
  await single.getByRole('alert').filter({ hasText: CRASH_MESSAGE }).waitFor();
  const fromFile = await downloadBy(single, single.getByRole('button', { name: '下载本机数据备份（.json）' }));
  // A page opened from a file keeps its documents under its directory's keys; the backup holds them.
  const dir = path.join(ROOT, 'dist') + '/';
  assert.ok(Object.keys(JSON.parse(fromFile.text)).some((k) => k.startsWith(`zipin@${dir}.v1.doc.`)), fromFile.text.slice(0, 200));
  await file.close();
});
