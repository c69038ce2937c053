// What the officer submits and how colleagues see it: each download is captured and opened as its reader would
// open it; share links travel between browser profiles; the app reloads with the network off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { deflateRawSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, open, foreignRequests, screenshot, downloadBy, SCREENSHOTS, BASE_URL, nav } from './helpers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const total = async (page) => (await page.locator('.summary .total').textContent()).split('/')[0].trim();

async function openExample(page) {
  await nav(page, '文档管理');
  await page.getByRole('button', { name: '打开完整示例（数据为虚构）' }).click();
  await page.locator('.unit-name', { hasText: '示例单位' }).waitFor();
}

/// A part of a zip archive (a .docx is one), read with Python's zipfile.
function zipPart(file, part) {
  return execFileSync('python3', ['-c', 'import sys,zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())', file, part]).toString();
}

test('the .docx holds the report, the 仿宋 East Asian font and the 公文 margins', async () => {
  const { page, context, requests } = await open(browser);
  await nav(page, '报告');
  const { file, name } = await downloadBy(page, '导出 Word 报告（.docx）');
  assert.equal(name, '广东省科技监测中心2024年度整体绩效自评报告.docx');
  const xml = zipPart(file, 'word/document.xml');
  for (const text of ['广东省科技监测中心2024年度整体绩效自评报告', '一、部门基本情况', '采购执行率为93.27%', '附件1']) {
    assert.ok(xml.includes(text), `${text} in document.xml`);
  }
  assert.match(xml, /w:eastAsia="仿宋_GB2312"/);
  assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/);
  assert.match(xml, /w:top="2098"/);
  assert.match(xml, /w:left="1587"/);
  await page.getByText(/已生成“广东省科技监测中心2024年度整体绩效自评报告.docx”/).waitFor();
  assert.deepEqual(foreignRequests(requests), []);
  assert.ok(requests.some((u) => /\/zipin-export-worker-[0-9a-f]{16}_bg\.wasm$/.test(u)), 'the export module loaded on demand');
  await context.close();
});

test('the export module is not part of the first load', async () => {
  const { page, context, requests } = await open(browser);
  await page.waitForLoadState('networkidle');
  assert.ok(!requests.some((u) => u.includes('zipin-export-worker')), requests.join('\n'));
  await context.close();
});

test('the .xlsx reads back (calamine) with the same scores', async () => {
  const { page, context } = await open(browser);
  await openExample(page);
  await nav(page, '报告');
  const { file } = await downloadBy(page, '导出 Excel 自评表（.xlsx）');
  const sheets = JSON.parse(execFileSync(path.join(ROOT, 'target/debug/examples/read_xlsx'), [file]).toString());
  assert.deepEqual(sheets.map(([name]) => name), ['评分表', '绩效目标', '基础数据']);
  const book = Object.fromEntries(sheets);
  const rows = book['评分表'];
  // A title row and the 填报单位 / 填报日期 line, then the column header.
  assert.match(rows[0][0], /^示例单位.*年度部门整体支出绩效自评表$/);
  assert.match(rows[1][0], /^填报单位/);
  const header = rows.findIndex((r) => r[0] === '一级指标');
  assert.equal(header, 2);
  assert.deepEqual(rows[header], ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '自评得分', '扣分原因']);
  const totalRow = rows.find((r) => r[0] === '合计');
  assert.equal(totalRow[5], 90.25);
  assert.equal(String(totalRow[5]), await total(page));
  // Every indicator's score in the workbook is the one the app shows.
  await nav(page, '评分');
  for (const row of rows.slice(header + 1, -1)) {
    const shown = await page.locator('tr', { has: page.getByRole('rowheader', { name: row[2], exact: true }) }).locator('td.score').textContent();
    assert.equal(String(row[5]), shown.replace('人工调整', '').trim(), row[2]);
  }
  assert.equal(book['绩效目标'].length, 10);
  await context.close();
});

test('print to PDF gives A4 pages with the report alone', async () => {
  const { page, context } = await open(browser);
  await nav(page, '报告');
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'print-preview');
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const file = path.join(SCREENSHOTS, 'report.pdf');
  await writeFile(file, pdf);
  const info = execFileSync('pdfinfo', [file]).toString();
  assert.match(info, /Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)/);
  const pages = Number(info.match(/Pages:\s+(\d+)/)[1]);
  assert.ok(pages >= 5, `${pages} pages`);
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString().replace(/\s+/g, '');
  for (const expected of ['整体绩效自评报告', '一、部门基本情况', '采购执行率为93.27%', '三、其他自评情况']) {
    assert.ok(text.includes(expected), `${expected} in the PDF`);
  }
  for (const chrome of ['文档管理', '导出Word报告', '已评分指标', '跳到正文']) {
    assert.ok(!text.includes(chrome), `${chrome} must not be printed`);
  }
  await context.close();
});

test('a JSON export imports back identical', async () => {
  const { page, context } = await open(browser);
  await openExample(page);
  await nav(page, '报告');
  const first = await downloadBy(page, '导出数据文件（.json）');
  await nav(page, '文档管理');
  const before = await page.locator('.doc-card').count();
  await page.getByLabel('选择 .json 数据文件').setInputFiles(first.file);
  const preview = page.locator('.banner', { hasText: '待导入' });
  await preview.waitFor();
  assert.match(await preview.textContent(), /示例单位（数据为虚构） · 2024年度 · .* · 90\.25 分，优秀/);
  assert.equal(await page.locator('.doc-card').count(), before, 'nothing saved before the officer decides');
  await preview.getByRole('button', { name: '保存为新文档' }).click();
  assert.equal(await page.locator('.doc-card').count(), before + 1);
  await nav(page, '报告');
  const second = await downloadBy(page, '导出数据文件（.json）');
  assert.equal(await readFile(second.file, 'utf8'), await readFile(first.file, 'utf8'));

  // A file that is not a document gets a message and changes nothing.
  const bad = path.join(SCREENSHOTS, 'not-a-document.json');
  await writeFile(bad, '{"format":"something else"}');
  await nav(page, '文档管理');
  await page.getByLabel('选择 .json 数据文件').setInputFiles(bad);
  await page.getByText('未导入：这不是绩效自评文档').waitFor();
  assert.equal(await page.locator('.doc-card').count(), before + 1);
  await context.close();
});

test('a share link opens in a fresh profile with the same total and grade; bad links change nothing', async () => {
  const a = await open(browser);
  await openExample(a.page);
  await nav(a.page, '报告');
  await a.page.getByRole('button', { name: '生成分享链接' }).click();
  const link = await a.page.getByLabel('分享链接').inputValue();
  assert.ok(link.startsWith(BASE_URL + '#share=z1.'), link.slice(0, 60));
  assert.match(await a.page.locator('.card', { hasText: '分享链接' }).textContent(), /不会发送到任何服务器/);
  await a.context.close();

  // A fresh profile: its own seed document, then the link (WeChat adds a query string; it is ignored).
  const b = await open(browser);
  await b.page.locator('.save-status', { hasText: '已保存到本机' }).waitFor();
  const withQuery = link.replace('#share=', '?nsukey=abc123#share=');
  await b.page.goto(withQuery);
  await b.page.locator('.banner', { hasText: '通过分享链接打开的文档' }).waitFor();
  assert.equal(await total(b.page), '90.25');
  assert.equal(await b.page.locator('.summary .grade').textContent(), '优秀');
  assert.equal(await b.page.locator('.unit-name').textContent(), '示例单位（数据为虚构）');
  // The local document is untouched and the preview is not stored.
  assert.equal(await b.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('zipin.v1.doc.')).length), 1);
  await b.page.getByRole('button', { name: '保存为新文档' }).click();
  await b.page.locator('.save-status', { hasText: '已保存到本机' }).waitFor();
  assert.equal(await b.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('zipin.v1.doc.')).length), 2);
  assert.ok(!b.page.url().includes('#share='), 'the fragment is dropped once saved');

  const code = link.split('#share=')[1];
  const bomb = 'z1.' + deflateRawSync(Buffer.alloc(3 * 1024 * 1024, ' ')).toString('base64url');
  const mid = Math.floor(code.length / 2);
  const tampered = code.slice(0, mid) + (code[mid] === 'A' ? 'B' : 'A') + code.slice(mid + 1);
  for (const [what, bad] of [['tampered', tampered], ['truncated', code.slice(0, mid)], ['oversized', bomb]]) {
    await b.page.goto('about:blank');
    await b.page.goto(BASE_URL + '#share=' + bad);
    await b.page.locator('.banner', { hasText: '分享链接无法打开' }).waitFor();
    assert.notEqual(await b.page.locator('.unit-name').textContent(), '', what);
    assert.equal(await b.page.locator('.banner', { hasText: '通过分享链接打开的文档' }).count(), 0, what);
    assert.equal(await b.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('zipin.v1.doc.')).length), 2, what);
  }
  await screenshot(b.page, 'share-link-refused');
  await b.context.close();
});

test('with the network blocked after the first visit, a reload still works and exports still work', async () => {
  const { page, context } = await open(browser);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10000 }).catch(async () => {
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  });
  // The export module was precached with the rest of the build at install: no export online first.
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('h1');
  assert.equal(await page.locator('.unit-name').textContent(), '广东省科技监测中心');
  await nav(page, '报告');
  const { file } = await downloadBy(page, '导出 Excel 自评表（.xlsx）');
  assert.ok((await readFile(file)).length > 1000);
  await screenshot(page, 'offline-reload');
  await context.setOffline(false);
  await context.close();
});

test('inside WeChat the export panel says to open the page in the system browser', async () => {
  const context = await browser.newContext({
    viewport: { width: 414, height: 896 },
    userAgent: 'Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.47',
  });
  const page = await context.newPage();
  await page.goto(BASE_URL);
  await page.waitForSelector('h1');
  await nav(page, '报告');
  await page.getByText('请点右上角“…”，选择“在浏览器中打开”后再导出').waitFor();
  await screenshot(page, 'wechat-warning');
  await context.close();
});

test('the single-file offline page opens every section from file:// and exports, with no network at all', async () => {
  const { page: hosted, context: hostedContext } = await open(browser);
  await nav(hosted, '报告');
  const link = hosted.getByRole('link', { name: '下载离线版（单个网页文件）' });
  assert.equal(await link.getAttribute('href'), 'zipin-offline.html');
  await hostedContext.close();

  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 768 } });
  await context.setOffline(true);
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto('file://' + path.join(ROOT, 'dist/zipin-offline.html'));
  await page.locator('.unit-name', { hasText: '广东省科技监测中心' }).waitFor();
  // Every section, the parts loaded when first opened (inside the file) among them: each shows its own screen.
  const sections = [['基本情况', '单位名称'], ['工作任务', '承担的工作任务内容'], ['绩效目标', '绩效目标完成情况'],
    ['支出与管理', '支出构成（按性质）'], ['项目支出', '项目支出绩效自评'], ['评分', '评分框架：'], ['校验', '发现 1 个问题'], ['文档管理', '本机保存的文档'],
    ['评分框架', '框架库'], ['汇总', '打开各单位的自评数据'], ['报告', '导出 Word 报告']];
  for (const [section, text] of sections) {
    await nav(page, section);
    assert.equal(await page.locator('#section-title').textContent(), section);
    assert.equal(await page.locator('.part-failed').count(), 0, `${section} loaded`);
    assert.ok((await page.locator('main').innerText()).includes(text), `${section} shows ${text}`);
  }
  const { file } = await downloadBy(page, '导出 Word 报告（.docx）');
  assert.ok(zipPart(file, 'word/document.xml').includes('采购执行率为93.27%'));
  assert.deepEqual(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('blob:') && !u.startsWith('data:')), []);
  assert.deepEqual(errors, []);
  await screenshot(page, 'offline-single-file');
  await context.close();
});
