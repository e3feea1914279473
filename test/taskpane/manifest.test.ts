// manifest.xml, checked offline (`office-addin-manifest validate` needs Microsoft's online service): read with
// Microsoft's own manifest reader, then its add-in command parts with an XML parser.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ManifestInfo } from 'office-addin-manifest';

const ROOT = path.resolve(__dirname, '..', '..');
const MANIFEST = path.join(ROOT, 'manifest.xml');

/** Microsoft's reader, run in plain Node: under Jest it trips over an ESM-only dependency. */
function readManifestInfo(file: string): ManifestInfo {
  const script = `require('office-addin-manifest').OfficeAddinManifest.readManifestFile(process.argv[1])
    .then((i) => process.stdout.write(JSON.stringify(i)), (e) => { console.error(e); process.exit(1); })`;
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script, file], { cwd: ROOT, encoding: 'utf8' }),
  ) as ManifestInfo;
}

// xml2js is what office-addin-manifest itself parses XML manifests with; it ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- xml2js ships no types: a typed require() of the one function used
const { parseStringPromise } = require('xml2js') as { parseStringPromise: (xml: string) => Promise<XmlNode> };
type XmlNode = { [key: string]: XmlNode[] | XmlNode | string } & { $?: Record<string, string>; _?: string };

function all(node: unknown, name: string): XmlNode[] {
  // Every element called `name` anywhere below `node`.
  const found: XmlNode[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      for (const [key, value] of Object.entries(n)) {
        if (key === name) found.push(...((Array.isArray(value) ? value : [value]) as XmlNode[]));
        if (key !== '$') walk(value);
      }
    }
  };
  walk(node);
  return found;
}

function pngSize(file: string): { width: number; height: number; bytes: number } {
  const data = readFileSync(file);
  expect(data.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), bytes: data.length };
}

test('the manifest is an Excel (Workbook) task pane named 考核目标评分表 / Target Sheets with a fixed id', async () => {
  const info = readManifestInfo(MANIFEST);
  expect(info.officeAppType).toBe('TaskPaneApp');
  expect(info.hosts).toEqual(['Workbook']);
  expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(info.displayName).toBe('考核目标评分表');
  expect(info.defaultSettings?.sourceLocation).toBe('https://localhost:3000/taskpane.html');
  expect(info.appDomains).toContain('https://localhost:3000');
  expect(info.supportUrl).toMatch(/^https:\/\//);
  const xml = await parseStringPromise(readFileSync(MANIFEST, 'utf8'));
  const english = all(all(xml, 'DisplayName')[0], 'Override').map((o) => o.$);
  expect(english).toContainEqual({ Locale: 'en-US', Value: 'Target Sheets' });
});

test('the manifest requires ExcelApi 1.9 and nothing newer', async () => {
  const xml = await parseStringPromise(readFileSync(MANIFEST, 'utf8'));
  const sets = all(all(xml, 'Requirements')[0], 'Set').map((s) => s.$);
  expect(sets).toEqual([{ Name: 'ExcelApi', MinVersion: '1.9' }]);
});

test('a button on the Home tab opens the task pane, and every resource it names exists', async () => {
  const xml = await parseStringPromise(readFileSync(MANIFEST, 'utf8'));
  const overrides = all(xml, 'VersionOverrides')[0];
  const tab = all(overrides, 'OfficeTab')[0];
  expect(tab.$?.id).toBe('TabHome');
  const action = all(tab, 'Action')[0];
  expect(action.$?.['xsi:type']).toBe('ShowTaskpane');

  const ids = new Set(
    ['bt:Image', 'bt:Url', 'bt:String'].flatMap((name) =>
      all(all(overrides, 'Resources')[0], name).map((n) => n.$?.id),
    ),
  );
  const referenced = new Set<string>();
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const attrs = (n as XmlNode).$;
      if (attrs?.resid) referenced.add(attrs.resid);
      Object.entries(n).forEach(([k, v]) => k !== '$' && walk(v));
    }
  };
  walk(overrides);
  expect(referenced.size).toBeGreaterThan(5);
  for (const id of referenced) expect(ids).toContain(id);
});

test('every icon the manifest names is a PNG in assets/ of the stated size and under 10 KB', async () => {
  const xml = readFileSync(MANIFEST, 'utf8');
  const parsed = await parseStringPromise(xml);
  const urls = [...xml.matchAll(/https:\/\/localhost:3000\/(assets\/[^"]+\.png)/g)].map((m) => m[1]);
  expect(urls.length).toBeGreaterThanOrEqual(5);
  for (const url of new Set(urls)) {
    const size = pngSize(path.join(ROOT, url));
    const stated = Number(/icon-(\d+)\.png$/.exec(url)?.[1]);
    expect([size.width, size.height]).toEqual([stated, stated]);
    expect(size.bytes).toBeLessThan(10 * 1024);
  }
  const ribbonSizes = all(parsed, 'bt:Image')
    .filter((i) => i.$?.size)
    .map((i) => i.$?.size);
  expect(new Set(ribbonSizes)).toEqual(new Set(['16', '32', '80']));
});
