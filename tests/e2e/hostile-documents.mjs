// Documents an attacker could send as a share link: each starts from the example sample
// (crates/core/data/samples/example.json) and changes one thing. Used by hostile.test.mjs; run this file directly
// (`node tests/e2e/hostile-documents.mjs DIR`) to write them as .json files for the `zipin` command.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SAMPLE = path.join(HERE, '../../crates/core/data/samples/example.json');

/// A fresh copy of the example document.
export function example() {
  return JSON.parse(readFileSync(SAMPLE, 'utf8'));
}

/// The code after `#share=`: raw deflate of the compact JSON, base64url without padding, tagged `z1.`
/// (the codec of crates/core/src/share.rs, written independently here).
export function shareCode(doc) {
  return 'z1.' + deflateRawSync(Buffer.from(JSON.stringify(doc), 'utf8'), { level: 9 }).toString('base64url');
}

const indicator = (doc, id) => doc.framework.level1
  .flatMap((l1) => l1.level2).flatMap((l2) => l2.indicators).find((i) => i.id === id);

/// One document per hostile class: [name, document, what the refusal must name (the field or indicator)].
export function hostileDocuments() {
  const cases = [];

  // (a) A negative indicator weight, another raised so every level still adds up.
  {
    const doc = example();
    indicator(doc, 'duty-output').weight = '-1';
    indicator(doc, 'duty-outcome').weight = '51';
    cases.push(['负的指标分值', doc, /履职产出/]);
  }
  // (b) A proportional rule whose target is zero (a division by zero).
  {
    const doc = example();
    indicator(doc, 'execution-rate').rule.target = '0';
    cases.push(['比例计分指标值为 0', doc, /预算执行率/]);
  }
  // (c) A proportional target so small that value ÷ target leaves the decimal range.
  {
    const doc = example();
    indicator(doc, 'execution-rate').rule.target = '0.000000000000000000000000001';
    cases.push(['比例计分指标值极小', doc, /预算执行率/]);
  }
  // (d) Negative figures.
  {
    const doc = example();
    doc.finance.spending_total = '-5700';
    doc.finance.budget_final = '100';
    cases.push(['负的财务数', doc, /全年执行数/]);
  }
  // (e) A band bound far beyond any real rate (bands stay ordered, without gap or overlap).
  {
    const doc = example();
    const bands = indicator(doc, 'budget-adjustment').rule.bands;
    bands[bands.length - 2].upper.value = '10000000000000';
    bands[bands.length - 1].lower.value = '10000000000000';
    cases.push(['分档边界极大', doc, /预算调整率/]);
  }
  // (f) 500 indicators of rule type targets and 20,000 target rows: small as a link, huge once unpacked.
  {
    const doc = example();
    const indicators = Array.from({ length: 500 }, (_, i) => ({
      id: `t${i + 1}`,
      name: `绩效目标完成情况${i + 1}`,
      weight: '0.2',
      definition: '绩效目标完成情况。',
      standard: '按绩效目标表计分。',
      rule: { type: 'targets', level1: [] },
    }));
    doc.framework.level1 = [{ name: '履职效能', weight: '100', level2: [{ name: '整体效能', weight: '100', indicators }] }];
    doc.management = { checklists: {}, cases: {}, choices: {}, manual: {} };
    // Only the fields a row needs (the others default), so the unpacked document stays under the 2 MB a link
    // may inflate to: the gate's caps on rows and on targets indicators refuse it, not the inflate limit.
    doc.targets = Array.from({ length: 20000 }, (_, i) => ({
      level1: '产出', name: `验收${i + 1}`, operator: 'at_least', target: '40', actual: '45',
    }));
    cases.push(['500 个指标与 20000 行绩效目标', doc, /绩效目标/]);
  }
  return cases;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? 'hostile';
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'example.json'), JSON.stringify(example()));
  hostileDocuments().forEach(([name, doc], i) => {
    const file = path.join(dir, `${'abcdef'[i]}.json`);
    writeFileSync(file, JSON.stringify(doc));
    console.log(`${file}\t${name}\tJSON ${JSON.stringify(doc).length} bytes, link ${shareCode(doc).length} chars`);
  });
}
