// Wall time of the whole `target-sheets generate` process (node start-up, catalog, plans, template writer, zip,
// files): all 52 units of the embedded 2019 document, and the same catalog repeated ×10 (520 units, as a catalog
// JSON file through the same SOURCE path), median of several runs each, with peak RSS from /usr/bin/time -v; then,
// in process, the time per unit of the two template writers (the ExcelJS renderer and the direct writer the CLI
// uses). Targets (brief): all units < 0.4 s; ×10 units < ×10 time; peak memory < 150 MB. Prints figures; never
// fails on timing.
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, 'bin/target-sheets.cjs');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ts-generate-bench-'));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const RUNS_X10 = Number(process.env.BENCH_RUNS_X10 ?? 3);

execFileSync(process.execPath, [path.join(root, 'scripts/build-cli.mjs')], { stdio: 'inherit' });

// The ×10 catalog: the embedded catalog as JSON, its units repeated with distinct ids and names.
// (`catalog` exits 1 when the document has error diagnostics, as the 2019 one does; its JSON is still complete.)
const dumped = spawnSync(process.execPath, [bin, 'catalog', '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
if (dumped.status !== 0 && dumped.status !== 1)
  throw new Error(`catalog --json failed (${dumped.status}): ${dumped.stderr}`);
const catalog = JSON.parse(dumped.stdout);
const units = [];
for (let k = 1; k <= 10; k++) {
  for (const u of catalog.units)
    units.push({
      id: u.id,
      name: u.name,
      group: u.group,
      totalWeight: u.totalWeight,
      items: u.items,
      ...(k > 1 ? { id: `${u.id}-r${k}`, name: `${u.name}-${k}` } : {}),
    });
}
const x10 = path.join(tmp, 'catalog-x10.json');
writeFileSync(x10, JSON.stringify({ year: catalog.year, source: 'catalog-x10.json', units, diagnostics: [] }));

const hasTime = existsSync('/usr/bin/time');
function run(args, label) {
  const out = path.join(tmp, `out-${label}`);
  rmSync(out, { recursive: true, force: true });
  const argv = [bin, 'generate', ...args, '--out', out, '--created-at', '2019-12-01T00:00:00Z'];
  const started = process.hrtime.bigint();
  const r = hasTime
    ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...argv], { encoding: 'utf8', cwd: tmp })
    : spawnSync(process.execPath, argv, { encoding: 'utf8', cwd: tmp });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`generate failed (${r.status}): ${r.stderr}`);
  const rss = hasTime ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024 : NaN;
  // CPU time (user + system) is less sensitive than wall time to other work on a shared machine.
  const cpu = hasTime
    ? Number(/User time \(seconds\): ([\d.]+)/.exec(r.stderr)?.[1] ?? NaN) +
      Number(/System time \(seconds\): ([\d.]+)/.exec(r.stderr)?.[1] ?? NaN)
    : NaN;
  const files = readdirSync(out).length;
  rmSync(out, { recursive: true, force: true });
  return { wall, rss, cpu, files };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function series(args, label, runs) {
  run(args, label); // warm the file cache
  const rs = Array.from({ length: runs }, () => run(args, label));
  return {
    wall: median(rs.map((r) => r.wall)),
    min: Math.min(...rs.map((r) => r.wall)),
    cpu: median(rs.map((r) => r.cpu)),
    rss: Math.max(...rs.map((r) => r.rss)),
    files: rs[0].files,
  };
}

const nodeStart = median(
  Array.from({ length: 5 }, () => {
    const t = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    return Number(process.hrtime.bigint() - t) / 1e9;
  }),
);
const a = series([], 'x1', RUNS);
const b = series([x10], 'x10', RUNS_X10);
const f = (s) => `${s.toFixed(3)} s`;
console.log(
  `machine: ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; bare \`node -e 0\`: ${f(nodeStart)}`,
);
console.log(
  `generate, all units (${a.files} files):      median ${f(a.wall)} (min ${f(a.min)}) of ${RUNS} runs; CPU ${f(a.cpu)}; peak RSS ${a.rss.toFixed(0)} MB   target < 0.400 s`,
);
console.log(
  `generate, ×10 units (${b.files} files):    median ${f(b.wall)} (min ${f(b.min)}) of ${RUNS_X10} runs; CPU ${f(b.cpu)}; peak RSS ${b.rss.toFixed(0)} MB`,
);
console.log(
  `per unit: ${((a.wall / a.files) * 1000).toFixed(2)} ms (×1), ${((b.wall / b.files) * 1000).toFixed(2)} ms (×10); time ratio ×10/×1 = ${(b.wall / a.wall).toFixed(2)} (target < 10); peak memory target < 150 MB`,
);

// In process, per unit: the two template writers on the same 52 plans (warm, after one untimed pass each). The
// CLI uses the direct writer; the ExcelJS renderer is the definition of the bytes (test/xlsx/render-direct.test.ts).
const entry = path.join(tmp, 'writers.ts');
writeFileSync(
  entry,
  `
export { renderPlanToXlsx } from ${JSON.stringify(path.join(root, 'src/xlsx/render.ts'))};
export { renderPlanDirect } from ${JSON.stringify(path.join(root, 'src/xlsx/render-direct.ts'))};
export { buildSheetPlan } from ${JSON.stringify(path.join(root, 'src/core/plan/build.ts'))};
export { catalogIdentity } from ${JSON.stringify(path.join(root, 'src/core/plan/fingerprint.ts'))};
export { readCatalogText } from ${JSON.stringify(path.join(root, 'src/core/catalog/build.ts'))};
export { sheetTexts } from ${JSON.stringify(path.join(root, 'src/i18n/sheet-texts.ts'))};
export { EMBEDDED_SOURCE_TEXT, EMBEDDED_SOURCE_NAME } from ${JSON.stringify(path.join(root, 'src/seeds/embedded.ts'))};
`,
);
const bundle = path.join(tmp, 'writers.cjs');
await build({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: bundle,
  logLevel: 'error',
  nodePaths: [path.join(root, 'node_modules')],
  loader: { '.txt': 'text' },
});
const w = createRequire(import.meta.url)(bundle);
const cat = w.readCatalogText(w.EMBEDDED_SOURCE_TEXT, { source: w.EMBEDDED_SOURCE_NAME });
const ident = w.catalogIdentity(cat);
const plans = cat.units.map((u) =>
  w.buildSheetPlan(u, ident, { createdAt: '2019-12-01T00:00:00Z', texts: w.sheetTexts('zh-CN') }),
);
async function perUnit(render) {
  for (const p of plans) await render(p); // warm-up
  const samples = [];
  for (let k = 0; k < 5; k++) {
    const t = process.hrtime.bigint();
    for (const p of plans) await render(p);
    samples.push(Number(process.hrtime.bigint() - t) / 1e6 / plans.length);
  }
  return median(samples);
}
const viaExcelJS = await perUnit(w.renderPlanToXlsx);
const direct = await perUnit(w.renderPlanDirect);
// Checked here too, not only claimed (the real check is test/xlsx/render-direct.test.ts).
let same = 0;
for (const p of plans)
  if (Buffer.from(await w.renderPlanToXlsx(p)).equals(Buffer.from(await w.renderPlanDirect(p)))) same++;
console.log(
  `template writers in process, per unit (warm, median of 5 passes over ${plans.length} plans): ExcelJS ${viaExcelJS.toFixed(2)} ms, direct ${direct.toFixed(2)} ms (${(viaExcelJS / direct).toFixed(1)}×); identical files: ${same} of ${plans.length}`,
);
rmSync(tmp, { recursive: true, force: true });
