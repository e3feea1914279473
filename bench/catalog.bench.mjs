// Reading the targets catalog: the 2019 document parsed in-process (first call and warm calls), and the whole
// `target-sheets catalog --json` process. Prints figures; never fails on timing.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = mkdtempSync(path.join(tmpdir(), 'catalog-bench-'));
try {
  await build({
    stdin: { contents: "export { readCatalogText } from './src/core/catalog/build';", resolveDir: root, loader: 'ts' },
    outfile: path.join(out, 'catalog.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
  });
  const require = createRequire(import.meta.url);
  const { readCatalogText } = require(path.join(out, 'catalog.cjs'));
  const text = readFileSync(path.join(root, 'seeds', '2019-targets.txt'), 'utf8');

  const firstCpu0 = process.cpuUsage();
  let t0 = performance.now();
  const first = readCatalogText(text, { source: '2019-targets.txt' });
  const firstMs = performance.now() - t0;
  const firstCpu = process.cpuUsage(firstCpu0);
  const firstCpuMs = (firstCpu.user + firstCpu.system) / 1000;
  const runs = 50;
  const cpu0 = process.cpuUsage();
  t0 = performance.now();
  for (let i = 0; i < runs; i++) readCatalogText(text, { source: '2019-targets.txt' });
  const warmMs = (performance.now() - t0) / runs;
  const cpu = process.cpuUsage(cpu0);
  const warmCpuMs = (cpu.user + cpu.system) / 1000 / runs;
  console.log(
    `catalog: 2019 document, ${text.split('\n').length} lines -> ${first.units.length} units, ${first.diagnostics.length} diagnostics`,
  );
  console.log(
    `catalog: readCatalogText first call (cold code) ${firstMs.toFixed(1)} ms wall, ${firstCpuMs.toFixed(1)} ms CPU; warm mean of ${runs}: ${warmMs.toFixed(2)} ms wall, ${warmCpuMs.toFixed(2)} ms CPU`,
  );

  const bin = path.join(root, 'bin', 'target-sheets.cjs');
  spawnSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
  const times = [];
  for (let i = 0; i < 5; i++) {
    t0 = performance.now();
    const result = spawnSync(process.execPath, [bin, 'catalog', '--json'], { encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (result.status !== 1) console.log(`catalog: unexpected exit ${result.status}`);
  }
  times.sort((a, b) => a - b);
  console.log(
    `catalog: process "target-sheets catalog --json" median of 5 ${times[2].toFixed(0)} ms (min ${times[0].toFixed(0)} ms)`,
  );
} finally {
  rmSync(out, { recursive: true, force: true });
}
