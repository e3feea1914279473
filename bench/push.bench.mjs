// Time to publish every unit's template to a local Apache WebDAV server with the push code path (mkdirp,
// exclusive PUT of a hidden temp name, read back + SHA-256, MOVE Overwrite: F), compared with plain sequential
// `curl -T` PUTs of the same files. Target: within twice the curl time. Prints figures; never fails on timing.
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ts-push-bench-'));
const ROUNDS = 3;

// Build the code under test (push command + Apache harness) for Node.
const entry = path.join(tmp, 'entry.ts');
writeFileSync(
  entry,
  `export { pushFiles } from ${JSON.stringify(path.join(root, 'src/cli/commands/push.ts'))};
export { startApache } from ${JSON.stringify(path.join(root, 'test/support/apache.ts'))};\n`,
);
await build({
  entryPoints: [entry],
  outfile: path.join(tmp, 'bench.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  loader: { '.txt': 'text' },
  logLevel: 'warning',
  absWorkingDir: root,
});
// Resolve bare imports (webdav, i18next, …) from the project's node_modules.
const bundlePath = path.join(root, 'node_modules', '.cache', 'target-sheets-bench', 'push.mjs');
mkdirSync(path.dirname(bundlePath), { recursive: true });
copyFileSync(path.join(tmp, 'bench.mjs'), bundlePath);
const { pushFiles, startApache } = await import(pathToFileURL(bundlePath).href);

// The files: every unit's template from `generate` if the CLI has it, otherwise same-sized stand-ins.
const filesDir = path.join(tmp, 'templates');
mkdirSync(filesDir);
let source = 'stand-ins';
const cli = path.join(root, 'bin/target-sheets.cjs');
const help = existsSync(path.join(root, 'dist/cli/main.mjs'))
  ? (spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).stdout ?? '')
  : '';
if (/^\s+generate\b/m.test(help)) {
  const gen = spawnSync(process.execPath, [cli, 'generate', '--out', filesDir], { encoding: 'utf8', cwd: root });
  if (gen.status === 0 && readdirSync(filesDir).some((f) => f.endsWith('.xlsx'))) source = 'generate';
  else console.log(`generate did not produce templates (exit ${gen.status}); using stand-ins`);
}
if (source === 'stand-ins') {
  // 52 units (4 + 8 + 24 + 16) at about the size of a generated template.
  for (let i = 0; i < 52; i++) {
    const bytes = Buffer.alloc(24 * 1024 + i * 97);
    for (let j = 0; j < bytes.length; j++) bytes[j] = (j * 31 + i * 7) & 255;
    writeFileSync(path.join(filesDir, `单位${String(i + 1).padStart(2, '0')}.xlsx`), bytes);
  }
}
const files = readdirSync(filesDir)
  .filter((f) => f.endsWith('.xlsx'))
  .sort()
  .map((f) => path.join(filesDir, f));
const totalBytes = files.reduce((n, f) => n + statSync(f).size, 0);

const apache = await startApache({ user: 'bench', password: 'bench-pass' });
const curlAuth = `${apache.user}:${apache.password}`;
const mkcol = (url) => execFileSync('curl', ['-sS', '-f', '-u', curlAuth, '-X', 'MKCOL', url]);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  const curlTimes = [];
  const pushTimes = [];
  const cliTimes = [];
  for (let round = 0; round < ROUNDS; round++) {
    // curl: one PUT per file into an existing collection (no mkdir, no checks) — the floor.
    const curlBase = `${apache.url}curl${round}/`;
    mkcol(curlBase);
    mkcol(`${curlBase}2019/`);
    mkcol(`${curlBase}2019/templates/`);
    let t0 = performance.now();
    for (const f of files) {
      const r = spawnSync('curl', [
        '-sS',
        '-f',
        '-o',
        '/dev/null',
        '-u',
        curlAuth,
        '-T',
        f,
        `${curlBase}2019/templates/${encodeURIComponent(path.basename(f))}`,
      ]);
      if (r.status !== 0) throw new Error(`curl failed: ${r.stderr}`);
    }
    curlTimes.push(performance.now() - t0);

    // The push code path, in process (what `push` and `generate --push` run).
    const pushBase = `${apache.url}push${round}/`;
    mkcol(pushBase);
    t0 = performance.now();
    const result = await pushFiles(files, {
      to: pushBase,
      as: 'template',
      year: 2019,
      user: apache.user,
      password: apache.password,
      progress: () => {},
      out: () => {},
    });
    pushTimes.push(performance.now() - t0);
    if (result.failures.length) throw new Error(`push failed: ${JSON.stringify(result.failures[0])}`);

    // The whole CLI process (node start-up included), as a user runs it.
    const cliBase = `${apache.url}cli${round}/`;
    mkcol(cliBase);
    t0 = performance.now();
    const run = spawnSync(
      process.execPath,
      [
        cli,
        'push',
        ...files,
        '--to',
        cliBase,
        '--user',
        apache.user,
        '--password-env',
        'BENCH_DAV_PASSWORD',
        '--as',
        'template',
        '--year',
        '2019',
      ],
      { env: { ...process.env, BENCH_DAV_PASSWORD: apache.password }, encoding: 'utf8' },
    );
    cliTimes.push(performance.now() - t0);
    if (run.status !== 0) throw new Error(`CLI push failed: ${run.stderr.slice(-500)}`);
  }
  const c = median(curlTimes),
    p = median(pushTimes),
    k = median(cliTimes);
  console.log(
    `push: ${files.length} templates (${source}), ${(totalBytes / 1024).toFixed(0)} KiB, to Apache WebDAV on 127.0.0.1; median of ${ROUNDS}`,
  );
  console.log(`  sequential curl -T PUTs:            ${c.toFixed(0)} ms`);
  console.log(
    `  push code path (in process):        ${p.toFixed(0)} ms   ratio ${(p / c).toFixed(2)} (target <= 2.00)`,
  );
  console.log(`  target-sheets push (whole process): ${k.toFixed(0)} ms   ratio ${(k / c).toFixed(2)}`);
} finally {
  await apache.stop();
  rmSync(tmp, { recursive: true, force: true });
  rmSync(bundlePath, { force: true });
}
