// Shared helpers for the end-to-end tests: a headless Debian Chromium driven by playwright-core, with every
// request and console message recorded so a test can fail on a foreign request or a console error.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
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

/// The navigation's button for a section, by the section's whole name: 评分 is not 评分框架, and a button's name
/// may go on with its count (评分14 项待评分), never with another Chinese character.
export function navButton(page, name) {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.locator('nav').getByRole('button', { name: new RegExp(`^${escaped}(?![\\u4e00-\\u9fff])`) });
}

/// Goes to a section as an officer does, and waits until its part of the page is there (a part loads when first
/// opened, src/components/parts.rs: it shows a loading line until then).
export async function nav(page, name) {
  await navButton(page, name).click();
  await page.locator('.part-loading').waitFor({ state: 'detached' });
}

/// Clicks the button named `buttonName` and saves the file it downloads under tests/e2e/screenshots.
export async function downloadBy(page, buttonName) {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30000 }),
    page.getByRole('button', { name: buttonName }).click(),
  ]);
  const file = path.join(SCREENSHOTS, download.suggestedFilename());
  await download.saveAs(file);
  return { file, name: download.suggestedFilename() };
}

export async function screenshot(page, name) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json',
};

/// A static server on 127.0.0.1 (a free port) for the files under `root()` (a function, so the folder can be
/// replaced between requests, as a deploy does). `file(pathname)` maps a request's path to a file path relative to
/// the root (by default `/` is `/index.html`); `headers` are added to every answer. Resolves to the server and its
/// URL; anything outside the root or missing is a 404.
export async function serveFiles(root, { file = (name) => (name.endsWith('/') ? name + 'index.html' : name), headers = {} } = {}) {
  const server = createServer((req, res) => {
    const name = file(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const full = path.join(root(), path.normalize(name));
    let body;
    try {
      if (!full.startsWith(root() + path.sep) || !statSync(full).isFile()) throw new Error('not a file');
      body = readFileSync(full);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(full)] ?? 'application/octet-stream', ...headers }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}
