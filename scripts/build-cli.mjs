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
await build({
  entryPoints: [path.join(root, 'src/cli/main.ts')],
  outfile: path.join(root, 'dist/cli.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external,
  loader: { '.txt': 'text' },
  sourcemap: 'linked',
  logLevel: 'warning',
});
