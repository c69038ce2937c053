// A page being hidden (the tab switched away, the browser closing it) writes what was typed at once, in the same
// turn of the event loop as the `visibilitychange` event, without waiting for the autosave's pause: a page that is
// closed next gets no later turn.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a hidden page writes the last keystroke at once, before the autosave pause', async () => {
  const { page, context, consoleErrors } = await open(browser);
  await page.locator('.save-status', { hasText: '已保存到本机' }).waitFor();
  await page.getByLabel('单位名称').fill('切走前最后输入');
  // Hidden right after the keystroke: well inside the 300 ms pause the autosave would wait for.
  const stored = await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    // What the page did in this turn (its microtasks included), read before any timer could run.
    return new Promise((resolve) => queueMicrotask(() => queueMicrotask(() => setTimeout(() => {
      const id = localStorage.getItem('zipin.v1.current');
      resolve(JSON.parse(localStorage.getItem('zipin.v1.doc.' + id) ?? '{}').document?.unit?.name);
    }, 0))));
  });
  assert.equal(stored, '切走前最后输入');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});
