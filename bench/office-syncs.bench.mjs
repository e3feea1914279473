// Office adapter: context.sync() round trips per generated sheet (1 and 50 units), per live-validation pass and
// per 检查 read, and for a scoring workbook (评分表, read whole) the same for an owner's and the 考核组's. Excel cannot run here: the host is the office-addin-mock stand-in of test/office/excel-mock.ts,
// which counts syncs exactly but does not measure Excel's time. Targets: ≤ 2 syncs per generated sheet,
// exactly 1 per live pass.
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'office-syncs-'));
const entry = path.join(dir, 'entry.ts');
writeFileSync(
  entry,
  `
export { insertPlans, estimateRequestBytes, batchPlans, DEFAULT_MAX_REQUEST_BYTES } from ${JSON.stringify(path.join(root, 'src/office/render-plan.ts'))};
export { startLiveValidation } from ${JSON.stringify(path.join(root, 'src/office/live.ts'))};
export { checkOpenWorkbook, startLiveCheck } from ${JSON.stringify(path.join(root, 'src/office/check.ts'))};
export { sheetTexts } from ${JSON.stringify(path.join(root, 'src/i18n/sheet-texts.ts'))};
export { readWorkbookContents, readTemplateContents } from ${JSON.stringify(path.join(root, 'src/office/read-workbook.ts'))};
export { checkWorkbookContents } from ${JSON.stringify(path.join(root, 'src/app/check.ts'))};
export { loadEmbeddedCatalog } from ${JSON.stringify(path.join(root, 'src/app/catalog-source.ts'))};
export { planScoringWorkbooks, renderScoringWorkbooks } from ${JSON.stringify(path.join(root, 'src/app/review.ts'))};
export { readWorkbook } from ${JSON.stringify(path.join(root, 'src/xlsx/read.ts'))};
export { FakeExcel } from ${JSON.stringify(path.join(root, 'test/office/excel-mock.ts'))};
export * as plans from ${JSON.stringify(path.join(root, 'test/office/bench-plans.ts'))};
`,
);
const out = path.join(dir, 'bundle.cjs');
try {
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: out,
    logLevel: 'error',
    nodePaths: [path.join(root, 'node_modules')],
    // office-addin-mock needs only the OfficeApp enum; the package's entry point pulls in ESM-only modules.
    alias: { 'office-addin-manifest': path.join(root, 'node_modules/office-addin-manifest/lib/officeApp.js') },
    loader: { '.txt': 'text' },
  });
  const require = createRequire(import.meta.url);
  const m = require(out);
  const { units, source } = m.plans.benchPlans();

  console.log(`plans: ${source}`);
  const rows = [];
  for (const n of [1, 50, units.length]) {
    const fake = new m.FakeExcel();
    const uninstall = fake.install();
    const chosen = units.slice(0, n);
    const bytes = chosen.reduce((sum, p) => sum + m.estimateRequestBytes(p), 0);
    const result = await m.insertPlans(chosen);
    uninstall();
    rows.push({
      units: n,
      sheets: result.sheets.length,
      batches: result.batches,
      syncs: fake.syncs,
      'syncs per sheet': +(fake.syncs / result.sheets.length).toFixed(3),
      'estimated request MB (batch average)': +(bytes / 1e6 / result.batches).toFixed(2),
      // The mock's JSON of the queued calls: smaller than Office.js's real request (no object paths).
      'largest mock request MB': +(Math.max(...fake.requestBytes) / 1e6).toFixed(2),
    });
  }
  console.log('generated sheets (insertPlans):');
  console.table(rows);

  const live = [];
  for (const n of [1, 50]) {
    const fake = new m.FakeExcel();
    const uninstall = fake.install();
    const result = await m.insertPlans(units.slice(0, n));
    const target = result.sheets[0]; // the same unit each time: what grows is only the workbook around it
    const validate = { texts: [m.sheetTexts('zh-CN'), m.sheetTexts('en')] };
    const reports = [];
    const session = await m.startLiveCheck({
      sheet: target.sheetName,
      validate,
      onPass: (r) => reports.push(r),
      initialPass: false,
    });
    const before = fake.syncs;
    const passes = 5;
    const started = performance.now();
    for (let i = 0; i < passes; i++) await session.runPass();
    const perPass = (fake.syncs - before) / passes;
    const msPerPass = (performance.now() - started) / passes;
    const readBefore = fake.syncs;
    await m.readWorkbookContents();
    const check = fake.syncs - readBefore;
    const oneBefore = fake.syncs;
    await m.checkOpenWorkbook({ ...validate, sheet: target.sheetName });
    const checkOne = fake.syncs - oneBefore;
    await session.stop();
    uninstall();
    live.push({
      'units in workbook': n,
      'syncs per live pass': perPass,
      // Read through the mock plus the core validator, in Node: not Excel's time.
      'ms per live pass (mock + validator)': +msPerPass.toFixed(1),
      'syncs per 检查 of one unit': checkOne,
      'syncs per whole-workbook read': check,
    });
  }
  console.log('live validation and 检查:');
  console.table(live);
  // Scoring workbooks of the embedded catalog (no unit returned: every row 未提交), the smallest and the largest.
  const catalog = m.loadEmbeddedCatalog();
  const scoringPlans = m.planScoringWorkbooks(catalog, new Map(), { createdAt: '2019-12-25T00:00:00.000Z' });
  const rowsOf = (p) => p.input.units.reduce((n, u) => n + u.rows.length, 0);
  const sized = [...scoringPlans].sort((a, b) => rowsOf(a) - rowsOf(b));
  const scoring = [];
  for (const plan of [sized[0], sized[sized.length - 1]]) {
    const [file] = await m.renderScoringWorkbooks([plan]);
    const read = m.readWorkbook(file.bytes);
    const fake = new m.FakeExcel();
    const uninstall = fake.install();
    fake.load(read.contents, {
      unlocked: Object.fromEntries(
        plan.sheets.map((s) => [s.sheetName, s.cells.filter((c) => !c.locked).map((c) => c.address)]),
      ),
    });
    const started0 = fake.syncs;
    const session = await m.startLiveValidation({
      validate: (contents) => m.checkWorkbookContents(contents),
      onPass: () => {},
    });
    const start = fake.syncs - started0;
    const before = fake.syncs;
    const passes = 5;
    const started = performance.now();
    for (let i = 0; i < passes; i++) await session.runPass();
    const perPass = (fake.syncs - before) / passes;
    const msPerPass = (performance.now() - started) / passes;
    const checkBefore = fake.syncs;
    await m.readTemplateContents();
    const check = fake.syncs - checkBefore;
    await session.stop();
    uninstall();
    scoring.push({
      scorer: plan.metadata.scorerName,
      sheets: plan.sheets.length,
      rows: rowsOf(plan),
      'syncs to start': start,
      'syncs per live pass': perPass,
      'ms per live pass (mock + validator)': +msPerPass.toFixed(1),
      'syncs per 检查': check,
    });
  }
  console.log('scoring workbooks (read whole), live panel and 检查:');
  console.table(scoring);
  const worst = Math.max(...rows.map((r) => r['syncs per sheet']));
  const pass = [...live, ...scoring].every((l) => l['syncs per live pass'] === 1);
  console.log(
    `targets: ≤ 2 syncs per generated sheet: ${worst <= 2 ? 'met' : 'NOT met'} (worst ${worst}); ` +
      `exactly 1 per live pass: ${pass ? 'met' : 'NOT met'}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
