// 评分框架: an officer builds the Guangdong 2024 reference framework from nothing in the editor, by labels, and the
// exported file equals the built-in one as data; a weight and a band are changed, the comparison read, the
// framework applied and undone; a framework with problems lists each with a link and cannot be applied; a shared
// link opens as a framework preview in a fresh profile; the editor is worked by keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, open, screenshot, nav } from './helpers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUILT_IN = path.join(ROOT, 'crates/core/data/frameworks/guangdong-2024-reference.json');
// The core's reading of a framework file, so files are compared as data (defaults filled in, numbers as numbers).
const canonical = (file) => JSON.parse(execFileSync(path.join(ROOT, 'target/debug/examples/canonical_framework'), [file]).toString());

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const group = (scope, name) => scope.getByRole('group', { name });
const field = (scope, label) => scope.getByLabel(label, { exact: true });

async function setBand(ind, n, band) {
  for (const [end, name] of [['lower', '下限'], ['upper', '上限']]) {
    const bound = band[end];
    await field(ind, `第 ${n} 档${name}（%）`).fill(bound ? String(bound.value) : '');
    if (bound) await field(ind, `第 ${n} 档含${name}`).setChecked(bound.inclusive);
  }
  await field(ind, `第 ${n} 档得分（分）`).fill(String(band.score));
}

async function setRule(ind, rule) {
  await field(ind, '评分方式').selectOption(rule.type);
  if (rule.metric) await field(ind, '计算指标').selectOption(rule.metric);
  const zero = rule.zero_denominator;
  switch (rule.type) {
    case 'proportional':
      await field(ind, '满分值（%）').fill(String(rule.target ?? 100));
      await field(ind, '反向计分（越低越好：目标值 ÷ 实际值）').setChecked(Boolean(rule.reverse));
      break;
    case 'threshold_deduct':
      await field(ind, '标准值（%）').fill(String(rule.standard ?? 100));
      await field(ind, '扣分方向').selectOption(rule.deduct_when ?? 'above');
      await field(ind, '每个百分点扣分（分）').fill(String(rule.per_point));
      await field(ind, '百分点计法').selectOption(rule.step ?? 'continuous');
      break;
    case 'bands':
      for (const [k, band] of rule.bands.entries()) {
        if (k > 0) await ind.getByRole('button', { name: '添加一档', exact: true }).click();
        await setBand(ind, k + 1, band);
      }
      break;
    case 'checklist':
      for (const [k, item] of rule.items.entries()) {
        if (k > 0) await ind.getByRole('button', { name: '添加检查项', exact: true }).click();
        await field(ind, `检查项 ${k + 1} 内容`).fill(item.text);
        await field(ind, `检查项 ${k + 1} 分值（分）`).fill(String(item.points));
        await field(ind, `检查项 ${k + 1} 编码`).fill(item.id);
      }
      break;
    case 'deduct_per_case':
      await field(ind, '每例扣分（分）').fill(String(rule.per_case));
      await field(ind, '问题说明（一例指什么）').fill(rule.case_label);
      break;
    case 'targets':
      await field(ind, '计入的绩效目标一级指标（用“、”分隔，空为全部）').fill((rule.level1 ?? []).join('、'));
      await field(ind, '超额完成提示线（%）').fill(String(rule.over_achievement_flag ?? 150));
      break;
    default:
      throw new Error(`a rule this test does not build: ${rule.type}`);
  }
  if (zero) {
    await field(ind, '分母为零且分子为零时').selectOption(zero.nothing);
    await field(ind, '分母为零而分子大于零时').selectOption(zero.something);
  }
}

/// Types the whole framework into a new blank framework, as an officer would, and returns the page.
async function buildFromScratch(page, fw) {
  await nav(page, '评分框架');
  await page.getByRole('button', { name: '新建空白框架' }).click();
  const about = page.locator('#fw-about');
  await field(about, '框架名称').fill(fw.name);
  await field(about, '框架编码').fill(fw.id);
  await field(about, '状态').fill(fw.status ?? '');
  await field(about, '来源说明').fill(fw.source ?? '');
  await field(about, '报告维度（每行一个）').fill((fw.dimensions ?? []).join('\n'));
  const grades = page.locator('#fw-grades');
  for (const [k, grade] of fw.grades.entries()) {
    await grades.getByRole('button', { name: '添加等次' }).click();
    await field(grades, `等次 ${k + 1} 名称`).fill(grade.label);
    await field(grades, `等次 ${k + 1} 最低分（分）`).fill(String(grade.min));
  }
  for (const [a, l1] of fw.level1.entries()) {
    await page.getByRole('button', { name: '添加一级指标', exact: true }).click();
    const g1 = group(page, `一级指标 ${a + 1}`);
    await field(g1, '一级指标名称').fill(l1.name);
    await field(g1, '分值（分）').fill(String(l1.weight));
    for (const [b, l2] of l1.level2.entries()) {
      await page.getByRole('button', { name: `在一级指标 ${a + 1}下添加二级指标` }).click();
      const g2 = group(page, `二级指标 ${a + 1}.${b + 1}`);
      await field(g2, '二级指标名称').fill(l2.name);
      await field(g2, '分值（分）').fill(String(l2.weight));
      for (const [c, ind] of l2.indicators.entries()) {
        await page.getByRole('button', { name: `在二级指标 ${a + 1}.${b + 1}下添加三级指标` }).click();
        const g3 = group(page, `三级指标 ${a + 1}.${b + 1}.${c + 1}`);
        await field(g3, '三级指标名称').fill(ind.name);
        await field(g3, '分值（分）').fill(String(ind.weight));
        await field(g3, '指标编码').fill(ind.id);
        await field(g3, '指标解释').fill(ind.definition ?? '');
        await setRule(g3, ind.rule);
        // Last: a rule change rewrites a 评分标准 the officer has not written.
        await field(g3, '评分标准').fill(ind.standard);
      }
    }
  }
}

async function exported(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出（.json）' }).click(),
  ]);
  const file = await download.path();
  return { file, name: download.suggestedFilename() };
}

test('the Guangdong reference framework built from scratch by labels equals the built-in file; a change is compared, applied and undone', async () => {
  const fw = JSON.parse(await readFile(BUILT_IN, 'utf8'));
  const { page, context, consoleErrors } = await open(browser);
  await buildFromScratch(page, fw);
  await page.getByText('检查通过：此框架可以用于文档').waitFor();
  await screenshot(page, 'framework-editor-built');
  const { file, name } = await exported(page);
  assert.equal(name, 'guangdong-2024-reference.json');
  assert.deepEqual(canonical(file), canonical(BUILT_IN));
  // The same framework as the seed's: applying it changes nothing and says so.
  assert.equal(await page.getByRole('button', { name: '应用到当前文档' }).isDisabled(), true);
  await page.getByText('当前文档已使用此框架').waitFor();

  // 履职产出 30 → 35 and 履职效益 20 → 15 (the 二级 still adds up), and the boundary between the first two bands
  // of 预算编制准确性 from 5% to 3%.
  await field(group(page, '三级指标 1.1.1'), '分值（分）').fill('35');
  await field(group(page, '三级指标 1.1.2'), '分值（分）').fill('15');
  await field(group(page, '三级指标 2.1.1'), '第 1 档上限（%）').fill('3');
  await field(group(page, '三级指标 2.1.1'), '第 2 档下限（%）').fill('3');
  await page.getByText('检查通过：此框架可以用于文档').waitFor();
  const comparison = page.locator('section', { has: page.getByRole('heading', { name: /得分的影响/ }) });
  const summary = await comparison.locator('.fw-compare-total').textContent();
  assert.match(summary, /总分 [\d.]+ → [\d.]+ 分/);
  const rows = await comparison.locator('tbody tr').allTextContents();
  assert.ok(rows.some((r) => r.includes('履职产出')), rows.join('\n'));
  assert.ok(rows.some((r) => r.includes('履职效益')), rows.join('\n'));
  await screenshot(page, 'framework-comparison');
  const totalBefore = (await page.locator('.summary .total').textContent()).split('/')[0].trim();
  const [, expectedBefore, expectedAfter] = summary.match(/总分 ([\d.]+) → ([\d.]+) 分/);
  assert.equal(Number(totalBefore), Number(expectedBefore));

  await page.getByRole('button', { name: '应用到当前文档' }).click();
  await page.waitForFunction((e) => Number(document.querySelector('.summary .total')?.textContent.split('/')[0].trim()) === e, Number(expectedAfter));
  await page.getByText('当前文档已使用此框架').waitFor();
  await page.getByRole('button', { name: '撤销', exact: true }).click();
  await page.waitForFunction((e) => Number(document.querySelector('.summary .total')?.textContent.split('/')[0].trim()) === e, Number(expectedBefore));
  assert.equal(await page.getByRole('button', { name: '应用到当前文档' }).isDisabled(), false);

  // The framework stays in the library across a reload.
  await page.reload();
  await nav(page, '评分框架');
  await page.getByRole('button', { name: `编辑“${fw.name}”`, exact: true }).click();
  assert.equal(await field(group(page, '三级指标 1.1.1'), '分值（分）').inputValue(), '35');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a framework with problems lists each with a link to where it is, and cannot be applied', async () => {
  const fw = JSON.parse(await readFile(BUILT_IN, 'utf8'));
  fw.name = '有问题的框架';
  fw.level1[1].level2[1].indicators[0].weight = '9'; // 预算执行 no longer adds up
  fw.level1[1].level2[0].indicators[0].rule.bands[1].lower.inclusive = true; // overlaps the first band at 5%
  fw.level1[1].level2[2].indicators[1].id = fw.level1[1].level2[2].indicators[0].id; // a duplicate id
  const { page, context, consoleErrors } = await open(browser);
  await nav(page, '评分框架');
  await page.getByLabel('导入评分框架文件（.json）').setInputFiles({
    name: 'problems.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(fw)),
  });
  await page.getByRole('heading', { name: /问题（\d+ 个）/ }).waitFor();
  const links = page.locator('.fw-problems a');
  const texts = await links.allTextContents();
  assert.ok(texts.length >= 3, texts.join('\n'));
  assert.ok(texts.some((t) => t.includes('预算执行')), texts.join('\n'));
  assert.ok(texts.some((t) => t.includes('重叠') || t.includes('重合')), texts.join('\n'));
  assert.ok(texts.some((t) => t.includes('编码') || t.includes('重复')), texts.join('\n'));
  for (const link of await links.all()) {
    const target = (await link.getAttribute('href')).slice(1);
    assert.equal(await page.locator(`[id="${target}"]`).count(), 1, `a link to nothing: #${target}`);
  }
  // Following a link focuses the group it names.
  const overlap = links.filter({ hasText: /重叠|重合/ }).first();
  const target = (await overlap.getAttribute('href')).slice(1);
  await overlap.click();
  assert.equal(await page.evaluate((t) => document.activeElement?.closest(`[id="${t}"]`) !== null, target), true);
  assert.equal(await page.getByRole('button', { name: '应用到当前文档' }).isDisabled(), true);
  await page.getByText('框架有问题，不能应用').waitFor();
  // The library marks it a draft; a new document cannot choose it.
  await page.locator('.fw-library', { hasText: '有问题的框架' }).getByText(/个问题（草稿）/).waitFor();
  await nav(page, '文档管理');
  assert.equal(await page.locator('#new-framework option', { hasText: '有问题的框架' }).count(), 0);
  await screenshot(page, 'framework-problems');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a framework shared by link opens in a fresh profile as a framework preview, not as a document', async () => {
  const { page, context } = await open(browser);
  await nav(page, '评分框架');
  await page.getByRole('button', { name: /复制并编辑“广东省/ }).click();
  await field(page.locator('#fw-about'), '文号').fill('粤财绩〔2024〕99号');
  await page.getByRole('button', { name: '生成分享链接' }).click();
  const url = await page.getByLabel(/^分享链接/).inputValue();
  assert.match(url, /#framework=z1\./);
  await context.close();

  const fresh = await open(browser, { url });
  await fresh.page.getByRole('heading', { name: '分享的评分框架（预览）' }).waitFor();
  assert.equal(await fresh.page.locator('#section-title').textContent(), '评分框架');
  assert.equal(await field(fresh.page.locator('#fw-about'), '文号').inputValue(), '粤财绩〔2024〕99号');
  // Not a document: the documents are the first visit's seed, and nothing was kept yet.
  assert.equal(await fresh.page.locator('.unit-name').textContent(), '广东省科技监测中心');
  assert.equal(await fresh.page.locator('.fw-library tbody tr').count(), 2);
  await fresh.page.getByRole('button', { name: '保存到框架库' }).click();
  await fresh.page.locator('.fw-library', { hasText: '粤财绩〔2024〕99号' }).waitFor();
  assert.deepEqual(fresh.consoleErrors, []);
  await fresh.context.close();
});

test('the editor is worked by keyboard: every control is labelled and Tab reaches the tree', async () => {
  const { page, context } = await open(browser);
  await nav(page, '评分框架');
  await page.getByRole('button', { name: '复制当前文档的评分框架' }).click();
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('.fw-editor input, .fw-editor select, .fw-editor textarea')]
    .filter((el) => !(el.labels?.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
    .map((el) => el.id || el.outerHTML.slice(0, 80)));
  assert.deepEqual(unlabelled, []);
  await field(page.locator('#fw-about'), '框架名称').focus();
  const seen = new Set();
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => {
      const el = document.activeElement;
      return el?.labels?.[0]?.textContent || el?.getAttribute('aria-label') || el?.textContent?.trim() || '';
    });
    assert.notEqual(name, '', `focus ${i} is on an unnamed control`);
    seen.add(name);
  }
  assert.ok([...seen].some((n) => n.includes('一级指标名称')), [...seen].join(' | '));
  // Enter on 添加一级指标 (reached by keyboard) adds one.
  const before = await page.getByRole('group', { name: /^一级指标 \d/ }).count();
  await page.getByRole('button', { name: '添加一级指标', exact: true }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.getByRole('group', { name: /^一级指标 \d/ }).count(), before + 1);
  await context.close();
});

test('two tabs: a framework renamed in one shows in the other, a deleted one is not written back, a newer version is never overwritten', async () => {
  const { page: a, context, consoleErrors } = await open(browser);
  await nav(a, '评分框架');
  await a.getByRole('button', { name: '复制当前文档的评分框架' }).click();
  const copy = await field(a.locator('#fw-about'), '框架名称').inputValue();
  const b = await context.newPage();
  await b.goto(a.url());
  await nav(b, '评分框架');
  await b.getByRole('button', { name: `编辑“${copy}”`, exact: true }).click();
  await field(b.locator('#fw-about'), '框架名称').fill('乙标签页改的名称');
  // A sees B's name, and its next edit keeps it.
  await a.locator('.fw-library', { hasText: '乙标签页改的名称' }).waitFor();
  await field(a.locator('#fw-about'), '文号').fill('甲文号');
  await a.waitForFunction(() => Object.values(localStorage).some((v) => v.includes('甲文号')));
  const stored = async () => a.evaluate(() => Object.entries(localStorage).filter(([k]) => k.includes('.v1.fw.')).map(([, v]) => JSON.parse(v)));
  const [record] = await stored();
  assert.equal(record.framework.name, '乙标签页改的名称');
  assert.equal(record.framework.reference, '甲文号');

  // B deletes it: A's list loses it, and nothing A does writes it back.
  await b.getByRole('button', { name: '删除“乙标签页改的名称”' }).click();
  await a.getByText('另一个标签页删除了评分框架“乙标签页改的名称”').waitFor();
  assert.deepEqual(await stored(), []);

  // A newer version's record under a key A holds is left as it is.
  await a.getByRole('button', { name: '复制当前文档的评分框架' }).click();
  await a.waitForFunction(() => Object.keys(localStorage).some((k) => k.includes('.v1.fw.')));
  const key = await a.evaluate(() => Object.keys(localStorage).find((k) => k.includes('.v1.fw.')));
  const newer = JSON.stringify({ format: 'zipin.stored-framework', version: 2, id: 'x', saved_at: '', framework: {} });
  await b.evaluate(([k, v]) => localStorage.setItem(k, v), [key, newer]);
  await a.getByText(/无法读取已保存的评分框架/).waitFor();
  assert.equal(await a.evaluate((k) => localStorage.getItem(k), key), newer);
  await a.getByRole('button', { name: '新建空白框架' }).click();
  assert.equal(await a.evaluate((k) => localStorage.getItem(k), key), newer);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('switching a rule to another kind and back is undone in one step each, the bands come back', async () => {
  const { page, context } = await open(browser);
  await nav(page, '评分框架');
  await page.getByRole('button', { name: '复制当前文档的评分框架' }).click();
  const ind = group(page, '三级指标 2.1.1');
  assert.equal(await ind.getByRole('group', { name: /^第 \d 档/ }).count(), 5);
  await field(ind, '评分方式').selectOption('manual');
  await field(ind, '评分方式').selectOption('bands');
  assert.equal(await ind.getByRole('group', { name: /^第 \d 档/ }).count(), 1);
  await page.getByRole('button', { name: '撤销框架修改' }).click();
  await page.getByRole('button', { name: '撤销框架修改' }).click();
  assert.equal(await ind.getByRole('group', { name: /^第 \d 档/ }).count(), 5);
  await context.close();
});

test('an emptied 分值 is an entry to correct: the framework keeps its number until a new one is typed', async () => {
  const { page, context } = await open(browser);
  await nav(page, '评分框架');
  await page.getByRole('button', { name: '复制当前文档的评分框架' }).click();
  const weight = field(group(page, '三级指标 2.2.1'), '分值（分）');
  await weight.fill('');
  await page.getByText('请输入数字；评分框架保留上次的有效值').waitFor();
  await page.getByText('检查通过：此框架可以用于文档').waitFor();
  await weight.pressSequentially('8');
  assert.equal(await weight.inputValue(), '8');
  assert.equal(await page.getByText('请输入数字；评分框架保留上次的有效值').count(), 0);
  await context.close();
});
