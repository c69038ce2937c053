// Shared helpers for the end-to-end tests: a headless Debian Chromium driven by playwright-core, with every
// request and console message recorded so a test can fail on a foreign request or a console error.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8123/';
export const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
];

export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
}

/// A fresh context (its own storage) and page, recording requests and console errors.
export async function open(browser, { url = BASE_URL, viewport = { width: 1366, height: 768 }, beforeLoad } = {}) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  const requests = [];
  const consoleErrors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  if (beforeLoad) await beforeLoad(page);
  await page.goto(url);
  await page.waitForSelector('h1');
  return { context, page, requests, consoleErrors };
}

/// Requests to any origin but the page's own (data: and blob: URLs stay inside the page).
export function foreignRequests(requests, base = BASE_URL) {
  const own = new URL(base).origin;
  return requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== own);
}

export async function screenshot(page, name) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
