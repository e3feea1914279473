// Bundles the CLI (src/cli/main.ts and the core it uses) into dist/cli.cjs. Dependencies stay in node_modules
// and are loaded only by the commands that need them, which keeps start-up fast.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
await build({
  entryPoints: [path.join(root, 'src/cli/main.ts')],
  outfile: path.join(root, 'dist/cli.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  loader: { '.txt': 'text' },
  sourcemap: 'linked',
  logLevel: 'warning',
});
