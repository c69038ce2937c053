// The shell: the page loads from the release build, shows the title and the sample unit, logs no error and
// requests nothing from any other origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, foreignRequests, screenshot, BASE_URL, navButton } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the page loads with the title and the sample unit, offline-clean', async () => {
  const { page, requests, consoleErrors, context } = await open(browser);
  assert.equal(await page.title(), '部门整体支出绩效自评');
  assert.equal(await page.locator('h1').textContent(), '部门整体支出绩效自评');
  await page.getByText('广东省科技监测中心', { exact: true }).first().waitFor();
  assert.match(await page.locator('.unit').textContent(), /2024年度/);
  await page.waitForLoadState('networkidle');
  await screenshot(page, 'shell');
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(foreignRequests(requests), []);
  assert.ok(requests.some((u) => u.endsWith('.wasm')), 'the wasm was loaded from the page origin');
  await context.close();
});

test('the page shows its frame and a loading line before the wasm arrives, and the app replaces it', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  // Hold the app's wasm, as a slow line does, until the frame has been seen.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/zipin-web-.*_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(BASE_URL, { waitUntil: 'domcontentloaded' });
  const loading = page.getByRole('status').filter({ hasText: '正在载入' });
  await loading.waitFor();
  assert.equal(await page.locator('#zipin-shell .title').textContent(), '部门整体支出绩效自评');
  assert.ok(await page.locator('#zipin-shell .nav').isVisible(), 'the frame is styled, not bare text');
  await screenshot(page, 'shell-loading');
  release();
  await page.locator('h1').waitFor();
  assert.equal(await page.locator('#zipin-shell').count(), 0, 'the app replaced the frame');
  assert.equal(await page.locator('nav').count(), 1);
  await context.close();
});

test('the Content-Security-Policy allows only the own origin', async () => {
  const { page, context, consoleErrors } = await open(browser);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.doesNotMatch(csp, /unsafe-inline|https?:|\*/);
  // An inline script without the hash is refused: the policy is really in force.
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true;';
    document.body.appendChild(s);
    return window.__injected === true;
  });
  assert.equal(ran, false);
  assert.ok(consoleErrors.some((e) => e.includes('Content Security Policy')), 'the refusal is reported');
  await context.close();
});

test('navigation by keyboard reaches every section', async () => {
  const { page, context } = await open(browser);
  for (const label of ['基本情况', '工作任务', '绩效目标', '支出与管理', '评分', '校验', '报告', '文档管理', '评分框架']) {
    await navButton(page, label).focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#section-title').textContent(), label);
  }
  await context.close();
});

test('served under the base URL', async () => {
  const res = await fetch(BASE_URL);
  assert.equal(res.status, 200);
  assert.match(await res.text(), /<html lang="zh-CN">/);
});
