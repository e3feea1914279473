// The pane's 考核设置 and 结果 engine without a browser: 保存 checks the form with the core's rules (the same refusals,
// by field, as a settings file) and stores nothing when it refuses; in Excel the result goes into the open workbook
// through src/office/results.ts (replaced here by a recorder), and a register that cannot be used stops the run
// before any returned sheet is read. In Excel the rules can be read from the open workbook's 考核设置 sheet (the
// Office stand-in holds it), checked by the core as the sheet of `--settings F.xlsx` is.
import type { FolderEntry, SharedFolder } from '../../src/core/folders/folder';
import type { PrintableWorkbook } from '../../src/office/summary';
import { parseSettings, settingsToJson } from '../../src/core/results/settings-schema';
import { loadRules, rulesInput, rulesKey, saveRules } from '../../src/taskpane/engine/result-rules';
import { readRulesFromWorkbook, runResults } from '../../src/taskpane/engine/results';
import { settingsToRows, SETTINGS_SHEET_NAME } from '../../src/core/results/settings-sheet';
import type { Settings } from '../../src/core/results/model';
import { createTranslator } from '../../src/i18n';
import { useFakeExcel } from '../office/excel-mock';
import type { RulesForm } from '../../src/taskpane/operations';
import { sheetFile } from '../support/results-fixtures';
import { embeddedCatalog, MemoryStorage } from './support/sheets';

const inserted: Array<{ book: PrintableWorkbook; sheet: string }> = [];
jest.mock('../../src/office/results', () => ({
  insertResults: async (book: PrintableWorkbook, sheet: string) => {
    inserted.push({ book, sheet });
    return { sheets: book.sheets.map((s) => s.name), chart: true };
  },
}));

const form = (patch: Partial<RulesForm> = {}): RulesForm => ({
  weighted: true,
  weights: { self: '20', assessed: '80', survey: '' },
  grades: [
    { name: '优秀', min: '95' },
    { name: '合格', min: '0' },
  ],
  quota: { enabled: true, grade: '优秀', share: '0.3' },
  bonusCap: '5',
  ...patch,
});

describe('考核设置: 保存', () => {
  test('a form that breaks the rules is refused field by field, as the same settings file would be, and nothing is stored', () => {
    const storage = new MemoryStorage();
    const bad = form({
      weights: { self: '20', assessed: '60', survey: '30' },
      grades: [
        { name: '优秀', min: '95' },
        { name: '良好', min: '九十' },
        { name: '合格', min: '0' },
      ],
      quota: { enabled: true, grade: '优秀', share: '1.5' },
    });
    const issues = saveRules(2019, bad, storage);
    expect(issues.map((i) => [i.field, i.code])).toEqual([['grades[1].min', 'settings-field-not-a-number']]);
    const fixedText = form({
      weights: { self: '20', assessed: '60', survey: '30' },
      quota: { enabled: true, grade: '优秀', share: '1.5' },
    });
    expect(saveRules(2019, fixedText, storage).map((i) => [i.field, i.code])).toEqual([
      ['weights', 'settings-weights-sum'],
      ['quota.share', 'settings-quota-share-range'],
    ]);
    // The core's own verdict on the same input, word for word.
    const core = parseSettings(rulesInput(fixedText));
    expect(core.ok ? [] : core.issues).toEqual(saveRules(2019, fixedText, storage));
    expect(storage.items.size).toBe(0);
    expect(loadRules(2019, storage).saved).toBe(false);
  });

  test('sound rules are stored for their year as the settings file; a blank weight counts 0, a blank cap is none', () => {
    const storage = new MemoryStorage();
    expect(saveRules(2019, form({ bonusCap: '' }), storage)).toEqual([]);
    const settings = {
      weights: { self: 20, assessed: 80, survey: 0 },
      grades: [
        { name: '优秀', min: 95 },
        { name: '合格', min: 0 },
      ],
      quota: { grade: '优秀', share: 0.3 },
      bonusCap: null,
    };
    expect(storage.items.get(rulesKey(2019))).toBe(settingsToJson(settings));
    expect(loadRules(2019, storage)).toEqual({ settings, saved: true });
    expect(loadRules(2020, storage).saved).toBe(false);
    // A stored value edited by hand into one that breaks a rule is not used.
    storage.setItem(rulesKey(2019), '{"weights": {"self": 50}}');
    expect(loadRules(2019, storage)).toEqual({
      settings: { weights: null, grades: [], quota: null, bonusCap: null },
      saved: false,
    });
  });
});

const emptyFolder = (opened: string[]): SharedFolder => ({
  label: 'memory:/',
  atomicCreate: true,
  exists: async () => false,
  stat: async () => null,
  list: async (path: string): Promise<FolderEntry[]> => {
    opened.push(path);
    return [];
  },
  mkdirp: async () => {},
  createExclusive: async () => ({}),
  move: async () => {},
  read: async () => new Uint8Array(),
  remove: async () => {},
});

const file = (bytes: Uint8Array, name: string): File =>
  ({
    name,
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  }) as File;

describe('结果 in Excel', () => {
  test('the summary with 考核结果 goes into the open workbook; nothing is downloaded', async () => {
    const downloads: string[] = [];
    const catalog = embeddedCatalog();
    const register = file(
      await sheetFile([
        ['单位', '类型', '分值', '事由'],
        [catalog.units[0]!.name, '加分', 2, '表彰'],
        ['不存在的局', '加分', 1, '表彰'],
      ]),
      '台账.xlsx',
    );
    const outcome = await runResults(
      { catalog, lang: 'zh-CN', register, onProgress: () => {} },
      {
        openFolder: async () => emptyFolder([]),
        output: 'workbook',
        download: (_b, name) => downloads.push(name),
        now: () => new Date('2020-01-20T08:00:00Z'),
      },
    );
    expect(downloads).toEqual([]);
    expect(inserted).toHaveLength(1);
    expect(inserted[0]!.sheet).toBe('考核结果');
    expect(inserted[0]!.book.sheets.map((s) => s.name).slice(0, 2)).toEqual(['汇总', '考核结果']);
    if (outcome.kind !== 'done') throw new Error(outcome.kind);
    expect(outcome.output).toEqual({ kind: 'sheets', names: inserted[0]!.book.sheets.map((s) => s.name) });
    expect(outcome.groups.flatMap((g) => g.rows)).toHaveLength(catalog.units.length);
    expect(outcome.inputIssues.map((i) => [i.source, i.cell])).toEqual([['register', 'A3']]);
  });

  test('a register without its header row is refused whole, and no returned sheet is read', async () => {
    inserted.length = 0;
    const listed: string[] = [];
    const outcome = await runResults(
      {
        catalog: embeddedCatalog(),
        lang: 'zh-CN',
        register: file(await sheetFile([['名称', '分数']]), '台账.xlsx'),
        onProgress: () => {},
      },
      {
        openFolder: async () => emptyFolder(listed),
        output: 'workbook',
        download: () => {},
        now: () => new Date(),
      },
    );
    expect(outcome.kind).toBe('refused');
    if (outcome.kind === 'refused') expect(outcome.refusal).toMatchObject({ source: 'register', file: '台账.xlsx' });
    expect(listed).toEqual([]);
    expect(inserted).toEqual([]);
  });
});

describe('考核设置 from the open workbook (Excel)', () => {
  const excel = useFakeExcel();
  const t = createTranslator('zh-CN');
  const sound: Settings = {
    weights: { self: 20, assessed: 80, survey: 0 },
    grades: [
      { name: '优秀', min: 95 },
      { name: '合格', min: 0 },
    ],
    quota: { grade: '优秀', share: 0.3 },
    bonusCap: 5,
  };
  function sheetWith(settings: Settings): void {
    const fake = excel.install();
    const sheet = fake.addSheet(SETTINGS_SHEET_NAME);
    settingsToRows(settings).forEach((row, r) =>
      row.forEach((value, c) => {
        if (value !== null) sheet.cells.set(`${r + 1},${c + 1}`, { input: value, value });
      }),
    );
  }

  test('sound rules on the 考核设置 sheet are read back as they were written', async () => {
    sheetWith(sound);
    await expect(readRulesFromWorkbook()).resolves.toEqual({ ok: true, settings: sound });
  });

  test("rules that break a rule are refused with the core's reasons, each by its cell", async () => {
    sheetWith({ ...sound, weights: { self: 20, assessed: 60, survey: 30 } });
    const read = await readRulesFromWorkbook();
    if (read.ok) throw new Error('accepted');
    expect(read.refusal.reasons(t)).toEqual([expect.stringMatching(/^B\d+：.*110/)]);
  });

  test('a workbook without a 考核设置 sheet is told so', async () => {
    excel.install().addSheet('Sheet1');
    const read = await readRulesFromWorkbook();
    if (read.ok) throw new Error('accepted');
    expect(read.refusal.reasons(t)).toEqual(['当前工作簿中没有「考核设置」工作表。']);
  });
});
