// A part of the page (a section loaded when first opened, src/components/parts.rs) that cannot be fetched: the
// officer is told so in Chinese with a retry, the rest of the page keeps working and nothing stored changes; once
// the file can be fetched again, 重试 opens the part.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, nav, navButton, BASE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const storedItems = (page) => page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));

test('a part that cannot be fetched says so with a retry; the page goes on and nothing stored changes', async () => {
  // No service worker: every file of the page comes from the network, where this test can refuse it.
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  let refuse = true;
  const asked = [];
  await page.route(/zipin-part-[0-9a-z_]+-[0-9a-f]{16}\.wasm$/, (route) => {
    asked.push(route.request().url());
    return refuse ? route.abort('internetdisconnected') : route.continue();
  });
  await page.goto(BASE_URL);
  await page.locator('.summary .total').waitFor();
  // Saved before the part is asked for, so what is stored can be compared.
  await page.locator('.save-status', { hasText: '已保存到本机' }).waitFor();
  const before = await storedItems(page);

  await navButton(page, '评分框架').click();
  const failed = page.locator('.part-failed');
  await failed.waitFor();
  assert.equal(await failed.getAttribute('role'), 'alert');
  assert.match(await failed.innerText(), /「评分框架」未能载入.*已录入和保存的数据不受影响/s);
  assert.ok(asked.some((u) => u.includes('zipin-part-split_frameworks-')), asked.join(', '));
  assert.equal(await page.locator('#section-title').textContent(), '评分框架');

  // The rest of the page works: another section, an edit and its total.
  await nav(page, '基本情况');
  const staff = page.getByLabel('在职在岗人数');
  await staff.fill('54');
  await staff.blur();
  assert.equal(await staff.inputValue(), '54');
  await page.locator('.save-status', { hasText: '已保存到本机' }).waitFor();
  const after = await storedItems(page);
  assert.deepEqual(Object.keys(after).sort(), Object.keys(before).sort(), 'no item of storage came or went');
  for (const [key, value] of Object.entries(before)) {
    if (!key.includes('.doc.')) assert.equal(after[key], value, `${key} is unchanged`);
  }

  // Still refused: 重试 says so again, never a blank section.
  await nav(page, '评分框架');
  await page.getByRole('button', { name: '重试' }).click();
  await failed.waitFor();
  // Reachable again: 重试 opens the part.
  refuse = false;
  await page.getByRole('button', { name: '重试' }).click();
  await page.getByRole('heading', { name: '框架库' }).waitFor();
  assert.equal(await failed.count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
