// 项目支出绩效自评 as a new user meets it, by labels: a project added and filled, each row scored with its equation,
// the total and the grade; five projects pasted from Excel; the list marked complete and the sum checked against
// 项目支出; a share link carrying the projects to a fresh profile; a hostile link beyond the caps refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, open, nav, downloadBy, SCREENSHOTS, BASE_URL } from './helpers.mjs';
import { example, shareCode } from './hostile-documents.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const saved = (page) => page.locator('.save-status', { hasText: '已保存到本机' }).waitFor();
const stored = (page) => page.evaluate(() => Object.fromEntries(Object.keys(localStorage)
  .filter((k) => k.startsWith('zipin.')).sort().map((k) => [k, localStorage.getItem(k)])));

/// Types into a field and leaves it, as an officer does.
async function type(locator, text) {
  await locator.fill(text);
  await locator.blur();
}

/// The sheets of an .xlsx as [name, rows], read back with calamine (crates/export/examples/read_xlsx).
const readXlsx = (file) => JSON.parse(execFileSync(path.join(ROOT, 'target/debug/examples/read_xlsx'), [file]).toString());

/// Fills row `n` (1-based) of the open project's indicator table.
async function fillRow(page, n, { level1, name, operator, target, actual, weight, reason, grade, share }) {
  const cell = (column) => page.getByRole('textbox', { name: `${column} ${n}`, exact: true });
  await type(cell('一级指标'), level1);
  await type(cell('三级指标'), name);
  await page.getByRole('combobox', { name: `指标性质 ${n}`, exact: true }).selectOption(operator);
  await type(cell('指标值'), target);
  if (actual !== undefined) await type(cell('实际完成值'), actual);
  await type(cell('分值'), weight);
  if (reason) await type(cell('偏差原因分析及改进措施'), reason);
  if (grade) {
    await page.getByRole('combobox', { name: `定性档次 / 得分比例 ${n}`, exact: true }).selectOption(grade);
    await type(page.getByRole('textbox', { name: `定性档次 / 得分比例 ${n}`, exact: true }), share);
  }
}

test('a project entered by labels is scored row by row with its equations, and five more are pasted from Excel', async () => {
  const { page, context, consoleErrors } = await open(browser);
  await nav(page, '项目支出');
  await page.getByRole('button', { name: '新增项目' }).click();
  await type(page.getByLabel('项目名称', { exact: true }), '监测设备更新');
  await type(page.getByRole('textbox', { name: '年度资金总额 年初预算数' }), '100');
  await type(page.getByRole('textbox', { name: '年度资金总额 全年预算数' }), '120');
  await type(page.getByRole('textbox', { name: '年度资金总额 全年执行数' }), '110.4');
  await page.getByText('预算执行率：110.4 ÷ 120 = 92.00%；10 × 92.00% = 9.2（10 分）').waitFor();

  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: '添加一行指标' }).click();
  await fillRow(page, 1, { level1: '产出', name: '更新设备台数', operator: '≥', target: '100', actual: '95', weight: '30', reason: '一台延期到货' });
  await fillRow(page, 2, { level1: '产出', name: '单台成本', operator: '≤', target: '20', actual: '25', weight: '20', reason: '进口部件涨价' });
  await fillRow(page, 3, { level1: '效益', name: '设备完好率明显提升', operator: '定性', target: '明显提升', weight: '30', grade: '部分达成', share: '70' });
  await fillRow(page, 4, { level1: '满意度', name: '使用单位满意度', operator: '≥', target: '90', actual: '96', weight: '10' });

  const score = page.locator('.project-score');
  await score.getByText('总分 84.7').waitFor();
  const explained = await score.innerText();
  assert.match(explained, /等次：良/);
  assert.match(explained, /总分：9\.2 \+ 28\.5 \+ 16 \+ 21 \+ 10 = 84\.7 分/);
  assert.match(explained, /更新设备台数（分值 30）：.*30 × 95% = 28\.5/);
  assert.match(explained, /单台成本（分值 20）：.*20 × 80% = 16/);
  assert.match(explained, /设备完好率明显提升（分值 30）：.*30 × 70% = 21/);
  assert.match(explained, /产出指标（50 分）：44\.5/);
  const listed = page.locator('.projects-table tbody tr', { hasText: '监测设备更新' });
  assert.deepEqual((await listed.locator('td').allInnerTexts()).slice(0, 4), ['120', '110.4', '92.00%', '84.7']);

  const pasted = ['项目名称\t年初预算数\t全年预算数\t全年执行数',
    '监测网络运行维护\t400\t420\t412.3', '监测技术培训\t60\t60\t56.6', '数据平台升级\t1,200\t1,200\t1,150.5',
    '科普宣传\t30\t30\t28', '标准制定\t50\t50\t49.8'].join('\n');
  await type(page.getByLabel(/^从 Excel 粘贴项目清单/), pasted);
  await page.getByRole('button', { name: '添加粘贴的项目' }).click();
  await page.getByText('已添加 5 个项目').waitFor();
  await page.getByRole('heading', { name: '项目支出绩效自评（6 个项目）' }).waitFor();
  // A list that would pass the cap (6 + 195 > 200) is refused as a whole, said so, and the pasted text stays.
  const tooMany = Array.from({ length: 195 }, (_, i) => `项目${i}\t1\t1\t1`).join('\n');
  await type(page.getByLabel(/^从 Excel 粘贴项目清单/), tooMany);
  await page.getByRole('button', { name: '添加粘贴的项目' }).click();
  await page.getByText(/^未添加任何项目：.*超过上限 200 个/).waitFor();
  assert.equal(await page.getByLabel(/^从 Excel 粘贴项目清单/).inputValue(), tooMany);
  await page.getByRole('heading', { name: '项目支出绩效自评（6 个项目）' }).waitFor();
  await type(page.getByLabel(/^从 Excel 粘贴项目清单/), '');

  // The list marked complete: the projects' 全年执行数 against the seed's 项目支出 3292.91.
  await page.getByLabel(/^项目清单已完整/).check();
  await nav(page, '校验');
  const sum = page.locator('li.check', { hasText: '各项目全年执行数之和与项目支出不符' });
  await sum.waitFor();
  assert.match(await sum.innerText(), /110\.4 \+ 412\.3 \+ 56\.6 \+ 1150\.5 \+ 28 \+ 49\.8 = 1807\.6，但项目支出为 3292\.91，相差 1485\.31/);

  // An override: the 满意度 row met in full, the officer sets 8 of 10 with the reason; the total follows.
  await nav(page, '项目支出');
  await page.locator('summary', { hasText: '人工调整得分' }).click();
  await type(page.getByLabel('使用单位满意度人工得分'), '8');
  await type(page.getByLabel('使用单位满意度调整理由'), '投诉处理不及时');
  await score.getByText('总分 82.7').waitFor();
  assert.match(await score.innerText(), /人工调整为 8 分（投诉处理不及时）/);

  // The .xlsx of every project read back: each project's 总分 is the page's.
  const listedTotals = Object.fromEntries(await page.locator('.projects-table tbody tr').evaluateAll((rows) =>
    rows.map((r) => [r.querySelector('th').innerText, r.querySelectorAll('td')[3].innerText])));
  const { file, name } = await downloadBy(page, '导出全部项目自评表（.xlsx）');
  assert.match(name, /项目支出绩效自评表\.xlsx$/);
  const sheets = readXlsx(file);
  assert.equal(sheets.length, 7, 'the overview and a sheet per project');
  const [overviewName, overview] = sheets[0];
  assert.equal(overviewName, '项目总览');
  for (const [projectName, shown] of Object.entries(listedTotals)) {
    const row = overview.find((r) => r[1] === projectName);
    assert.ok(row, `${projectName} in the overview`);
    assert.equal(row[6] == null || row[6] === '' ? '—' : String(row[6]), shown, `${projectName}: the workbook's 总分 is the page's`);
  }
  const [, form] = sheets.find(([n]) => n.startsWith('1.'));
  assert.equal(form.find((r) => r[0] === '总分')[8], 82.7);
  assert.match(form.flat().join(' '), /人工调整得分（按公式 10 分）：投诉处理不及时/);

  // One project on its own, as Word.
  const one = await downloadBy(page, '导出本项目（.docx）');
  assert.match(one.name, /监测设备更新项目支出绩效自评表\.docx$/);
  // Another project on its own, as Excel: it keeps its number.
  const second = Object.keys(listedTotals)[1];
  await page.getByRole('button', { name: `打开项目“${second}”` }).click();
  await page.getByRole('heading', { name: `项目“${second}”自评表` }).waitFor();
  const alone = readXlsx((await downloadBy(page, '导出本项目（.xlsx）')).file);
  assert.deepEqual(alone.map(([n]) => n), ['项目总览', `2.${second}`.slice(0, 31)]);
  assert.equal(alone[0][1][2][0], 2, 'its 序号 in the overview');
  await saved(page);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a share link carries the projects to a fresh profile; a hostile link beyond the caps is refused and nothing stored changes', async () => {
  const a = await open(browser);
  await nav(a.page, '文档管理');
  await a.page.getByRole('button', { name: '打开完整示例（数据为虚构）' }).click();
  await nav(a.page, '报告');
  await a.page.getByRole('button', { name: '生成分享链接' }).click();
  const link = await a.page.getByLabel('分享链接').inputValue();
  await a.context.close();

  const b = await open(browser);
  await saved(b.page);
  const before = await stored(b.page);
  await b.page.goto(link);
  await b.page.locator('.banner', { hasText: '通过分享链接打开的文档' }).waitFor();
  await nav(b.page, '项目支出');
  await b.page.getByRole('heading', { name: '项目支出绩效自评（3 个项目）' }).waitFor();
  const names = await b.page.locator('.projects-table tbody th').allInnerTexts();
  assert.deepEqual(names, ['监测网络运行维护（虚构）', '监测设备更新（虚构）', '监测技术培训（虚构）']);

  const hostile = example();
  hostile.projects = Array.from({ length: 201 }, () => structuredClone(hostile.projects[0]));
  await b.page.goto('about:blank');
  await b.page.goto(BASE_URL + '#share=' + shareCode(hostile));
  const refused = b.page.locator('.banner.error', { hasText: '分享链接无法打开' });
  await refused.waitFor();
  assert.match(await refused.innerText(), /共 201 个项目，超过上限 200 个/);
  await b.page.waitForTimeout(800);
  assert.deepEqual(await stored(b.page), before, 'nothing stored changed');
  await b.context.close();
});

test('the 一级 weights are adjusted together and applied, and reset; one project or all are printed', async () => {
  const { page, context, consoleErrors } = await open(browser);
  await nav(page, '文档管理');
  await page.getByRole('button', { name: '打开完整示例（数据为虚构）' }).click();
  await nav(page, '项目支出');
  const first = page.locator('.projects-table tbody tr').first();
  await first.locator('td').nth(3).getByText('99.82').waitFor();

  await page.locator('summary', { hasText: '评分表式' }).click();
  await type(page.getByLabel('预算执行率分值'), '20');
  const sum = page.locator('.scheme-weights [role=status]');
  await sum.getByText('分值合计 110，应为 100').waitFor();
  assert.equal(await page.getByRole('button', { name: '应用分值' }).isDisabled(), true);
  await type(page.getByLabel('产出指标分值'), '40');
  await sum.getByText('分值合计 100').waitFor();
  await page.getByRole('button', { name: '应用分值' }).click();
  await page.locator('summary', { hasText: '（已调整分值）' }).waitFor();
  // 执行率 98.17% of 20 = 19.63; the 产出 rows still carry 60 under a 一级 of 40: the check says so.
  await page.locator('p.explain', { hasText: '（20 分）' }).waitFor();
  await nav(page, '校验');
  await page.locator('li.check', { hasText: '一级指标下各行分值之和不等于其分值' }).first().waitFor();
  await nav(page, '项目支出');
  await page.locator('summary', { hasText: '评分表式' }).click();
  await page.getByRole('button', { name: '恢复默认表式' }).click();
  await first.locator('td').nth(3).getByText('99.82').waitFor();

  // Printing: the open project's form alone, or every project's, laid out as the .xlsx and .docx are.
  await page.evaluate(() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; });
  await page.getByRole('button', { name: '打印本项目' }).click();
  await page.waitForFunction(() => window.printed === 1);
  assert.equal(await page.locator('.print-only .project-print').count(), 1);
  await page.getByRole('button', { name: '打印全部项目' }).click();
  await page.waitForFunction(() => window.printed === 2);
  assert.equal(await page.locator('.print-only .project-print').count(), 3);
  await page.emulateMedia({ media: 'print' });
  const printed = await page.locator('.print-only').innerText();
  for (const name of ['监测网络运行维护（虚构）', '监测设备更新（虚构）', '监测技术培训（虚构）']) assert.ok(printed.includes(name), name);
  assert.match(printed, /总分\s+100\s+99\.82\s+自评等次：优/);
  assert.equal(await page.locator('.projects-table').isVisible(), false, 'the screen list is not printed');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'projects-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(consoleErrors, []);
  await context.close();
});
