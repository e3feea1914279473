// Validating returned sheets: 52 generated templates (every unit of the 2019 catalog) filled in correctly, copied
// to 1,000 and 2,000 files, then checked by the real CLI process (`target-sheets validate --json FILE...`, the
// same code path users run: one process, one file at a time). Prints files per second and peak memory (RSS, from
// /usr/bin/time) for both sizes, so a growth of memory with the number of files would be visible.
// Target (issue 3): at least 150 files/s on this 2-core machine, memory flat and under 300 MB.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const work = mkdtempSync(path.join(os.tmpdir(), 'validate-bench-'));
try {
  // The corpus builder from the tests (generated templates filled through ExcelJS), bundled for Node.
  await build({
    stdin: {
      contents: `export { catalog2019 } from './test/core/validate/fixture';
                 export { template, edit, fillCorrectly } from './test/integration/validate-corpus';
                 export { validateFile } from './src/cli/commands/validate';
                 export { readWorkbook } from './src/xlsx/read';
                 export { default as ExcelJS } from 'exceljs';`,
      resolveDir: root,
      loader: 'ts',
    },
    outfile: path.join(work, 'corpus.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    loader: { '.txt': 'text' },
    logLevel: 'error',
  });
  const require = createRequire(import.meta.url);
  const { catalog2019, template, edit, fillCorrectly, validateFile, readWorkbook, ExcelJS } = require(
    path.join(work, 'corpus.cjs'),
  );

  let t0 = performance.now();
  const filled = path.join(work, 'filled');
  mkdirSync(filled);
  const sources = [];
  for (const [i, unit] of catalog2019.units.entries()) {
    const t = await template(unit);
    const file = path.join(filled, `${String(i).padStart(2, '0')}.xlsx`);
    writeFileSync(file, await edit(t, fillCorrectly));
    sources.push(file);
  }
  const sizes = sources.map((f) => readFileSync(f).length);
  console.log(
    `validate: ${sources.length} units filled in ${((performance.now() - t0) / 1000).toFixed(1)} s; file size ${Math.min(...sizes)}–${Math.max(...sizes)} bytes`,
  );

  // Why the validator has its own reader: loading the same files with ExcelJS, against src/xlsx/read.ts.
  const bytes = sources.map((f) => readFileSync(f));
  const rounds = 4;
  let c0 = process.cpuUsage();
  for (let r = 0; r < rounds; r++) for (const b of bytes) await new ExcelJS.Workbook().xlsx.load(b);
  let c = process.cpuUsage(c0);
  const excelMs = (c.user + c.system) / 1000 / (rounds * bytes.length);
  c0 = process.cpuUsage();
  for (let r = 0; r < rounds * 4; r++)
    for (const b of bytes) readWorkbook(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
  c = process.cpuUsage(c0);
  const leanMs = (c.user + c.system) / 1000 / (rounds * 4 * bytes.length);
  console.log(
    `validate: reading one filled file: ExcelJS xlsx.load ${excelMs.toFixed(2)} ms CPU, src/xlsx/read.ts ${leanMs.toFixed(2)} ms CPU`,
  );

  spawnSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
  const bin = path.join(root, 'bin', 'target-sheets.cjs');
  const hasTime = existsSync('/usr/bin/time');

  const results = [];
  for (const count of [1000, 2000]) {
    const dir = path.join(work, `n${count}`);
    mkdirSync(dir);
    const files = [];
    for (let i = 0; i < count; i++) {
      const file = path.join(dir, `${String(i).padStart(5, '0')}.xlsx`);
      copyFileSync(sources[i % sources.length], file);
      files.push(file);
    }
    const timeOut = path.join(work, `time-${count}.txt`);
    const command = hasTime ? '/usr/bin/time' : process.execPath;
    const args = hasTime
      ? ['-f', '%M %U %S', '-o', timeOut, process.execPath, bin, 'validate', '--json', ...files]
      : [bin, 'validate', '--json', ...files];
    t0 = performance.now();
    const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    const seconds = (performance.now() - t0) / 1000;
    let statuses = {};
    try {
      for (const f of JSON.parse(run.stdout).files) statuses[f.status] = (statuses[f.status] ?? 0) + 1;
    } catch {
      statuses = { unparsable: run.stdout.slice(0, 200) + run.stderr.slice(0, 500) };
    }
    const [maxKb, user, sys] = hasTime
      ? readFileSync(timeOut, 'utf8').trim().split('\n').pop().split(' ').map(Number)
      : [NaN, NaN, NaN];
    const rssMb = maxKb / 1024;
    const cpu = user + sys;
    results.push({ count, seconds, rssMb, cpu });
    // CPU seconds too: the machine is shared, and wall time depends on what else runs.
    console.log(
      `validate: ${count} files in ${seconds.toFixed(2)} s wall (whole process, start-up included) = ${(count / seconds).toFixed(0)} files/s; ` +
        `CPU ${cpu.toFixed(2)} s = ${(count / cpu).toFixed(0)} files per CPU-second; peak RSS ${rssMb.toFixed(0)} MB; exit ${run.status}; ${JSON.stringify(statuses)}; load ${os.loadavg()[0].toFixed(1)}`,
    );
    if (count === 2000 && typeof globalThis.gc === 'function') {
      // The same per-file function in this process: live heap after a full GC, every 500 files (a leak would grow).
      const heap = [];
      for (let i = 0; i < files.length; i++) {
        await validateFile(files[i]);
        if ((i + 1) % 500 === 0) {
          globalThis.gc();
          heap.push(`${i + 1}: ${(process.memoryUsage().heapUsed / 1e6).toFixed(1)} MB`);
        }
      }
      console.log(`validate: live heap after GC (in process) ${heap.join(', ')}`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  const [a, b] = results;
  const marginalCpu = (b.count - a.count) / (b.cpu - a.cpu);
  console.log(
    `validate: marginal cost (2,000 − 1,000 files) ${((1000 * (b.cpu - a.cpu)) / (b.count - a.count)).toFixed(2)} ms CPU per file = ${marginalCpu.toFixed(0)} files per CPU-second; ` +
      `peak RSS ${a.rssMb.toFixed(0)} MB → ${b.rssMb.toFixed(0)} MB (target ≥ 150 files/s, < 300 MB, flat)`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
