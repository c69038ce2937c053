// The first visit: a newcomer sees at once that the data shown is a sample, and one click (after typing the unit's
// name and year, found by their labels) starts their own unit's document; a second visit opens it again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, screenshot } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a new profile: the sample is said to be one, and one click starts a blank document of the officer\'s unit', async () => {
  const { page, context, consoleErrors } = await open(browser);
  const welcome = page.getByRole('region', { name: '这是示例数据' });
  await welcome.waitFor();
  assert.match(await welcome.textContent(), /示例单位“广东省科技监测中心”2024年度/);
  await screenshot(page, 'welcome-first-visit');
  await welcome.getByLabel('填报单位').fill('广东省某某研究所');
  await welcome.getByLabel('填报年度').fill('2025');
  await welcome.getByRole('button', { name: '开始填报本单位' }).click();
  await page.locator('.unit-name', { hasText: '广东省某某研究所' }).waitFor();
  assert.equal(await page.locator('.unit-year').textContent(), '2025年度');
  assert.equal(await welcome.count(), 0, 'the welcome is gone once the officer works on their own document');
  assert.equal(await page.locator('#section-title').textContent(), '基本情况');
  await page.locator('.save-status', { hasText: '已保存到本机' }).waitFor();

  // The second visit opens the last document worked on, without the welcome.
  await page.reload();
  await page.locator('.unit-name', { hasText: '广东省某某研究所' }).waitFor();
  assert.equal(await page.getByRole('region', { name: '这是示例数据' }).count(), 0);
  // Going back to the sample greets again, now offering the officer's document as last year's.
  await page.locator('nav').getByRole('button', { name: '文档管理' }).click();
  await page.getByRole('button', { name: '打开广东省科技监测中心样例' }).click();
  await page.locator('nav').getByRole('button', { name: '基本情况' }).click();
  const again = page.getByRole('region', { name: '这是示例数据' });
  await again.waitFor();
  await again.getByLabel('以上一年度文档为基础（可选）').selectOption({ label: '广东省某某研究所 · 2025年度' });
  await again.getByRole('button', { name: '开始填报本单位' }).click();
  await page.locator('.unit-year', { hasText: '2026年度' }).waitFor();
  assert.equal(await page.locator('.unit-name').textContent(), '广东省某某研究所');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('the welcome imports a document file too, and can be closed', async () => {
  const { page, context } = await open(browser);
  const welcome = page.getByRole('region', { name: '这是示例数据' });
  await welcome.getByRole('button', { name: '先看看示例' }).click();
  assert.equal(await welcome.count(), 0);
  await page.reload();
  await page.getByRole('region', { name: '这是示例数据' }).getByLabel(/选择 \.json 数据文件/).waitFor();
  await context.close();
});
