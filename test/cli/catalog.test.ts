import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { documentText, ownTable, partyTable20 } from '../core/catalog/craft';
import { installedCli } from '../support/cli';

let work: string;

/** `catalog --json` as printed (the README's shape). */
interface CatalogJson {
  year: number;
  units: { id: string; name: string; group: string; totalWeight: number; items: Record<string, unknown>[] }[];
  diagnostics: { severity: string; code: string; unit: string | null; line: number | null; message: string }[];
}

/** Distinct items the 考核组 scores in the 2019 document: every item without an owner, a shared party item once. */
function catalogTeamItems(): number {
  const json = JSON.parse(run(['catalog', '--json']).stdout) as CatalogJson;
  const seen = new Set<string>();
  for (const unit of json.units)
    for (const item of unit.items)
      if (item.owner === null)
        seen.add(JSON.stringify([item.block, item.category, item.item, item.content, item.weight]));
  return seen.size;
}

const run = (args: string[]) => installedCli(args, { ...process.env, LANG: 'C' }, work);

const cleanDocument = documentText([...partyTable20(), '2019年度各事业局考核任务目标', ...ownTable('测试局')]);

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'catalog-cli-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('target-sheets catalog --json', () => {
  let result: ReturnType<typeof run>;
  let json: CatalogJson;
  beforeAll(() => {
    result = run(['catalog', '--json']);
    json = JSON.parse(result.stdout) as CatalogJson;
  });

  test('prints the embedded 2019 catalog in exactly the documented shape', () => {
    expect(Object.keys(json)).toEqual(['year', 'units', 'diagnostics']);
    expect(json.year).toBe(2019);
    expect(json.units).toHaveLength(52);
    for (const unit of json.units) {
      expect(Object.keys(unit)).toEqual(['id', 'name', 'group', 'totalWeight', 'items']);
      for (const item of unit.items)
        expect(Object.keys(item)).toEqual(['block', 'category', 'item', 'content', 'weight', 'owner']);
    }
    expect(json.units[0]).toMatchObject({
      id: 'bureau-01',
      name: '省地质矿产勘查开发局',
      group: 'bureau',
      totalWeight: 100,
    });
    for (const d of json.diagnostics) expect(Object.keys(d)).toEqual(['severity', 'code', 'unit', 'line', 'message']);
  });

  test('items carry their owner: the unit resolved, the text kept (reported ambiguous), null for the 考核组', () => {
    const owners = new Map<string, number>();
    for (const unit of json.units)
      for (const item of unit.items) {
        const key = String(item.owner);
        owners.set(key, (owners.get(key) ?? 0) + 1);
      }
    expect(owners.get('自然资源开发利用处')).toBe(40);
    expect(owners.get('办公室')).toBe(120);
    expect(owners.get('信息中心')).toBe(40);
    expect([...owners.keys()].sort()).toEqual(['null', '信息中心', '办公室', '自然资源开发利用处']);
    expect(json.diagnostics.filter((d) => d.code.startsWith('owner-'))).toEqual([
      {
        severity: 'warning',
        code: 'owner-ambiguous',
        unit: null,
        line: 124,
        message:
          '考核单位“信息中心”可能是以下任一单位：省自然资源厅信息中心、省基础地理信息中心；未作推断，按原文保留，请在考核目标总表的“考核单位”列中指定',
      },
    ]);
  });

  test('diagnostic messages come from the Chinese locale, with their values filled in', () => {
    const missing = json.diagnostics.find((d) => d.code === 'weight-missing');
    expect(missing).toMatchObject({ severity: 'error', unit: '海北州自然资源局', line: 1863 });
    expect(missing!.message).toMatch(/^目标“基本完成全州房地一体.*”没有分值，暂按 0 分读取$/);
    const total = json.diagnostics.find((d) => d.code === 'unit-total-mismatch');
    expect(total!.message).toBe(
      '分值合计 105 分，应为 100 分（党政建设 20 分 + 本单位目标 85 分，本单位目标应为 80 分）；生成的表会标出',
    );
    for (const d of json.diagnostics) expect(d.message).not.toContain('{{');
  });

  test('exits 1 because the 2019 document has targets without a weight', () => {
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
  });

  test('English messages with --lang en', () => {
    const english = JSON.parse(run(['catalog', '--json', '--lang', 'en']).stdout) as CatalogJson;
    const total = english.diagnostics.find((d) => d.code === 'unit-total-mismatch');
    expect(total!.message).toBe(
      'weights add up to 105, expected 100 (Party building 20 + Own targets 85; Own targets should be 80); the generated sheet shows it',
    );
  });
});

describe('target-sheets catalog (human output)', () => {
  test('lists each unit with its group, item count and total, the diagnostics, and a summary, in Chinese', () => {
    const { code, stdout } = run(['catalog']);
    expect(code).toBe(1);
    expect(stdout).toContain('bureau-01 | 省地质矿产勘查开发局 | 事业局 | 29 项 | 100 分');
    expect(stdout).toContain('city-03 | 海西州自然资源局 | 市（州）局 | 69 项 | 105 分');
    // The unit first, what is wrong, and the line of the source last.
    expect(stdout).toContain('[错误] 海北州自然资源局：目标“基本完成全州房地一体');
    expect(stdout).toContain(
      '[警告] 海西州自然资源局：分值合计 105 分，应为 100 分（党政建设 20 分 + 本单位目标 85 分，本单位目标应为 80 分）；生成的表会标出（第 1117 行）',
    );
    const team = catalogTeamItems();
    expect(stdout).toContain(
      [
        '考核单位（4 个）：',
        '自然资源开发利用处 | 1 项 | 40 个单位',
        '信息中心（未能确定是哪个单位，见下方问题） | 1 项 | 40 个单位',
        '办公室 | 3 项 | 40 个单位',
        `考核组 | ${team} 项 | 52 个单位`,
      ].join('\n'),
    );
    expect(stdout).toMatch(/\[警告\] 考核单位“信息中心”可能是以下任一单位.*（第 124 行）/);
    expect(stdout.trim().split('\n').pop()).toBe(
      '共 52 个单位（事业局 4 个，市（州）局 8 个，厅机关处室 24 个，厅直属单位 16 个）；错误 2 条，警告 5 条，提示 26 条',
    );
  });

  test('in English with --lang en', () => {
    const { stdout } = run(['catalog', '--lang', 'en']);
    expect(stdout).toContain('Scorers (4):\n自然资源开发利用处 | 1 items | 40 units');
    expect(stdout).toContain('信息中心 (not resolved to one unit; see the diagnostics) | 1 items | 40 units');
    expect(stdout).toContain(
      '[warning] 海西州自然资源局: weights add up to 105, expected 100 (Party building 20 + Own targets 85; Own targets should be 80); the generated sheet shows it (line 1117)',
    );
    expect(stdout.trim().split('\n').pop()).toBe(
      '52 units (Bureaus 4, City / prefecture bureaus 8, Department offices 24, Affiliated institutions 16); 2 errors, 5 warnings, 26 infos',
    );
  });
});

describe('target-sheets catalog SOURCE', () => {
  test('a clean document exits 0 and lists its unit', () => {
    const file = path.join(work, 'clean.txt');
    writeFileSync(file, cleanDocument);
    const { code, stdout } = run(['catalog', file, '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as CatalogJson;
    expect(json.units.map((u) => [u.id, u.name, u.totalWeight])).toEqual([['bureau-01', '测试局', 100]]);
    expect(json.diagnostics).toEqual([]);
  });

  test('a GB18030 export is decoded, and the catalog says so', () => {
    const fixture = path.join(__dirname, 'fixtures', 'targets-gb18030.txt');
    expect(new TextDecoder('gb18030').decode(readFileSync(fixture))).toBe(cleanDocument);
    const { code, stdout } = run(['catalog', fixture, '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as CatalogJson;
    expect(json.units.map((u) => u.name)).toEqual(['测试局']);
    expect(json.diagnostics).toEqual([
      {
        severity: 'info',
        code: 'source-decoded-gb18030',
        unit: null,
        line: null,
        message: '文件不是 UTF-8 编码，已按 GB18030 解码',
      },
    ]);
  });

  test('a text file that is not a targets document exits 1 and says no unit was found', () => {
    writeFileSync(path.join(work, 'notes.txt'), '会议纪要\n\n今天讨论了明年的工作。\n');
    const { code, stdout } = run(['catalog', 'notes.txt']);
    expect(code).toBe(1);
    expect(stdout).toContain('[错误] 文档中没有读到任何单位的考核目标');
    expect(stdout.trim().split('\n').pop()).toBe('没有读到任何单位；错误 2 条，警告 2 条，提示 0 条');
  });

  test('a missing file exits 2 with a Chinese message', () => {
    const { code, stdout, stderr } = run(['catalog', 'no-such-file.txt']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('target-sheets catalog: 找不到文件：no-such-file.txt\n');
  });

  test('a folder, a PDF and a binary file each exit 2 with their own message', () => {
    mkdirSync(path.join(work, 'folder.txt'), { recursive: true });
    expect(run(['catalog', 'folder.txt'])).toMatchObject({
      code: 2,
      stderr: 'target-sheets catalog: 这是一个文件夹，不是文件：folder.txt\n',
    });
    writeFileSync(path.join(work, 'targets.pdf'), '%PDF-1.4');
    const pdf = run(['catalog', 'targets.pdf']);
    expect(pdf.code).toBe(2);
    expect(pdf.stderr).toContain('不支持的文件格式“.pdf”');
    writeFileSync(
      path.join(work, 'binary.txt'),
      Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe, 0x00, 0x81]),
    );
    expect(run(['catalog', 'binary.txt'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('既不是 UTF-8 也不是 GB18030'),
    });
    expect(run(['catalog', 'no-such-file.txt', '--lang', 'en']).stderr).toBe(
      'target-sheets catalog: file not found: no-such-file.txt\n',
    );
  });

  test('a catalog saved as JSON reads back with the same units; a broken one is refused', () => {
    const saved = path.join(work, 'saved.json');
    writeFileSync(saved, run(['catalog', '--json']).stdout);
    const again = run(['catalog', saved, '--json']);
    expect(again.code).toBe(1);
    const original = JSON.parse(readFileSync(saved, 'utf8'));
    expect(JSON.parse(again.stdout).units).toEqual(original.units);
    original.units[0].items[0].weight = -2;
    writeFileSync(saved, JSON.stringify(original));
    const broken = run(['catalog', saved]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('不是有效的目录 JSON 文件');
    expect(broken.stderr).toContain('units.0.items.0.weight');
  });
});
