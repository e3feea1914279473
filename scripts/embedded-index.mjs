// Writes src/seeds/embedded-index.json: the embedded 2019 catalog's index (src/app/catalog-index.ts), which the task
// pane shows before it loads the full catalog. Run it after changing seeds/2019-targets.txt or the catalog reader;
// test/app/catalog-index.test.ts fails until the file matches the document again.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const result = await build({
  stdin: {
    contents:
      "import { catalogIndex } from './src/app/catalog-index';\n" +
      "import { loadEmbeddedCatalog } from './src/app/catalog-source';\n" +
      'export const index = catalogIndex(loadEmbeddedCatalog());\n',
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  format: 'esm',
  platform: 'node',
  loader: { '.txt': 'text' },
  // The index module reads the file this script writes: start from an empty one when it is missing.
  plugins: [
    {
      name: 'index-json',
      setup(b) {
        b.onResolve({ filter: /embedded-index\.json$/ }, () => ({ path: 'embedded-index', namespace: 'empty' }));
        b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: '{}', loader: 'json' }));
      },
    },
  ],
  write: false,
});
const { index } = await import(
  `data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`
);
const file = path.join(root, 'src/seeds/embedded-index.json');
writeFileSync(file, `${JSON.stringify(index, null, 2)}\n`);
console.log(`${path.relative(root, file)}: ${index.units.length} units, ${index.diagnostics.length} diagnostics`);
