// Two pages of one browser context share one localStorage, as an officer's two tabs do: conflicts, a newer
// version's write, deletions and a full storage never lose or pin the officer's work. And a share link with what
// WeChat or QQ append after the fragment opens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, open, BASE_URL, nav } from './helpers.mjs';
import { example, shareCode } from './hostile-documents.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const SEED = '广东省科技监测中心';
const EXAMPLE = '示例单位（数据为虚构）';
const saved = (page) => page.locator('.save-status', { hasText: '已保存到本机' }).waitFor();
const cards = (page) => page.locator('.doc-card');
const unitIs = (page, name) => page.locator('.unit-name', { hasText: name }).waitFor();

async function openDocument(page, name) {
  await nav(page, '文档管理');
  await page.locator('.doc-card', { hasText: name }).getByRole('button', { name: '打开' }).click();
  await unitIs(page, name);
}

// Every write of this page fails as a full storage does, so its edits stay unsaved; `resume` undoes it.
const stopWriting = (page) => page.evaluate(() => {
  window.__setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
});
const resumeWriting = (page) => page.evaluate(() => { Storage.prototype.setItem = window.__setItem; });

const storedDocuments = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('zipin.v1.doc.')).sort());

/// One context with the seed and the example sample saved, the seed open.
async function twoDocuments() {
  const { page, context } = await open(browser);
  await saved(page);
  await nav(page, '文档管理');
  await page.getByRole('button', { name: '打开完整示例（数据为虚构）' }).click();
  await saved(page);
  await openDocument(page, SEED);
  await saved(page);
  return { page, context };
}

/// Two documents as above, and a second page of the same context.
async function twoTabs() {
  const { page, context } = await twoDocuments();
  const other = await context.newPage();
  await other.goto(page.url());
  await other.waitForSelector('h1');
  await unitIs(other, SEED);
  return { page, other, context };
}

test('another tab saving a document with nothing unsaved here is taken and said', async () => {
  const { page, other, context } = await twoTabs();
  await other.getByLabel('单位名称').fill('另一窗口的名称');
  await saved(other);
  await unitIs(page, '另一窗口的名称');
  assert.equal(await page.locator('.banner', { hasText: '另一个浏览器窗口' }).count(), 0, 'nothing to choose');
  await context.close();
});

test('a conflict answered after switching documents changes only the document in conflict', async () => {
  const { page, other, context } = await twoTabs();
  await stopWriting(page);
  await page.getByLabel('单位名称').fill('本窗口的名称');
  await page.locator('.save-status', { hasText: '未保存' }).waitFor();
  await other.getByLabel('单位名称').fill('另一窗口的名称');
  await saved(other);
  const banner = page.locator('.banner', { hasText: '另一个浏览器窗口中修改' });
  await banner.waitFor();
  assert.match(await banner.textContent(), /“本窗口的名称 · 2024年度”.*较新/);
  // The officer looks at another document before answering.
  await openDocument(page, EXAMPLE);
  await resumeWriting(page);
  await banner.getByRole('button', { name: '载入另一窗口的版本' }).click();
  await saved(page);
  assert.equal(await page.locator('.unit-name').textContent(), EXAMPLE, 'the open document stays open and unchanged');
  await nav(page, '文档管理');
  assert.equal(await cards(page).count(), 2, 'no document listed twice, none lost');
  await page.locator('.doc-card', { hasText: '另一窗口的名称' }).waitFor();
  assert.equal(await page.locator('.doc-card', { hasText: '本窗口的名称' }).count(), 0);
  await page.reload();
  await page.waitForSelector('h1');
  await nav(page, '文档管理');
  assert.equal(await cards(page).count(), 2);
  assert.equal(await page.locator('.doc-card', { hasText: '另一窗口的名称' }).count(), 1);
  await context.close();
});

test('keeping both keeps this tab\'s edits as a new document', async () => {
  const { page, other, context } = await twoTabs();
  await stopWriting(page);
  await page.getByLabel('单位名称').fill('本窗口的名称');
  await other.getByLabel('单位名称').fill('另一窗口的名称');
  await saved(other);
  const banner = page.locator('.banner', { hasText: '另一个浏览器窗口中修改' });
  await banner.waitFor();
  await resumeWriting(page);
  await banner.getByRole('button', { name: '两个都保留（本窗口的版本另存为新文档）' }).click();
  await saved(page);
  assert.equal(await page.getByLabel('单位名称').inputValue(), '本窗口的名称');
  await nav(page, '文档管理');
  assert.equal(await cards(page).count(), 3);
  await page.locator('.doc-card', { hasText: '另一窗口的名称' }).waitFor();
  await page.locator('.doc-card', { hasText: '（本窗口的版本）' }).waitFor();
  await context.close();
});

test('a newer version writing a document in the other tab makes it read-only here, never overwritten', async () => {
  const { page, other, context } = await twoTabs();
  // The other tab runs a newer deploy: it stores the open document in a schema this build does not know.
  const written = await other.evaluate(() => {
    const key = localStorage.getItem('zipin.v1.current');
    const envelope = JSON.parse(localStorage.getItem('zipin.v1.doc.' + key));
    envelope.document.schema = 99;
    envelope.document.unit.name = '新版本写入的名称';
    envelope.document.field_from_the_future = { kept: true };
    envelope.writer = 'newer-build';
    envelope.saved_at = Date.now();
    localStorage.setItem('zipin.v1.doc.' + key, JSON.stringify(envelope));
    return { key: 'zipin.v1.doc.' + key, value: localStorage.getItem('zipin.v1.doc.' + key) };
  });
  await page.locator('.banner', { hasText: '较新版本的程序保存' }).waitFor();
  assert.equal(await page.locator('.save-status').textContent(), '只读');
  assert.equal(await page.getByLabel('单位名称').isDisabled(), true);
  await page.locator('body').press('Control+z');
  // Another document is edited and saved here: the newer one is still as the newer version wrote it.
  await openDocument(page, EXAMPLE);
  await page.getByLabel('单位名称').fill('示例单位改名');
  await saved(page);
  await page.waitForTimeout(400);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), written.key), written.value);
  await context.close();
});

test('a deletion in one tab stays deleted after the other tab saves and reloads', async () => {
  const { page, other, context } = await twoTabs();
  await nav(other, '文档管理');
  await other.getByRole('button', { name: `删除：${SEED} · 2024年度` }).click();
  await saved(other);
  // This tab had nothing unsaved: the deletion is respected, and its open document becomes the example.
  await unitIs(page, EXAMPLE);
  await nav(page, '文档管理');
  await page.waitForFunction(() => document.querySelectorAll('.doc-card').length === 1);
  await nav(page, '基本情况');
  await page.getByLabel('单位名称').fill('保存后再载入');
  await saved(page);
  await page.reload();
  await page.waitForSelector('h1');
  await nav(page, '文档管理');
  assert.equal(await cards(page).count(), 1);
  assert.equal(await page.locator('.doc-card', { hasText: SEED }).count(), 0);
  assert.equal((await storedDocuments(page)).length, 1);
  await context.close();
});

test('with storage full, the officer exports and deletes another document, which frees room for the edit', async () => {
  const { page, context } = await twoDocuments();
  // A quota at what is stored now: any growth fails as a full browser storage does; removals always work.
  await page.evaluate(() => {
    const used = () => Object.keys(localStorage).reduce((n, k) => n + k.length + localStorage.getItem(k).length, 0);
    const limit = used() + 200;
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      const before = this.getItem(key);
      if (used() - (before === null ? 0 : key.length + before.length) + key.length + String(value).length > limit) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return setItem.call(this, key, value);
    };
  });
  await nav(page, '工作任务');
  await page.getByRole('textbox', { name: '年度总体工作' }).fill('全年工作情况。'.repeat(800));
  const banner = page.locator('.banner.error', { hasText: '保存失败' });
  await banner.waitFor();
  assert.match(await banner.textContent(), /存储空间已满/);
  assert.equal(await page.locator('.save-status').textContent(), '未保存');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    banner.getByRole('button', { name: `导出并删除“${EXAMPLE} · 2024年度”` }).click(),
  ]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(exported.unit.name, EXAMPLE, 'exported before it is deleted');
  await saved(page);
  assert.equal(await banner.count(), 0);
  assert.equal((await storedDocuments(page)).length, 1, 'the deletion really freed its room');
  await page.reload();
  await page.waitForSelector('h1');
  await nav(page, '工作任务');
  assert.equal((await page.getByRole('textbox', { name: '年度总体工作' }).inputValue()).length, '全年工作情况。'.length * 800);
  await nav(page, '文档管理');
  assert.equal(await cards(page).count(), 1, 'the deleted document does not come back');
  await context.close();
});

for (const appended of ['?nsukey=ZmFrZSBrZXk%3D', '&from=singlemessage&isappinstalled=0']) {
  test(`a share link with ${appended.slice(0, 7)}… appended after the fragment opens`, async () => {
    const { page, context } = await open(browser);
    await page.goto('about:blank');
    await page.goto(BASE_URL + '#share=' + shareCode(example()) + appended);
    await page.locator('.banner', { hasText: '通过分享链接打开的文档' }).waitFor();
    assert.equal(await page.locator('.unit-name').textContent(), EXAMPLE);
    assert.equal(await page.locator('.banner', { hasText: '分享链接无法打开' }).count(), 0);
    await context.close();
  });
}
