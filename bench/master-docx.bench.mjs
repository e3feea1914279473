// Master sheet and .docx on the 2019 document (52 units): time to export the catalog to a master sheet (grid and
// .xlsx file), to read the file back, and to read the document as a .docx; file sizes. Prints figures only.
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'master-docx-'));
const entry = path.join(dir, 'entry.ts');
const src = (p) => JSON.stringify(path.join(root, p));
writeFileSync(
  entry,
  `
export { readCatalogText } from ${src('src/core/catalog/build.ts')};
export { readTargetsText } from ${src('src/core/catalog/read-text.ts')};
export { catalogToMasterRows, masterRowsToCatalog } from ${src('src/core/catalog/master.ts')};
export { writeMasterWorkbook, readMasterWorkbook } from ${src('src/xlsx/master.ts')};
export { readCatalogDocx } from ${src('src/docx/read-docx.ts')};
export { buildDocx } from ${src('test/docx/build-docx.ts')};
export { EMBEDDED_SOURCE_TEXT } from ${src('src/seeds/embedded.ts')};
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
    loader: { '.txt': 'text' },
  });
  const require = createRequire(path.join(root, 'package.json'));
  const m = require(out);

  async function time(label, runs, fn) {
    await fn(); // warm-up
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const start = process.hrtime.bigint();
      await fn();
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    samples.sort((a, b) => a - b);
    const median = samples[Math.floor(samples.length / 2)];
    console.log(
      `${label.padEnd(46)} median ${median.toFixed(1).padStart(8)} ms   min ${samples[0].toFixed(1).padStart(8)} ms   (${runs} runs)`,
    );
  }

  const catalog = m.readCatalogText(m.EMBEDDED_SOURCE_TEXT, { source: '2019-targets.txt' });
  const grid = m.catalogToMasterRows(catalog);
  const rows = grid.map((cells, i) => ({ row: i + 1, cells }));
  const xlsx = await m.writeMasterWorkbook(catalog);
  const docx = await m.buildDocx(m.readTargetsText(m.EMBEDDED_SOURCE_TEXT).document);
  console.log(
    `2019 catalog: ${catalog.units.length} units, master sheet ${grid.length - 2} target rows, .xlsx ${xlsx.length} bytes, .docx ${docx.length} bytes`,
  );

  await time('text → catalog (reference)', 20, () => m.readCatalogText(m.EMBEDDED_SOURCE_TEXT, { source: 'x' }));
  await time('catalog → master grid (core)', 50, () => m.catalogToMasterRows(catalog));
  await time('master grid → catalog (core)', 50, () => m.masterRowsToCatalog(rows, { source: 'x' }));
  await time('catalog → master .xlsx (ExcelJS, repacked)', 10, () => m.writeMasterWorkbook(catalog));
  await time('master .xlsx → catalog (ExcelJS)', 10, () => m.readMasterWorkbook(xlsx, { source: 'x' }));
  await time('.docx → catalog (fflate + own XML reader)', 20, () => m.readCatalogDocx(docx, { source: 'x' }));
  globalThis.gc?.();
  console.log(`heap used after runs: ${(process.memoryUsage().heapUsed / 1048576).toFixed(1)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
