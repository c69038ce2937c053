// The officer's app, driven as a new user would: fields are found by their labels, buttons by their names.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { launch, open, foreignRequests, screenshot, SCREENSHOTS, nav } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const total = async (page) => (await page.locator('.summary .total').textContent()).split('/')[0].trim();
// Waits for the total to read `expected` (rendering is asynchronous; a busy machine renders late).
const totalIs = async (page, expected) => {
  await page.waitForFunction((e) => document.querySelector('.summary .total')?.textContent.split('/')[0].trim() === e, expected, { timeout: 5000 })
    .catch(async () => assert.equal(await total(page), expected));
};
const gradeIs = (page, expected) => page.locator('.summary .grade', { hasText: expected }).waitFor();
const saved = (page) => page.locator('.save-status', { hasText: '已保存到本机' }).waitFor();

test('first visit: the seed sample with 采购执行率 93.27% and the 39 ≠ 40 warning', async () => {
  const { page, context, consoleErrors, requests } = await open(browser);
  assert.equal(await page.locator('.unit-name').textContent(), '广东省科技监测中心');
  await nav(page, '支出与管理');
  await page.getByText('政府采购执行率：1920.03 ÷ 2058.65 = 93.27%').waitFor();
  await nav(page, '评分');
  const row = page.locator('#score-procurement-rate');
  assert.equal((await row.locator('td.score').textContent()).trim(), '4.66');
  await nav(page, '校验');
  const check = page.locator('.check', { hasText: '中级及以上职称人数与各级职称之和不符' });
  assert.match(await check.textContent(), /40人.*= 39人/);
  // The link takes the officer to the field.
  await check.getByRole('button', { name: '前往：中级及以上职称人数' }).click();
  assert.equal(await page.locator('#section-title').textContent(), '基本情况');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-staff-titled_total');
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(foreignRequests(requests), []);
  await context.close();
});

test('a blank document filled field by field: the total and grade move, a reload keeps everything', async () => {
  const { page, context, consoleErrors } = await open(browser);
  await nav(page, '文档管理');
  await page.getByLabel('单位名称').fill('测试单位');
  await page.getByLabel('预算年度').fill('2024');
  await page.getByRole('button', { name: '新建', exact: true }).click();
  assert.equal(await page.locator('.unit-name').textContent(), '测试单位');
  await totalIs(page, '0');
  await gradeIs(page, '待评分完成');

  await nav(page, '支出与管理');
  await page.getByLabel('全年预算数（调整后）').fill('1,000');
  await page.getByLabel('全年执行数（部门整体支出）').fill('950万元');
  await page.getByText('预算执行率：950 ÷ 1000 = 95.00%').waitFor();
  await totalIs(page, '7.6');

  // A typo shows a message at the field and keeps the last valid value.
  await page.getByLabel('全年执行数（部门整体支出）').fill('950x');
  await page.getByText('“x”不是数字').waitFor();
  await totalIs(page, '7.6');
  await page.getByLabel('全年执行数（部门整体支出）').fill('９５０');
  assert.equal(await page.getByText('“x”不是数字').count(), 0);

  const figures = [
    ['年初预算数', '1000'], ['年末结转结余', '30'], ['政府采购计划金额', '200'], ['实际采购金额', '200'],
    ['固定资产总额', '500'], ['在用固定资产', '500'], ['“三公”经费预算数', '10'], ['“三公”经费支出数', '10'],
    ['公用经费预算数', '50'], ['公用经费支出数', '50'],
  ];
  for (const [label, value] of figures) {
    const before = await total(page);
    await page.getByLabel(label, { exact: false }).first().fill(value);
    if (['年初预算数', '年末结转结余', '实际采购金额', '在用固定资产', '“三公”经费支出数', '公用经费支出数'].includes(label)) {
      await page.waitForFunction((b) => document.querySelector('.summary .total').textContent.split('/')[0].trim() !== b, before);
    }
  }
  for (const item of ['①按要求编报部门整体绩效目标', '②目标与部门职责、年度工作任务相符', '③指标细化量化、可衡量', '④指标值设定有依据、合理',
    '①按规定时限和内容公开部门预算', '②按规定时限和内容公开部门决算', '①绩效目标随预算公开', '②绩效自评结果随决算公开',
    '①按要求开展绩效运行监控', '②发现偏差及时纠偏', '①按要求完成绩效自评', '②评价结果用于预算安排和改进管理']) {
    await page.getByLabel(item).check();
  }
  await page.getByLabel('发现问题数').fill('0');
  await totalIs(page, '49.6');
  await gradeIs(page, '待评分完成');

  await nav(page, '绩效目标');
  await pasteTargets(page, [
    ['产出', '数量', '完成验收项目', '≥', '40', '个', '45', '', ''],
    ['效益', '社会效益', '服务覆盖面', '≥', '90', '%', '95', '', ''],
    ['满意度', '服务对象满意度', '满意度', '≥', '90', '%', '92', '', ''],
  ].map((r) => r.join('\t')).join('\n'));
  await page.getByText('已从粘贴内容添加 3 行绩效目标').waitFor();
  await totalIs(page, '99.6');
  await gradeIs(page, '优秀');
  await saved(page);

  await page.reload();
  await page.waitForSelector('h1');
  assert.equal(await page.locator('.unit-name').textContent(), '测试单位');
  await totalIs(page, '99.6');
  await gradeIs(page, '优秀');
  await nav(page, '支出与管理');
  assert.equal(await page.getByLabel('全年执行数（部门整体支出）').inputValue(), '950');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

async function pasteTargets(page, text) {
  await page.locator('#targets-paste').evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test('pasting three TSV rows adds three targets; undo takes them back', async () => {
  const { page, context } = await open(browser);
  await nav(page, '绩效目标');
  assert.equal(await page.locator('.targets-table tbody tr').count(), 0);
  await pasteTargets(page, '一级指标\t二级指标\t三级指标\t运算符\t指标值\t单位\t实际完成值\n'
    + '产出\t数量\t举办培训班\t≥\t10\t期\t8\n产出\t时效\t报告报送\t时限\t2024-09-30\t\t2024-09-20\n效益\t社会效益\t覆盖面\t定性\t有效扩大\t\t基本实现\n');
  await page.getByText('已从粘贴内容添加 3 行绩效目标').waitFor();
  assert.equal(await page.locator('.targets-table tbody tr').count(), 3);
  assert.equal(await page.getByRole('textbox', { name: '三级指标 1', exact: true }).inputValue(), '举办培训班');
  // An unmet target without a 偏差原因 is flagged.
  await nav(page, '校验');
  await page.getByText('绩效目标“举办培训班”未达成，请填写偏差原因').waitFor();
  await page.keyboard.press('Control+z');
  await nav(page, '绩效目标');
  assert.equal(await page.locator('.targets-table tbody tr').count(), 0);
  await screenshot(page, 'targets-after-undo');
  await context.close();
});

test('two documents switch cleanly and the current one is remembered', async () => {
  const { page, context } = await open(browser);
  await nav(page, '文档管理');
  await page.getByRole('button', { name: '打开完整示例（数据为虚构）' }).click();
  assert.equal(await page.locator('.unit-name').textContent(), '示例单位（数据为虚构）');
  await totalIs(page, '90.25');
  await gradeIs(page, '优秀');
  await nav(page, '基本情况');
  assert.equal(await page.getByLabel('在职在岗人数').inputValue(), '40');

  await nav(page, '文档管理');
  await page.locator('.doc-card', { hasText: '广东省科技监测中心' }).getByRole('button', { name: '打开' }).click();
  assert.equal(await page.locator('.unit-name').textContent(), '广东省科技监测中心');
  assert.equal(await page.getByLabel('在职在岗人数').inputValue(), '53');
  await totalIs(page, '4.66');
  await saved(page);
  await page.reload();
  await page.waitForSelector('h1');
  assert.equal(await page.locator('.unit-name').textContent(), '广东省科技监测中心');
  await nav(page, '文档管理');
  assert.equal(await page.locator('.doc-card').count(), 2);
  await context.close();
});

test('deleting a document can be undone', async () => {
  const { page, context } = await open(browser);
  await nav(page, '文档管理');
  await page.getByRole('button', { name: '打开完整示例（数据为虚构）' }).click();
  await nav(page, '文档管理');
  await page.getByRole('button', { name: '删除：示例单位（数据为虚构） · 2024年度' }).click();
  assert.equal(await page.locator('.doc-card').count(), 1);
  await page.getByRole('button', { name: '撤销删除' }).click();
  assert.equal(await page.locator('.doc-card').count(), 2);
  assert.equal(await page.locator('.unit-name').textContent(), '示例单位（数据为虚构）');
  await context.close();
});

test('corrupt stored data is offered for export and never overwritten', async () => {
  const { page, context } = await open(browser);
  await saved(page);
  const corrupt = '{"format":"zipin.store","version":1,"document":{"format":"zipin.evaluation","schema":1,"unit":';
  await page.evaluate((c) => localStorage.setItem('zipin.v1.doc.broken', c), corrupt);
  await page.reload();
  await page.waitForSelector('h1');
  const banner = page.locator('.banner', { hasText: '无法读取的已存数据' });
  await banner.waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    banner.getByRole('button', { name: '导出无法读取的数据 1' }).click(),
  ]);
  assert.equal(await readFile(await download.path(), 'utf8'), corrupt);
  // Work goes on, saves happen, and the unreadable value is still there, untouched.
  await page.getByLabel('单位名称').fill('广东省科技监测中心（改）');
  await saved(page);
  await page.reload();
  await page.waitForSelector('h1');
  assert.equal(await page.evaluate(() => localStorage.getItem('zipin.v1.doc.broken')), corrupt);
  assert.equal(await page.locator('.unit-name').textContent(), '广东省科技监测中心（改）');
  await screenshot(page, 'recovery-notice');
  await context.close();
});

test('a quota error shows the banner, loses nothing, and clears when saving works again', async () => {
  const { page, context } = await open(browser);
  await saved(page);
  await page.evaluate(() => {
    window.__setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  await page.getByLabel('单位名称').fill('配额测试单位');
  const banner = page.locator('.banner.error', { hasText: '保存失败' });
  await banner.waitFor();
  assert.match(await banner.textContent(), /存储空间已满/);
  assert.equal(await page.locator('.save-status').textContent(), '未保存');
  assert.equal(await page.getByLabel('单位名称').inputValue(), '配额测试单位');
  await screenshot(page, 'quota-banner');
  const [download] = await Promise.all([page.waitForEvent('download'), banner.getByRole('button', { name: '导出备份' }).click()]);
  const backup = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(backup.unit.name, '配额测试单位');
  await page.evaluate(() => { Storage.prototype.setItem = window.__setItem; });
  await page.getByLabel('单位名称').fill('配额测试单位2');
  await saved(page);
  assert.equal(await banner.count(), 0);
  await page.reload();
  await page.waitForSelector('h1');
  assert.equal(await page.locator('.unit-name').textContent(), '配额测试单位2');
  await context.close();
});

test('screenshots of every section at 1366×768', async () => {
  const { page, context, consoleErrors } = await open(browser);
  await nav(page, '文档管理');
  await page.getByRole('button', { name: '打开完整示例（数据为虚构）' }).click();
  for (const [i, label] of ['基本情况', '工作任务', '绩效目标', '支出与管理', '评分', '校验', '报告', '文档管理'].entries()) {
    await nav(page, label);
    assert.equal(await page.locator('#section-title').textContent(), label);
    await screenshot(page, `section-${i + 1}-${label}`);
  }
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a document saved by a newer version opens read-only and is never written back', async () => {
  const { page, context } = await open(browser);
  await saved(page);
  const stored = await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('zipin.v1.doc.'));
    const envelope = JSON.parse(localStorage.getItem(key));
    envelope.document.schema = 99;
    envelope.document.field_from_the_future = { kept: true };
    envelope.saved_at = Date.now() + 1e9; // the newest, so it opens first
    localStorage.setItem('zipin.v1.doc.future', JSON.stringify(envelope));
    localStorage.setItem('zipin.v1.current', 'future');
    return localStorage.getItem('zipin.v1.doc.future');
  });
  await page.reload();
  await page.waitForSelector('h1');
  await page.locator('.banner', { hasText: '较新版本的程序保存' }).waitFor();
  assert.equal(await page.locator('.save-status').textContent(), '只读');
  assert.equal(await page.getByLabel('单位名称').isDisabled(), true);
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => localStorage.getItem('zipin.v1.doc.future')), stored);
  await context.close();
});

test('Ctrl+Z undoes a typed figure and the field shows the restored value', async () => {
  const { page, context } = await open(browser);
  await nav(page, '支出与管理');
  const budget = page.getByLabel('全年预算数（调整后）');
  await budget.fill('6000');
  await page.getByText('预算执行率：5343.32 ÷ 6000 = 89.06%').waitFor();
  await page.locator('body').press('Control+z');
  await page.waitForFunction(() => document.getElementById('f-finance-budget_final').value === '');
  assert.equal(await page.getByText('预算执行率：5343.32 ÷ 6000').count(), 0);
  await page.locator('body').press('Control+Shift+z');
  await page.waitForFunction(() => document.getElementById('f-finance-budget_final').value === '6000');
  await context.close();
});

test('a framework exported, edited and imported scores a new document', async () => {
  const { page, context } = await open(browser);
  await nav(page, '评分');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出此框架（.json，可修改后导入）' }).click()]);
  const framework = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(framework.status, '参考框架，待核对正式附件');
  framework.id = 'my-province-2025';
  framework.name = '某省部门整体支出绩效自评（本单位修订）';
  framework.status = '';
  const edited = path.join(SCREENSHOTS, 'framework-edited.json');
  await writeFile(edited, JSON.stringify(framework));
  const broken = path.join(SCREENSHOTS, 'framework-broken.json');
  framework.level1[0].weight = '45';
  await writeFile(broken, JSON.stringify(framework));

  await nav(page, '文档管理');
  await page.getByLabel('或导入评分框架文件').setInputFiles(broken);
  await page.getByText(/^框架文件未导入：.*一级指标分值合计 95 分，应为 100 分/).waitFor();
  await page.getByLabel('或导入评分框架文件').setInputFiles(edited);
  await page.getByRole('heading', { name: /评分框架：某省部门整体支出绩效自评（本单位修订）/ }).waitFor();
  await page.getByLabel('单位名称').fill('修订框架测试单位');
  await page.getByRole('button', { name: '新建', exact: true }).click();
  await page.locator('.unit', { hasText: '某省部门整体支出绩效自评（本单位修订）' }).waitFor();
  assert.equal(await page.locator('.unit-name').textContent(), '修订框架测试单位');
  await context.close();
});
