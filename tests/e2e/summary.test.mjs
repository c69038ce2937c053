// 汇总: a 主管部门 officer opens 30 units' files at once (two scored with another framework), sorts by total,
// filters by grade, sees the two flagged, opens one unit and comes back, and downloads the 汇总表, read back with
// calamine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, open, nav, screenshot } from './helpers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const example = (name) => path.join(ROOT, 'target/debug/examples', name);

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// 30 unit files from the example with varied figures; units 6 and 18 move 5 points from 履职效益 to 履职产出.
function unitFiles() {
  const dir = mkdtempSync(path.join(tmpdir(), 'zipin-batch-'));
  execFileSync(example('write_batch'), [dir, '30']);
  for (const i of [5, 17]) {
    const file = path.join(dir, `unit-${String(i).padStart(4, '0')}.json`);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const [output, outcome] = doc.framework.level1[0].level2[0].indicators;
    output.weight = String(Number(output.weight) + 5);
    outcome.weight = String(Number(outcome.weight) - 5);
    writeFileSync(file, JSON.stringify(doc));
  }
  return readdirSync(dir).sort().map((f) => path.join(dir, f));
}

async function columnTexts(page, header) {
  const headers = await page.locator('table.batch thead th').allTextContents();
  const at = headers.findIndex((h) => h.replace(/[▲▼]/g, '').trim() === header);
  assert.notEqual(at, -1, headers.join(' | '));
  return page.locator('table.batch tbody tr').evaluateAll((rows, i) => rows.map((r) => r.children[i].textContent.trim()), at);
}

test('30 units: sorted by total, filtered by grade, two flagged, one opened and back, the 汇总表 downloaded', async () => {
  const files = unitFiles();
  const { page, context, consoleErrors } = await open(browser);
  await nav(page, '汇总');
  await page.getByLabel(/选择各单位的数据文件/).setInputFiles(files);
  await page.getByRole('heading', { name: '汇总表（30 个单位）' }).waitFor();

  // The two with another framework are flagged, and only they.
  const flagged = await page.locator('table.batch tbody tr.flagged th').allTextContents();
  assert.deepEqual(flagged.sort(), ['unit-0005.json', 'unit-0017.json']);
  assert.match(await page.locator('tr.flagged').first().textContent(), /与多数单位的框架不同/);

  // Sorted by total, from high to low, then low to high; announced.
  await page.locator('table.batch thead').getByRole('button', { name: '总分', exact: true }).click();
  assert.equal(await page.locator('table.batch thead th', { hasText: '总分' }).first().getAttribute('aria-sort'), 'descending');
  await page.getByText('已按“总分”从高到低排列').waitFor();
  const down = (await columnTexts(page, '总分')).map(Number);
  assert.equal(down.length, 30);
  assert.deepEqual(down, [...down].sort((a, b) => b - a));
  await page.locator('table.batch thead').getByRole('button', { name: '总分', exact: true }).click();
  const up = (await columnTexts(page, '总分')).map(Number);
  assert.deepEqual(up, [...up].sort((a, b) => a - b));
  await screenshot(page, 'summary-table');

  // Filtered by a grade: exactly as many rows as the option says, each of that grade.
  const options = await page.getByLabel('按等次筛选').locator('option').allTextContents();
  const option = options.find((o) => /（\d+）$/.test(o));
  const [, label, count] = option.match(/^(.*)（(\d+)）$/);
  await page.getByLabel('按等次筛选').selectOption({ label: option });
  const grades = await columnTexts(page, '等次');
  assert.equal(grades.length, Number(count));
  assert.ok(grades.every((g) => g.startsWith(label)), grades.join(','));
  await page.getByLabel('按等次筛选').selectOption({ label: '全部等次' });

  // One unit opened read-only, and back to the same table.
  await page.getByRole('button', { name: '打开“unit-0003.json”' }).click();
  await page.getByText('这是汇总中的一个单位，只读查看').waitFor();
  assert.equal(await page.locator('#section-title').textContent(), '评分');
  assert.equal(await page.locator('.unit-name').textContent(), '示例第4中心（数据为虚构）');
  await page.getByRole('button', { name: '返回汇总表' }).click();
  await page.getByRole('heading', { name: '汇总表（30 个单位）' }).waitFor();
  assert.equal(await page.locator('.unit-name').textContent(), '广东省科技监测中心');

  // One indicator across units: the average equation as printed holds.
  await page.getByLabel('指标', { exact: true }).selectOption({ label: '预算执行率' });
  const line = await page.locator('section', { has: page.getByRole('heading', { name: '单个指标的各单位情况' }) }).locator('p').first().textContent();
  const [, sum, n, average] = line.match(/平均 = ([\d.]+) ÷ (\d+) = ([\d.]+)/);
  assert.equal((Math.round((Number(sum) / Number(n)) * 100) / 100).toFixed(2).replace(/\.?0+$/, ''), average.replace(/\.?0+$/, ''));

  // The 汇总表: every unit's total, as the table shows it.
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByRole('button', { name: '导出汇总表（.xlsx）' }).click(),
  ]);
  const sheets = Object.fromEntries(JSON.parse(execFileSync(example('read_xlsx'), [await download.path()]).toString()));
  const rows = sheets['汇总'];
  const totalAt = rows[0].findIndex((h) => String(h).startsWith('总分'));
  const sourceAt = rows[0].findIndex((h) => h === '来源');
  assert.equal(rows.length - 1, 30);
  const sources = await columnTexts(page, '来源');
  const totals = await columnTexts(page, '总分');
  const shown = Object.fromEntries(sources.map((s, i) => [s, Number(totals[i])]));
  for (const row of rows.slice(1)) assert.equal(row[totalAt], shown[row[sourceAt]], row[sourceAt]);

  // The projects: each unit's count as the table shows it, and every project in the sheet 项目清单.
  const counts = (await columnTexts(page, '项目数')).map(Number);
  assert.equal(counts.length, 30);
  assert.ok(counts.every((c) => c > 0), counts.join(','));
  const coverage = await columnTexts(page, '项目覆盖率');
  assert.ok(coverage.every((c) => /^\d+\.\d{2}%(（.+）)?$/.test(c)), coverage.join(','));
  assert.ok(coverage.some((c) => c.includes('超过项目支出，请核对')), coverage.join(','));
  const listed = sheets['项目清单'];
  assert.equal(listed.length - 1, counts.reduce((a, b) => a + b, 0));
  assert.deepEqual(listed[0].slice(0, 4), ['来源', '单位', '序号', '项目名称']);

  // Nothing was stored; kept on request, the batch survives a reload; cleared, it is gone.
  assert.equal(await page.evaluate(() => Object.keys(localStorage).some((k) => k.includes('.v1.batch'))), false);
  await page.getByLabel('在本浏览器中保留此汇总（刷新后仍在）').check();
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.includes('.v1.batch')));
  await page.reload();
  await nav(page, '汇总');
  await page.getByRole('heading', { name: '汇总表（30 个单位）' }).waitFor();
  assert.equal((await page.locator('table.batch tbody tr.flagged').count()), 2);
  await page.getByRole('button', { name: '清空汇总' }).click();
  await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.includes('.v1.batch')));
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('ten pasted share links all come in; a kept batch that cannot be read is said so and left as it is', async () => {
  const { deflateRawSync } = await import('node:zlib');
  const files = unitFiles().slice(0, 10);
  const links = files.map((f) => `http://x/#share=z1.${deflateRawSync(Buffer.from(JSON.stringify(JSON.parse(readFileSync(f, 'utf8'))))).toString('base64url')}`);
  const { page, context, consoleErrors } = await open(browser);
  await nav(page, '汇总');
  await page.getByLabel('或粘贴分享链接（每行一个）').fill(links.join('\n'));
  await page.getByRole('button', { name: '加入链接中的单位' }).click();
  await page.getByRole('heading', { name: '汇总表（10 个单位）' }).waitFor();
  assert.equal(await page.getByText(/未能打开/).count(), 0);

  const newer = JSON.stringify({ format: 'zipin.batch', version: 2, units: [] });
  await page.evaluate((v) => localStorage.setItem('zipin.v1.batch', v), newer);
  await page.reload();
  await nav(page, '汇总');
  await page.getByText(/无法读取保留的汇总/).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('zipin.v1.batch')), newer);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});
