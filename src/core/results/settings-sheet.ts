// The settings as rows of a 考核设置 sheet (key/value cells), for the master workbook: settingsToRows writes them,
// settingsFromSheet reads them back (settingsFromSheet(rows of settingsToRows(s)) gives s). The key texts are a
// file contract, like a template's header row. Layout:
//
//   设置项   | 值    | 最低分
//   自评权重 | 20
//   考核权重 | 80
//   测评权重 | 0
//   等次     | 优秀  | 95        ← one row per band, highest first
//   等次     | 不合格 | 0
//   限额等次 | 优秀
//   限额比例 | 0.3
//   加分上限 | 5
//
// Reading: the header row is found by its texts (设置项, 值, 最低分; other columns are ignored); rows without a key
// are skipped. Three blank weights mean no weighting (DEFAULT_SETTINGS' rule); once one is given, a blank one
// counts 0, as a weight left out of the JSON file does. Blank 限额等次 and 限额比例: no quota; blank 加分上限: no
// cap. A value must be a number cell (a number stored as text is refused, as in the register). Every problem
// names its cell; the rules of ./settings are then checked and their issues name the cell of the field.
import type { CellValue } from '../plan/model';
import { cellAddress, type SheetContents } from '../validate/grid';
import { parseScore } from '../validate/score';
import { cellText, SheetGrid } from '../validate/sheet';
import { COMPONENTS, type Component, type GradeBand, type ResultIssue, type Settings } from './model';
import { checkSettings } from './settings';
import { findTableHeader } from './table';
import type { SettingsResult } from './settings-schema';

export const SETTINGS_SHEET_NAME = '考核设置';

export const SETTINGS_HEADERS = { key: '设置项', value: '值', min: '最低分' } as const;

export const SETTINGS_KEYS = {
  self: '自评权重',
  assessed: '考核权重',
  survey: '测评权重',
  grade: '等次',
  quotaGrade: '限额等次',
  quotaShare: '限额比例',
  bonusCap: '加分上限',
} as const;
type KeyName = keyof typeof SETTINGS_KEYS;

export function settingsToRows(settings: Settings): CellValue[][] {
  const h = SETTINGS_HEADERS;
  const k = SETTINGS_KEYS;
  return [
    [h.key, h.value, h.min],
    ...COMPONENTS.map((c): CellValue[] => [k[c], settings.weights?.[c] ?? null]),
    ...settings.grades.map((b): CellValue[] => [k.grade, b.name, b.min]),
    [k.quotaGrade, settings.quota?.grade ?? null],
    [k.quotaShare, settings.quota?.share ?? null],
    [k.bonusCap, settings.bonusCap],
  ];
}

export function settingsFromSheet(sheet: SheetContents): SettingsResult {
  const grid = new SheetGrid(sheet);
  const h = SETTINGS_HEADERS;
  const found = findTableHeader(grid, h, ['key', 'value', 'min']);
  const header = found && {
    row: found.row,
    key: found.columns.key!,
    value: found.columns.value!,
    min: found.columns.min!,
  };
  if (!header) {
    const issue: ResultIssue = {
      code: 'settings-sheet-header-missing',
      field: null,
      cell: null,
      params: { headers: [h.key, h.value, h.min].join(' | ') },
    };
    return { ok: false, issues: [issue] };
  }

  const issues: ResultIssue[] = [];
  const byKey = new Map<string, KeyName>(Object.entries(SETTINGS_KEYS).map(([name, text]) => [text, name as KeyName]));
  const scalars = new Map<KeyName, number>(); // key → row
  const bands: { row: number }[] = [];
  for (let r = header.row + 1; r <= grid.maxRow; r++) {
    const text = cellText(grid.value(r, header.key));
    if (text === '') continue;
    const name = byKey.get(text);
    const keyCell = cellAddress(r, header.key);
    if (name === undefined) {
      issues.push({ code: 'settings-sheet-key-unknown', field: null, cell: keyCell, params: { key: text } });
    } else if (name === 'grade') {
      bands.push({ row: r });
    } else if (scalars.has(name)) {
      issues.push({
        code: 'settings-sheet-key-repeated',
        field: null,
        cell: keyCell,
        params: { key: text, first: cellAddress(scalars.get(name)!, header.key) },
      });
    } else {
      scalars.set(name, r);
    }
  }

  /** The cell each field was read from, so that a broken rule names it. */
  const cells = new Map<string, string>();
  const valueCell = (row: number, col = header.value): string => cellAddress(row, col);

  const readNumber = (name: KeyName | 'min', row: number, col: number, field: string): number | null | undefined => {
    const cell = valueCell(row, col);
    cells.set(field, cell);
    const parsed = parseScore(grid.value(row, col));
    if (parsed.kind === 'empty') return null;
    if (parsed.kind === 'number') return parsed.value;
    const key = name === 'min' ? h.min : SETTINGS_KEYS[name];
    const read = 'read' in parsed ? parsed.read : '';
    issues.push({ code: 'settings-sheet-not-a-number', field, cell, params: { key, read } });
    return undefined;
  };
  const missing = (name: KeyName | 'min', row: number | undefined, field: string, col = header.value): void => {
    const cell = row === undefined ? null : valueCell(row, col);
    const key = name === 'min' ? h.min : SETTINGS_KEYS[name];
    issues.push({ code: 'settings-sheet-value-missing', field, cell, params: { key } });
  };

  // Weights: all blank → no weighting; else blank counts 0.
  const weightValues = new Map<Component, number | null | undefined>();
  for (const c of COMPONENTS) {
    const row = scalars.get(c);
    weightValues.set(c, row === undefined ? null : readNumber(c, row, header.value, `weights.${c}`));
  }
  const firstWeightRow = scalars.get('self') ?? scalars.get('assessed') ?? scalars.get('survey');
  if (firstWeightRow !== undefined) cells.set('weights', valueCell(firstWeightRow));
  const anyWeight = [...weightValues.values()].some((v) => v !== null);
  const weights: Settings['weights'] = anyWeight
    ? {
        self: weightValues.get('self') ?? 0,
        assessed: weightValues.get('assessed') ?? 0,
        survey: weightValues.get('survey') ?? 0,
      }
    : null;

  const grades: GradeBand[] = [];
  bands.forEach(({ row }, i) => {
    const nameCell = valueCell(row);
    cells.set(`grades[${i}].name`, nameCell);
    const name = cellText(grid.value(row, header.value));
    const min = readNumber('min', row, header.min, `grades[${i}].min`);
    if (min === null) missing('min', row, `grades[${i}].min`, header.min);
    grades.push({ name, min: min ?? 0 });
  });

  let quota: Settings['quota'] = null;
  const gradeRow = scalars.get('quotaGrade');
  const shareRow = scalars.get('quotaShare');
  const quotaGrade = gradeRow === undefined ? '' : cellText(grid.value(gradeRow, header.value));
  if (gradeRow !== undefined) cells.set('quota.grade', valueCell(gradeRow));
  const share = shareRow === undefined ? null : readNumber('quotaShare', shareRow, header.value, 'quota.share');
  if (quotaGrade !== '' || share !== null) {
    if (quotaGrade === '') missing('quotaGrade', gradeRow, 'quota.grade');
    if (share === null) missing('quotaShare', shareRow, 'quota.share');
    quota = { grade: quotaGrade, share: share ?? 0 };
  }

  const capRow = scalars.get('bonusCap');
  const bonusCap = capRow === undefined ? null : readNumber('bonusCap', capRow, header.value, 'bonusCap');

  if (issues.length > 0) return { ok: false, issues };
  const settings: Settings = { weights, grades, quota, bonusCap: bonusCap ?? null };
  const broken = checkSettings(settings).map((i) => ({ ...i, cell: (i.field && cells.get(i.field)) ?? null }));
  return broken.length > 0 ? { ok: false, issues: broken } : { ok: true, settings };
}
