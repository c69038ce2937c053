// The page as GitHub Pages serves a project site, under /<repo>/: its documents live under keys that carry that
// path, documents an earlier version stored under the keys without it move to them, and an open tab of the earlier
// version that goes on writing the old key does not lose its work. A small server answers /zipin/ with the build's
// index.html and everything else from dist/ (the build's asset URLs are absolute).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, serveFiles } from './helpers.mjs';
import { example } from './hostile-documents.mjs';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');

let browser;
let server;
let page;

before(async () => {
  browser = await launch();
  let url;
  ({ server, url } = await serveFiles(() => DIST, { file: (name) => (name === '/zipin/' ? '/index.html' : name) }));
  page = `${url}zipin/`;
});
after(async () => { await browser?.close(); server?.close(); });

const envelope = (document, savedAt, writer) =>
  JSON.stringify({ format: 'zipin.store', version: 1, title: '', saved_at: savedAt, writer, document });
const keys = (p) => p.evaluate(() => Object.keys(localStorage).sort());

test('under /zipin/ documents move to keys carrying the path, and an earlier tab writing the old key keeps its work', async () => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const setup = await context.newPage();
  await setup.goto(new URL('/not-the-app', page).href); // a page of the origin, to reach its storage
  const doc = example();
  doc.unit.name = '早期版本保存的单位';
  // What an earlier version stored, under the keys without the path.
  await setup.evaluate((value) => {
    localStorage.setItem('zipin.v1.doc.early', value);
    localStorage.setItem('zipin.v1.current', 'early');
  }, envelope(doc, 1, 'earlier-build'));

  const tab = await context.newPage();
  await tab.goto(page);
  await tab.locator('.unit-name', { hasText: '早期版本保存的单位' }).waitFor();
  await tab.locator('.save-status', { hasText: '已保存到本机' }).waitFor();
  assert.deepEqual(
    (await keys(tab)).filter((k) => k.includes('.doc.')),
    ['zipin@/zipin/.v1.doc.early'],
    'moved under the path, the old key removed',
  );

  // A tab of the earlier version, still open, goes on writing the old key.
  doc.unit.name = '旧窗口后来的修改';
  await setup.evaluate((value) => localStorage.setItem('zipin.v1.doc.early', value), envelope(doc, Date.now(), 'earlier-build'));
  await tab.locator('.unit-name', { hasText: '旧窗口后来的修改' }).waitFor();
  await tab.locator('.save-status', { hasText: '已保存到本机' }).waitFor();
  await tab.reload();
  await tab.locator('.unit-name', { hasText: '旧窗口后来的修改' }).waitFor();
  const stored = await tab.evaluate(() => JSON.parse(localStorage.getItem('zipin@/zipin/.v1.doc.early')).document.unit.name);
  assert.equal(stored, '旧窗口后来的修改', 'the later work is stored under the path');
  await context.close();
});
