// `npm start`: on Windows and macOS, sideload the task pane into desktop Excel with Microsoft's
// office-addin-debugging, fetched by npx when first used (it is not a dependency: its native keychain module and
// its install scripts cannot build on Linux, and `npm ci` must not depend on them); elsewhere build, start the
// HTTPS dev server on port 3000 and print how to sideload the manifest into Excel on the web.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function resolveBin(pkg, bin) {
  try {
    const pkgJson = require.resolve(`${pkg}/package.json`, { paths: [root] });
    const { bin: bins } = require(pkgJson);
    const rel = typeof bins === 'string' ? bins : bins?.[bin];
    return rel ? path.join(path.dirname(pkgJson), rel) : null;
  } catch {
    return null;
  }
}

function run(file, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file, ...args], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

function npx(args) {
  return new Promise((resolve) => {
    const child = spawn('npx', args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', () => resolve(1));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

const desktop = process.platform === 'win32' || process.platform === 'darwin';
const webpack = resolveBin('webpack-cli', 'webpack-cli');
if (!webpack) {
  console.error('webpack-cli is not installed: run npm ci');
  process.exit(1);
}

if (desktop) {
  // Starts the dev server (npm run dev-server), trusts the dev certificate and sideloads into desktop Excel.
  process.exit(await npx(['--yes', 'office-addin-debugging@7', 'start', 'manifest.xml', 'desktop']));
}

console.log('Desktop Excel is not available on this platform: starting the dev server for Excel on the web.');
const buildCode = await run(webpack, ['--mode', 'development']);
if (buildCode !== 0) process.exit(buildCode);
console.log(`
Target Sheets task pane: https://localhost:3000/taskpane.html
(the first start installs a localhost development certificate with office-addin-dev-certs)

To sideload into Excel on the web:
  1. Open a workbook at https://www.office.com (OneDrive or SharePoint).
  2. Home > Add-ins > More add-ins > My add-ins > Upload My Add-in (or Insert > Add-ins > Upload My Add-in).
  3. Choose ${path.join(root, 'manifest.xml')} and select Upload.
  4. Open the pane with 考核表 (Target Sheets) on the Home tab.
Opened directly in a browser, the pane works on files: generate and download, or check a returned file.
Press Ctrl+C to stop the server.
`);
process.exit(await run(webpack, ['serve', '--mode', 'development']));
