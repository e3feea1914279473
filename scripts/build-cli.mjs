// Bundles the CLI (src/cli/main.ts and the core it uses) into dist/cli/ (ES modules, one chunk per command and heavy dependency). Dependencies stay in node_modules
// and are loaded only by the commands that need them, which keeps start-up fast — except ExcelJS, which is
// bundled: require('exceljs') from node_modules costs ~0.3 s of module loading, its bundle about half of that
// (it is still evaluated only when a command first writes a workbook).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const BUNDLED = new Set(['exceljs', 'webdav', 'commander', 'i18next', 'fflate']);
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
      contents:
        "const Workbook = require('exceljs/lib/doc/workbook'); module.exports = { Workbook, default: { Workbook } };",
      resolveDir: root,
      loader: 'js',
    }));
    // JSZip is only for reading workbooks (the master sheet): evaluated on the first read, not at every start.
    b.onLoad({ filter: /exceljs[\\/]lib[\\/]xlsx[\\/]xlsx\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const eager = "const JSZip = require('jszip');";
      if (!source.includes(eager)) throw new Error('exceljs/lib/xlsx/xlsx.js no longer requires jszip as expected');
      return {
        contents: source.replace(
          eager,
          "let jszip; const JSZip = { loadAsync: (...args) => (jszip ??= require('jszip')).loadAsync(...args) };",
        ),
        resolveDir: path.dirname(args.path),
        loader: 'js',
      };
    });
    b.onResolve({ filter: /^\.\.\/csv\/csv$/ }, (args) =>
      /exceljs[\\/]lib[\\/]doc/.test(args.importer) ? { path: 'csv-stub', namespace: 'slim-exceljs-csv' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'slim-exceljs-csv' }, () => ({
      contents:
        "module.exports = class CSV { constructor() { throw new Error('CSV is not part of the target-sheets CLI bundle'); } };",
      loader: 'js',
    }));
    // ExcelJS's zip writer (JSZip) is replaced, for writers that pass a `collect` hook in their zip options
    // (src/xlsx/render.ts), by one that hands the parts over as they are: the renderer zips them once,
    // deterministically, instead of JSZip zipping and the renderer unzipping and zipping again.
    b.onResolve({ filter: /^\.\.\/utils\/zip-stream$/ }, (args) =>
      /exceljs[\\/]lib[\\/]xlsx/.test(args.importer)
        ? { path: 'zip-stream', namespace: 'slim-exceljs-zip' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'slim-exceljs-zip' }, () => ({
      contents: `
const events = require('events');
class PartsCollector extends events.EventEmitter {
  constructor(options) { super(); this.collect = options.collect; this.parts = []; }
  append(data, options) {
    const bytes = options.base64 ? Buffer.from(String(data), 'base64') : typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    this.parts.push([options.name, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)]);
  }
  pipe(destination) { return destination; }
  async finalize() {
    try { this.collect(this.parts); this.emit('finish'); } catch (error) { this.emit('error', error); }
  }
}
// ExcelJS's own zip writer (and with it JSZip) is loaded only by a writer without the hook.
function ZipWriter(options) {
  if (options && typeof options.collect === 'function') return new PartsCollector(options);
  return new (require('exceljs/lib/utils/zip-stream').ZipWriter)(options);
}
module.exports = { ZipWriter };
`,
      resolveDir: root,
      loader: 'js',
    }));
  },
};
// ES modules with code splitting: each command's code, and ExcelJS or the WebDAV client, is a separate chunk that
// Node reads and compiles only when a command imports it, so start-up compiles little (a single 2 MB file cost
// ~80 ms of compilation before any command ran).
await rm(path.join(root, 'dist/cli'), { recursive: true, force: true });
await build({
  entryPoints: { main: path.join(root, 'src/cli/main.ts') },
  outdir: path.join(root, 'dist/cli'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external,
  plugins: [slimExcelJS],
  loader: { '.txt': 'text' },
  // Bundled CommonJS code (ExcelJS) calls require() for Node's built-in modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  sourcemap: 'linked',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
