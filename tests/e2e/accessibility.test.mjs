// Accessibility: axe-core checks every section of the app, the framework editor open on a copy of a built-in
// framework, and 汇总 with units loaded. A serious or critical violation fails the test, listed by rule, impact and
// the first elements it was found on; the moderate and minor ones are printed for the record.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, open, nav } from './helpers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TARGET = process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const SECTIONS = ['基本情况', '工作任务', '绩效目标', '支出与管理', '项目支出', '评分', '校验', '报告', '文档管理', '评分框架', '汇总'];
const FAILING = new Set(['serious', 'critical']);

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// Runs axe over the whole page as it is now. The page's Content-Security-Policy refuses inline scripts, so axe's
/// source is evaluated through the browser's debugging protocol, which the policy does not govern.
async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(`${AXE}\n;undefined`);
  }
  return page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }))));
}

/// Fails on any serious or critical violation, with where it was found; prints the rest.
async function check(page, state) {
  const violations = await axe(page);
  const counts = {};
  for (const v of violations) counts[v.impact] = (counts[v.impact] ?? 0) + v.count;
  const others = violations.filter((v) => !FAILING.has(v.impact)).map((v) => `${v.id} (${v.impact}, ${v.count})`);
  console.log(`axe ${state}: ${JSON.stringify(counts)}${others.length ? ` — ${others.join(', ')}` : ''}`);
  const failing = violations.filter((v) => FAILING.has(v.impact));
  assert.equal(failing.length, 0, `${state}: serious or critical accessibility violations\n${failing.map((v) =>
    `- ${v.id} (${v.impact}, ${v.count} element${v.count === 1 ? '' : 's'}): ${v.help}\n${v.nodes.map((n) =>
      `    ${n.target}\n      ${n.summary.replace(/\n/g, '\n      ')}`).join('\n')}`).join('\n')}`);
}

async function section(page, name) {
  await nav(page, name);
  await page.waitForFunction((n) => document.querySelector('#section-title')?.textContent === n, name);
}

test('every section of the app has no serious or critical violation', async () => {
  const { page, context, consoleErrors } = await open(browser);
  await page.getByText('广东省科技监测中心', { exact: true }).first().waitFor();
  const failures = [];
  for (const name of SECTIONS) {
    await section(page, name);
    await check(page, name).catch((e) => failures.push(e.message));
  }
  assert.deepEqual(failures, []);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("a project's 自评表, open on the example's projects, has no serious or critical violation", async () => {
  const { page, context, consoleErrors } = await open(browser);
  await section(page, '文档管理');
  await page.getByRole('button', { name: '打开完整示例（数据为虚构）' }).click();
  await section(page, '项目支出');
  await page.getByRole('button', { name: '打开项目“监测设备更新（虚构）”' }).click();
  await page.getByRole('heading', { name: '项目“监测设备更新（虚构）”自评表' }).waitFor();
  await check(page, 'a project open');
  // The folded parts, opened: the rows' 人工调整得分 and the scheme's weights.
  await page.getByText(/^人工调整得分/).click();
  await page.getByText(/^评分表式：/).click();
  await page.getByRole('button', { name: '应用分值' }).waitFor();
  await page.getByLabel(/人工得分$/).first().waitFor();
  await check(page, 'a project open, its overrides and the scheme weights unfolded');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('the framework editor, open on a copy of a built-in framework, has no serious or critical violation', async () => {
  const { page, context, consoleErrors } = await open(browser);
  await section(page, '评分框架');
  await page.getByRole('button', { name: /^复制并编辑“广东省/ }).click();
  await page.getByRole('heading', { name: /^正在编辑：/ }).waitFor();
  await page.getByRole('button', { name: '添加一级指标', exact: true }).waitFor();
  await check(page, '评分框架 editor');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a report paragraph being edited and a document being renamed have no serious or critical violation', async () => {
  const { page, context, consoleErrors } = await open(browser);
  await section(page, '报告');
  await page.getByRole('button', { name: /^编辑段落：/ }).first().click();
  await page.getByRole('button', { name: /^完成编辑段落：/ }).waitFor();
  await check(page, '报告, a paragraph being edited');
  await section(page, '文档管理');
  await page.getByRole('button', { name: /^重命名：/ }).first().click();
  await page.getByRole('button', { name: /^完成重命名：/ }).waitFor();
  await check(page, '文档管理, a document being renamed');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('汇总 with units loaded has no serious or critical violation', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'zipin-axe-batch-'));
  execFileSync(path.join(TARGET, 'debug/examples/write_batch'), [dir, '8']);
  const files = readdirSync(dir).sort().map((f) => path.join(dir, f));
  const { page, context, consoleErrors } = await open(browser);
  await section(page, '汇总');
  await page.getByLabel(/选择各单位的数据文件/).setInputFiles(files);
  await page.getByRole('heading', { name: '汇总表（8 个单位）' }).waitFor();
  await check(page, '汇总 with units');
  // A unit opened read-only from the table, with its banner leading back.
  await page.getByRole('button', { name: /^打开“/ }).first().click();
  await page.getByText('这是汇总中的一个单位，只读查看').waitFor();
  await check(page, '汇总, a unit opened read-only');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a shared framework and a shared document, opened as previews, have no serious or critical violation', async () => {
  const { page, context, consoleErrors } = await open(browser);
  await section(page, '评分框架');
  await page.getByRole('button', { name: /^复制并编辑“广东省/ }).click();
  await page.getByRole('button', { name: '生成分享链接' }).click();
  const link = await page.getByLabel(/^分享链接/).inputValue();
  await section(page, '报告');
  await page.getByRole('button', { name: '生成分享链接' }).click();
  const documentLink = await page.getByLabel(/^分享链接/).inputValue();
  const fresh = await open(browser, { url: link });
  await fresh.page.getByRole('heading', { name: '分享的评分框架（预览）' }).waitFor();
  await check(fresh.page, '评分框架, a shared framework previewed');
  await fresh.page.goto(documentLink);
  await fresh.page.locator('.banner', { hasText: '通过分享链接打开的文档' }).waitFor();
  await check(fresh.page, '评分, a shared document previewed');
  assert.deepEqual([...consoleErrors, ...fresh.consoleErrors], []);
  await fresh.context.close();
  await context.close();
});
