// Bundles the CLI (src/cli/main.ts and the core it uses) into dist/cli.cjs. Dependencies stay in node_modules
// and are loaded only by the commands that need them, which keeps start-up fast — except ExcelJS, which is
// bundled: require('exceljs') from node_modules costs ~0.3 s of module loading, its bundle about half of that
// (it is still evaluated only when a command first writes a workbook).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const BUNDLED = new Set(['exceljs']);
const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.optionalDependencies })
  .filter((name) => !BUNDLED.has(name))
  .flatMap((name) => [name, `${name}/*`]);
// The CLI only builds and reads workbooks (ExcelJS's Workbook and its xlsx reader/writer): resolve 'exceljs' to
// that class alone, and its CSV module to a stub, so that the streaming reader/writer and CSV dependencies
// (unzipper, archiver, fast-csv, dayjs, bluebird, …) are neither bundled nor evaluated.
const slimExcelJS = {
  name: 'slim-exceljs',
  setup(b) {
    b.onResolve({ filter: /^exceljs$/ }, () => ({ path: 'exceljs', namespace: 'slim-exceljs' }));
    b.onLoad({ filter: /.*/, namespace: 'slim-exceljs' }, () => ({
      contents: "const Workbook = require('exceljs/lib/doc/workbook'); module.exports = { Workbook, default: { Workbook } };",
      resolveDir: root,
      loader: 'js',
    }));
    b.onResolve({ filter: /^\.\.\/csv\/csv$/ }, (args) =>
      /exceljs[\\/]lib[\\/]doc/.test(args.importer) ? { path: 'csv-stub', namespace: 'slim-exceljs-csv' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'slim-exceljs-csv' }, () => ({
      contents: "module.exports = class CSV { constructor() { throw new Error('CSV is not part of the target-sheets CLI bundle'); } };",
      loader: 'js',
    }));
  },
};
await build({
  entryPoints: [path.join(root, 'src/cli/main.ts')],
  outfile: path.join(root, 'dist/cli.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external,
  plugins: [slimExcelJS],
  loader: { '.txt': 'text' },
  sourcemap: 'linked',
  logLevel: 'warning',
});
