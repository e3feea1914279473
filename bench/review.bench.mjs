// Scoring workbooks (评分表): the 52 units of the 2019 document return filled sheets (shared-folder layout); every
// scorer's workbook is built from them through the review use case's own functions (src/app/review.ts): the
// collection (read + validate 52 files, latest valid per unit), then the building alone — plans (the core) and
// files (render.ts, several sheets each) — and the whole `review` command (runReview, files written). Then the four
// workbooks are scored for every unit (ExcelJS, input cells only, as test/support/score-workbook.ts does) and filed
// under <year>/scoring/, and the merge is timed: collect over 52 returned sheets + 4 scoring workbooks (read,
// validate, merge), the merge alone (the core), and `review --results` (every unit's result copy, rendered).
// Targets: the building and the merge well under a second. Prints the median of 5 runs after one warm-up; never
// fails on timing.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ts-review-bench-'));
const cache = path.join(root, 'node_modules', '.cache', 'target-sheets-bench');
mkdirSync(cache, { recursive: true });
const RUNS = 5;

const src = (p) => JSON.stringify(path.join(root, p));
const entry = path.join(tmp, 'review-bench.ts');
writeFileSync(
  entry,
  `
export { catalog2019, planFor } from ${src('test/core/validate/fixture.ts')};
export { edit, fill } from ${src('test/integration/validate-corpus.ts')};
export { renderPlanToXlsx } from ${src('src/xlsx/render.ts')};
export { returnedPath, scoringPath } from ${src('src/core/folders/layout.ts')};
export { checkWorkbookBytes } from ${src('src/app/check.ts')};
export { mergeScoring } from ${src('src/core/scoring-workbook/merge.ts')};
export { resultCopies } from ${src('src/app/result-copies.ts')};
export { scoreWorkbook } from ${src('test/support/score-workbook.ts')};
export { sha256Hex } from ${src('src/core/hash/sha256.ts')};
export { createDiskFolder } from ${src('src/folders/disk.ts')};
export { collect } from ${src('src/app/collect/collect.ts')};
export { planScoringWorkbooks, renderScoringWorkbooks, returnedSheets } from ${src('src/app/review.ts')};
export { runReview } from ${src('src/cli/commands/review.ts')};
`,
);
const outfile = path.join(cache, 'review-bench.cjs');
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
const m = createRequire(import.meta.url)(outfile);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Wall time and this process's CPU time: on a shared 2-core machine the wall time depends on what else runs.
async function timed(fn) {
  await fn(); // warm-up
  const ms = [];
  const cpu = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    last = await fn();
    const used = process.cpuUsage(c);
    ms.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
  return { ms: median(ms), cpu: median(cpu), last };
}
const show = (t) => `${t.ms.toFixed(0).padStart(6)} ms (CPU ${t.cpu.toFixed(0)} ms)`;

try {
  const catalog = m.catalog2019;
  const share = path.join(tmp, 'share');
  for (const [i, unit] of catalog.units.entries()) {
    const plan = m.planFor(unit);
    const bytes = await m.edit({ plan, bytes: await m.renderPlanToXlsx(plan) }, (e) => {
      let off = i % 2 === 1;
      m.fill(e, (_j, weight) => {
        if (off && weight >= 1) {
          off = false;
          return { completion: '基本完成', self: weight - 1, reason: '部分工作未按期完成' };
        }
        return { completion: '已完成', self: weight };
      });
    });
    const rel = m.returnedPath(2019, unit.name, new Date(Date.UTC(2020, 0, 10, 8, 0)), await m.sha256Hex(bytes));
    const file = path.join(share, ...rel.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  const folder = m.createDiskFolder(share);
  const createdAt = '2019-12-25T00:00:00.000Z';

  const collected = await timed(() => m.collect(folder, { catalog }));
  const returned = m.returnedSheets(collected.last.summary, collected.last.submissions);
  const planned = await timed(() => m.planScoringWorkbooks(catalog, returned, { createdAt }));
  const rendered = await timed(() => m.renderScoringWorkbooks(planned.last));
  let n = 0;
  // The command's own report lines are not the bench's.
  const write = process.stdout.write;
  process.stdout.write = () => true;
  let command;
  try {
    command = await timed(() =>
      m.runReview(share, { out: path.join(tmp, `out-${n++}`), json: true, quiet: true, createdAt, folder }),
    );
  } finally {
    process.stdout.write = write;
  }

  // The scorers return their workbooks, every pair scored.
  const everyUnit = new Set(catalog.units.map((u) => u.id));
  const scoredBytes = [];
  for (const book of rendered.last) {
    const file = path.join(tmp, book.name);
    writeFileSync(file, book.bytes);
    await m.scoreWorkbook(catalog, file, everyUnit);
    const scored = readFileSync(file.replace(/\.xlsx$/, '-scored.xlsx'));
    scoredBytes.push({ scorer: book.scorer, bytes: new Uint8Array(scored) });
    const rel = m.scoringPath(2019, book.scorer, new Date(Date.UTC(2020, 0, 20, 8, 0)), m.sha256Hex(scored));
    mkdirSync(path.dirname(path.join(share, rel)), { recursive: true });
    writeFileSync(path.join(share, ...rel.split('/')), scored);
  }
  const merged = await timed(() => m.collect(folder, { catalog }));
  const merge = merged.last.summary.scoring;
  // Where the merge's time goes: reading and checking each scoring workbook (the record read, the workbook rebuilt
  // and compared cell by cell).
  const checks = [];
  for (const s of scoredBytes)
    checks.push({ scorer: s.scorer, t: await timed(() => m.checkWorkbookBytes(s.bytes, { catalog })) });
  const mergeOnly = await timed(() => m.mergeScoring(catalog, merged.last.scoring, { teamName: '考核组' }));
  const copies = await timed(() =>
    m.resultCopies(folder, { catalog, createdAt, fileStem: (unit) => `${unit}-评分结果` }),
  );

  const files = rendered.last;
  const rows = files.reduce((s, f) => s + f.items, 0);
  const kib = files.reduce((s, f) => s + f.bytes.length, 0) / 1024;
  console.log(
    `review: ${catalog.units.length} units, ${returned.size} valid returned sheets → ${files.length} scoring workbooks, ${rows} rows (${files.map((f) => `${f.scorer} ${f.items}`).join(', ')}), ${kib.toFixed(0)} KiB; median of ${RUNS} (${os.cpus().length} CPUs):`,
  );
  console.log(`  collect 52 returned sheets     ${show(collected)}`);
  console.log(`  plan every scoring workbook    ${show(planned)}`);
  console.log(`  render every scoring workbook  ${show(rendered)}`);
  console.log(
    `  building (plan + render)       ${show({ ms: planned.ms + rendered.ms, cpu: planned.cpu + rendered.cpu })}   target: well under 1 s`,
  );
  console.log(`  the review command, files written ${show(command)} (exit ${command.last})`);
  const assessed = merged.last.summary.units.filter((u) => u.assessedItems === u.items).length;
  console.log(
    `merge: ${merged.last.files} files (${merged.last.submissions.length} returned sheets, ${merged.last.scoring.length} scoring workbooks; ${merge?.scorers.filter((s) => s.status === 'valid').length} valid), ${assessed} units fully assessed:`,
  );
  console.log(`  collect 52 sheets + 4 workbooks (read, validate, merge) ${show(merged)}   target: well under 1 s`);
  for (const c of checks) console.log(`  check the ${c.scorer} workbook ${show(c.t)}`);
  console.log(`  the merge alone (core)         ${show(mergeOnly)}`);
  console.log(`  review --results: ${copies.last.copies.length} result copies ${show(copies)}`);
  console.log(
    `  load average now ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
