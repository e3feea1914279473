// Collecting returned sheets: 1,000 (and 2,000) returned files in the shared-folder layout, collected through
// the CLI's code path (runCollect: list, read + validate in a small pool, summary, summary.xlsx). Each size runs
// in its own process so its peak RSS is its own. Each size runs twice: the summary alone, and with the final
// result (--settings, --register, --survey: the 考核结果 sheet too). Target: 1,000 files under 10 s, peak memory
// under 300 MB and flat as the number of files grows. Prints figures; never fails on timing.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ts-collect-bench-'));
const cache = path.join(root, 'node_modules', '.cache', 'target-sheets-bench');
mkdirSync(cache, { recursive: true });
const SIZES = (process.env.COLLECT_BENCH_SIZES ?? '1000,2000').split(',').map(Number);

async function bundle(name, source) {
  const entry = path.join(tmp, `${name}.ts`);
  writeFileSync(entry, source);
  const outfile = path.join(cache, `${name}.cjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    loader: { '.txt': 'text' },
    logLevel: 'warning',
    absWorkingDir: root,
  });
  return outfile;
}
const src = (p) => JSON.stringify(path.join(root, p));

// 1. The test corpus helpers (generated templates filled through ExcelJS), to make the files once.
const makerPath = await bundle(
  'collect-maker',
  `
export { catalog2019, planFor } from ${src('test/core/validate/fixture.ts')};
export { edit, fill } from ${src('test/integration/validate-corpus.ts')};
export { renderPlanToXlsx } from ${src('src/xlsx/render.ts')};
export { returnedPath } from ${src('src/core/folders/layout.ts')};
export { sha256Hex } from ${src('src/core/hash/sha256.ts')};
`,
);
// 2. The code under test: the collect command's own function.
const runnerPath = await bundle(
  'collect-runner',
  `
import { runCollect } from ${src('src/cli/commands/collect.ts')};
const [from, out, settings, register, survey] = process.argv.slice(2);
const started = performance.now();
runCollect(from, { out, json: true, quiet: true, settings, register, survey }).then((code) => {
  const ms = performance.now() - started;
  const usage = process.resourceUsage();
  // CPU time too: wall time on a shared 2-core machine depends on what else runs.
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  process.stderr.write(JSON.stringify({ code, ms, cpuMs, maxRssKb: usage.maxRSS }) + '\\n');
});
`,
);

const require = createRequire(import.meta.url);
const maker = require(makerPath);
const t0 = performance.now();
const filled = [];
for (const [i, unit] of maker.catalog2019.units.entries()) {
  const plan = maker.planFor(unit);
  const template = { plan, bytes: await maker.renderPlanToXlsx(plan) };
  // Full marks, except one point off one target (with a reason) for every other unit.
  const bytes = await maker.edit(template, (e) => {
    let off = i % 2 === 1;
    maker.fill(e, (_j, weight) => {
      if (off && weight >= 1) {
        off = false;
        return { completion: '基本完成', self: weight - 1, reason: '部分工作未按期完成' };
      }
      return { completion: '已完成', self: weight };
    });
  });
  filled.push({ unit, bytes, hash: await maker.sha256Hex(bytes) });
}
console.log(
  `made ${filled.length} filled sheets (${(filled.reduce((n, f) => n + f.bytes.length, 0) / filled.length / 1024).toFixed(0)} KiB each on average) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

function layOut(dir, count) {
  for (let k = 0; k < count; k++) {
    const f = filled[k % filled.length];
    // Each repeat of a unit is a later submission of it (one minute apart).
    const when = new Date(Date.UTC(2020, 0, 10, 8, 0) + Math.floor(k / filled.length) * 60_000);
    const rel = maker.returnedPath(2019, f.unit.name, when, f.hash);
    const file = path.join(dir, ...rel.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, f.bytes);
  }
}

// The final result's inputs: self 80 : survey 20 (the files carry no assessed scores), grades, a quota and a cap;
// a bonus for every third unit, a deduction for every fifth, a veto; survey votes for every unit.
const ExcelJS = require('exceljs');
async function sheetFile(file, rows) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
}
const inputs = {
  settings: path.join(tmp, 'settings.json'),
  register: path.join(tmp, 'register.xlsx'),
  survey: path.join(tmp, 'survey.xlsx'),
};
writeFileSync(
  inputs.settings,
  JSON.stringify({
    weights: { self: 80, assessed: 0, survey: 20 },
    grades: [
      { name: '优秀', min: 95 },
      { name: '良好', min: 90 },
      { name: '合格', min: 80 },
      { name: '不合格', min: 0 },
    ],
    quota: { grade: '优秀', share: 0.3 },
    bonusCap: 3,
  }),
);
const units = maker.catalog2019.units;
await sheetFile(inputs.register, [
  ['单位', '类型', '分值', '事由'],
  ...units.flatMap((u, k) => [
    ...(k % 3 === 0 ? [[u.name, '加分', 2, '获省级表彰']] : []),
    ...(k % 5 === 0 ? [[u.name, '扣分', 0.5, '信息报送迟报']] : []),
    ...(k === 7 ? [[u.name, '一票否决', null, '发生重大安全生产事故']] : []),
  ]),
]);
await sheetFile(inputs.survey, [
  ['单位', '优秀', '良好', '一般', '差'],
  ...units.map((u, k) => [u.name, 20 + (k % 7), 5 + (k % 5), k % 3, k % 2]),
]);

try {
  const rows = [];
  for (const [count, withResults] of SIZES.flatMap((n) => [
    [n, false],
    [n, true],
  ])) {
    const dir = path.join(tmp, `share-${count}`);
    layOut(dir, count);
    const out = path.join(tmp, `summary-${count}-${withResults}.xlsx`);
    const extra = withResults ? [inputs.settings, inputs.register, inputs.survey] : [];
    const run = spawnSync(process.execPath, [runnerPath, dir, out, ...extra], {
      encoding: 'utf8',
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    });
    const last = (run.stderr ?? '').trim().split('\n').pop() ?? '';
    let figures;
    try {
      figures = JSON.parse(last);
    } catch {
      throw new Error(`collect run failed (exit ${run.status}): ${run.stderr}`);
    }
    const result = JSON.parse(run.stdout);
    const valid = result.units.filter((u) => u.status === 'valid').length;
    rows.push({
      what: withResults ? 'with results' : 'summary only',
      graded: withResults ? result.units.filter((u) => u.grade).length : null,
      files: count,
      seconds: (figures.ms / 1000).toFixed(2),
      cpuSeconds: (figures.cpuMs / 1000).toFixed(2),
      peakRssMB: (figures.maxRssKb / 1024).toFixed(0),
      valid,
      invalid: result.invalid.length,
      exit: figures.code,
    });
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`collect (CLI code path, ${os.cpus().length} CPUs):`);
  for (const r of rows)
    console.log(
      `  ${String(r.files).padStart(5)} files, ${r.what}: ${r.seconds} s (CPU ${r.cpuSeconds} s), peak RSS ${r.peakRssMB} MB (units valid ${r.valid}, files invalid ${r.invalid}${r.graded === null ? '' : `, graded ${r.graded}`}, exit ${r.exit})`,
    );
  console.log(
    `  target: 1,000 files < 10 s, peak RSS < 300 MB and flat; load average now ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
