import fc from 'fast-check';
import type { Catalog } from '../../../src/core/catalog/model';
import { MAX_EXTRA_ROWS } from '../../../src/core/validate/compare';
import { formatIssue } from '../../../src/core/validate/format';
import { validateWorkbook, type ValidationReport } from '../../../src/core/validate/validate';
import { createTranslator } from '../../../src/i18n';
import { allSheetTexts } from '../../../src/i18n/sheet-texts';
import { buildSheetPlan } from '../../../src/core/plan/build';
import { catalogFingerprint } from '../../../src/core/plan/fingerprint';
import type { WorkbookContents } from '../../../src/core/validate/grid';
import {
  clone,
  deleteRow,
  fillCorrectly,
  fillInputs,
  getCell,
  insertRow,
  planToContents,
  setCell,
  swapRows,
  templateSheet,
} from './contents';
import { catalog2019, CREATED_AT, planFor, sampleUnit, TEXTS } from './fixture';

const plan = planFor(sampleUnit);
/** The same unit's template as version 1 made it (考核得分 open to the unit), still in circulation. */
const planV1 = planFor(sampleUnit, catalog2019, 0, 1);

/** `count` rows inserted at once before `row`, each with a number and a text. */
function insertRows(contents: WorkbookContents, row: number, count: number): void {
  const sheet = templateSheet(contents);
  for (const c of sheet.cells) {
    if (c.row >= row) {
      c.row += count;
      c.address = `${c.address.replace(/[0-9]+$/, '')}${c.row}`;
    }
  }
  for (let i = 0; i < count; i++) {
    sheet.cells.push(
      { address: `A${row + i}`, row: row + i, col: 1, value: 0 },
      { address: `D${row + i}`, row: row + i, col: 4, value: `插入${i}` },
    );
  }
}
const { columns, itemRows, subtotalRows, totalRow } = plan.layout;
const template = planToContents(plan);
const filled = clone(template);
fillCorrectly(filled, plan);
const filledV1 = planToContents(planV1);
fillCorrectly(filledV1, planV1);

function validate(contents: WorkbookContents, catalog?: Catalog): ValidationReport {
  return validateWorkbook(contents, { texts: TEXTS, catalog });
}
function codesAt(report: ValidationReport): string[] {
  return report.issues.map((i) => `${i.code}@${i.cell ?? '-'}`);
}
const letter = (col: number): string => String.fromCharCode(64 + col);
const at = (row: number, key: keyof typeof columns): string => `${letter(columns[key])}${row}`;
const weightOf = (row: number): number =>
  plan.cells.find((c) => c.row === row && c.col === columns.weight)!.value as number;

describe('a returned sheet filled in correctly', () => {
  it('is valid, says which unit and year it is, and totals what was entered', () => {
    const report = validate(filled);
    expect(report.issues).toEqual([]);
    expect(report.status).toBe('valid');
    expect(report.unit).toBe(sampleUnit.name);
    expect(report.identity).toMatchObject({
      unitId: sampleUnit.id,
      year: 2019,
      templateVersion: 2,
      sheetName: plan.sheetName,
    });
    const selfCents = itemRows.reduce(
      (s, r, i) => s + Math.round((i % 2 === 0 || weightOf(r.row) < 1 ? weightOf(r.row) : weightOf(r.row) - 1) * 100),
      0,
    );
    expect(report.totals).toEqual({ weight: 100, self: selfCents / 100, assessed: null });
  });

  it('tells the live panel how many items are filled and the running total of each block', () => {
    const contents = clone(template);
    // The first three items filled (完成情况 and 自评得分); the fourth has a score but no 完成情况.
    fillInputs(contents, plan, (i, weight) =>
      i < 3 ? { completion: '已完成', self: weight } : i === 3 ? { self: 0, reason: '未开展' } : {},
    );
    const score = validate(contents).score!;
    expect(score.total.items).toBe(itemRows.length);
    expect(score.total.filled).toBe(3);
    const expected = (block: 'party' | 'own') => {
      const rows = itemRows.map((r, i) => ({ ...r, i })).filter((r) => r.block === block);
      return {
        weight: rows.reduce((s, r) => s + Math.round(weightOf(r.row) * 100), 0) / 100,
        self: rows.filter((r) => r.i < 3).reduce((s, r) => s + Math.round(weightOf(r.row) * 100), 0) / 100,
      };
    };
    expect(score.blocks.map((b) => [b.block, b.weight, b.selfScore])).toEqual(
      (['party', 'own'] as const).map((block) => [block, expected(block).weight, expected(block).self]),
    );
  });

  it('reports what was entered for each target, in item order, for the summary', () => {
    const contents = clone(template);
    fillInputs(contents, plan, (i, weight) =>
      i === 1
        ? { completion: '部分完成', self: 0, reason: '未开展', assessed: 0 }
        : { completion: '已完成', self: weight },
    );
    const entries = validate(contents).entries!;
    expect(entries.map((e) => e.itemIndex)).toEqual(itemRows.map((r) => r.itemIndex));
    expect(entries[1]).toEqual({
      itemIndex: itemRows[1]!.itemIndex,
      selfScore: 0,
      assessedScore: 0,
      deductionReason: '未开展',
      completion: '部分完成',
      evidence: '',
    });
    expect(entries[0]).toEqual({
      itemIndex: itemRows[0]!.itemIndex,
      selfScore: weightOf(itemRows[0]!.row),
      assessedScore: null,
      deductionReason: '',
      completion: '已完成',
      evidence: '',
    });
  });

  it('is valid when the template was generated with the English sheet texts', () => {
    const enPlan = planFor(sampleUnit, catalog2019, 1);
    const contents = planToContents(enPlan);
    fillCorrectly(contents, enPlan);
    expect(validate(contents).issues).toEqual([]);
  });

  it('with protection removed but nothing locked changed, is valid with a warning', () => {
    const contents = clone(filled);
    templateSheet(contents).protected = false;
    const report = validate(contents);
    expect(report.status).toBe('valid');
    expect(report.issues.map((i) => [i.severity, i.code])).toEqual([['warning', 'protection-removed']]);
  });
});

describe('a sheet made before a name was unified (an earlier edition of the sheet texts)', () => {
  // The validator's own candidates: every language's texts, then their earlier editions.
  const editions = allSheetTexts();
  const earlier = editions.find((t) => !TEXTS.includes(t))!;
  const unit = catalog2019.units.find((u) => u.group === 'department')!;
  const identity = { year: catalog2019.year, source: catalog2019.source, fingerprint: catalogFingerprint(catalog2019) };
  const oldPlan = buildSheetPlan(unit, identity, { createdAt: CREATED_AT, texts: earlier });
  const oldSheet = planToContents(oldPlan);
  fillCorrectly(oldSheet, oldPlan);
  const ownSubtotal = oldPlan.layout.subtotalRows.find((s) => s.block === 'own')!.row;

  it('is valid: its info line and 小计 still carry the earlier names', () => {
    expect(getCell(oldSheet, oldPlan.layout.infoRow, 1)?.value).toContain('类别：厅机关各部门');
    expect(getCell(oldSheet, ownSubtotal, columns.category)?.value).toBe('业务工作目标');
    const report = validateWorkbook(oldSheet, { texts: editions });
    expect(report.issues).toEqual([]);
    expect(report.status).toBe('valid');
  });

  it('still has a changed block name reported at its cell', () => {
    const contents = clone(oldSheet);
    setCell(contents, ownSubtotal, columns.category, '本单位工作');
    expect(codesAt(validateWorkbook(contents, { texts: editions }))).toEqual([
      `text-changed@${at(ownSubtotal, 'category')}`,
    ]);
  });

  it('leaves a sheet made with the current names valid too', () => {
    const current = planFor(unit);
    const contents = planToContents(current);
    fillCorrectly(contents, current);
    expect(validateWorkbook(contents, { texts: editions }).issues).toEqual([]);
  });
});

describe('a sheet sent back empty', () => {
  it('says once that the sheet has not been filled in, at its first input cell', () => {
    const report = validate(template);
    expect(report.status).toBe('invalid');
    expect(codesAt(report)).toEqual([`sheet-not-filled@${at(itemRows[0]!.row, 'completion')}`]);
    expect(report.issues[0]!.params).toEqual({ items: itemRows.length });
  });

  it('once anything is entered, names every missing 自评得分 cell with its 序号 and 考核项目', () => {
    const contents = clone(template);
    setCell(contents, itemRows[0]!.row, columns.evidence, '文件');
    const report = validate(contents);
    expect(codesAt(report)).toEqual(itemRows.map((r) => `self-score-missing@${at(r.row, 'selfScore')}`));
    expect(report.issues[1]!.params).toEqual({ seq: 2, item: expect.any(String) });
    expect(report.issues[1]!.params.item).not.toBe('');
  });
});

describe('完成情况 is required once a 自评得分 is given', () => {
  it('a row with 自评得分 and an empty 完成情况 is an error at the 完成情况 cell', () => {
    const contents = clone(filled);
    const row = itemRows[2]!.row;
    setCell(contents, row, columns.completion, '  ');
    const report = validate(contents);
    expect(report.status).toBe('invalid');
    expect(codesAt(report)).toEqual([`completion-missing@${at(row, 'completion')}`]);
    expect(report.issues[0]!.params).toMatchObject({ seq: 3 });
    // Without its record too (the same rule, read by content).
    const bare = clone(contents);
    bare.sheets = [templateSheet(bare)];
    expect(codesAt(validate(bare))).toEqual(['metadata-missing@-', `completion-missing@${at(row, 'completion')}`]);
  });
});

describe('tampering with locked content is an error that names the cell', () => {
  const row = itemRows[3]!.row;

  it('a changed 分值 is named with the old and the new weight', () => {
    const contents = clone(filled);
    getCell(contents, row, columns.weight)!.value = weightOf(row) + 8;
    const report = validate(contents);
    expect(report.status).toBe('invalid');
    const issue = report.issues.find((i) => i.code === 'weight-changed');
    expect(issue).toMatchObject({
      severity: 'error',
      cell: at(row, 'weight'),
      unit: sampleUnit.name,
      params: { expected: String(weightOf(row)), actual: String(weightOf(row) + 8) },
    });
    // The changed cell explains the fingerprint: no second, vaguer line.
    expect(codesAt(report)).toEqual([`weight-changed@${at(row, 'weight')}`]);
    expect(issue!.params).toMatchObject({ seq: 4 });
  });

  it('a changed 考核内容 text is named at its cell', () => {
    const contents = clone(filled);
    getCell(contents, row, columns.content)!.value = '改过的考核内容';
    const report = validate(contents);
    expect(codesAt(report)).toEqual(expect.arrayContaining([`text-changed@${at(row, 'content')}`]));
    expect(report.issues.find((i) => i.code === 'text-changed')!.params).toMatchObject({
      column: '考核内容',
      actual: '改过的考核内容',
    });
  });

  it('an inserted row is named by its row number', () => {
    const contents = clone(filled);
    insertRow(contents, row, { [columns.seq]: 99, [columns.content]: '新增的目标', [columns.weight]: 5 });
    const report = validate(contents);
    expect(codesAt(report)).toEqual(expect.arrayContaining([`row-inserted@A${row}`]));
    expect(report.issues.filter((i) => i.code === 'row-inserted')).toHaveLength(1);
    expect(report.issues.some((i) => i.code === 'weight-changed' || i.code === 'text-changed')).toBe(false);
  });

  it('a deleted row is named with its item', () => {
    const contents = clone(filled);
    deleteRow(contents, row);
    const report = validate(contents);
    const deleted = report.issues.filter((i) => i.code === 'row-deleted');
    expect(deleted).toHaveLength(1);
    expect(deleted[0]!.params).toMatchObject({ row, seq: '4' });
    expect(codesAt(report)).not.toContain('fingerprint-mismatch@-');
  });

  it('a moved row is named with where it came from and where it is now', () => {
    const contents = clone(filled);
    swapRows(contents, row, row + 2);
    const report = validate(contents);
    const moved = report.issues.filter((i) => i.code === 'row-moved');
    expect(moved).toHaveLength(1);
    expect([moved[0]!.params.from, moved[0]!.params.to].sort()).toEqual([row, row + 2].sort());
  });

  it('a subtotal formula replaced by a number, or altered, is named at its cell', () => {
    const sub = subtotalRows[0]!.row;
    const contents = clone(filled);
    setCell(contents, sub, columns.weight, 20);
    setCell(contents, totalRow, columns.selfScore, 50, 'G17+G35+1');
    const report = validate(contents);
    expect(codesAt(report)).toEqual(
      expect.arrayContaining([`formula-replaced@${at(sub, 'weight')}`, `formula-changed@${at(totalRow, 'selfScore')}`]),
    );
  });

  it('formulas written back with "=", "$", spaces, lower case or "_xlfn." are not changes', () => {
    const contents = clone(filled);
    for (const c of templateSheet(contents).cells) {
      if (c.formula && c.formula.startsWith('SUM(')) c.formula = `=sum( $${c.formula.slice(4)}`.replace(':', ' : ');
    }
    expect(validate(contents).issues).toEqual([]);
  });

  it('text typed into a locked empty cell is named', () => {
    const contents = clone(filled);
    setCell(contents, subtotalRows[0]!.row, columns.content, '随便写的');
    expect(codesAt(validate(contents))).toContain(`locked-cell-changed@${at(subtotalRows[0]!.row, 'content')}`);
  });

  it('removed protection together with a change is an error', () => {
    const contents = clone(filled);
    templateSheet(contents).protected = false;
    getCell(contents, row, columns.weight)!.value = 1;
    const report = validate(contents);
    expect(report.issues.find((i) => i.code === 'protection-removed')!.severity).toBe('error');
  });
});

describe('the template record (metadata sheet)', () => {
  it('removed: the sheet is recognised by its header but reported invalid, and its inputs are still checked', () => {
    const contents = clone(filled);
    contents.sheets = [templateSheet(contents)];
    const report = validate(contents);
    expect(report.status).toBe('invalid');
    expect(codesAt(report)).toEqual(['metadata-missing@-']);
    expect(report.totals).toEqual(validate(filled).totals);
    setCell(contents, itemRows[2]!.row, columns.selfScore, '满分');
    expect(codesAt(validate(contents))).toEqual([
      'metadata-missing@-',
      `self-score-not-a-number@${at(itemRows[2]!.row, 'selfScore')}`,
    ]);
  });

  it('removed: 考核得分 is required on every row once started, and party rows count in the party block, as with the record (v1)', () => {
    // A v1 template, where the unit's sheet left 考核得分 open: full marks everywhere; the first row assessed only.
    const plan = planV1;
    const withRecord = planToContents(plan);
    fillInputs(withRecord, plan, (i, weight) => ({
      completion: '已完成',
      self: weight,
      ...(i === 0 ? { assessed: weight } : {}),
    }));
    const contents = clone(withRecord);
    contents.sheets = [templateSheet(contents)];
    const report = validate(contents);
    const missing = itemRows.slice(1).map((r) => `assessed-score-missing@${at(r.row, 'assessedScore')}`);
    expect(codesAt(report)).toEqual(['metadata-missing@-', ...missing]);
    expect(codesAt(validate(withRecord))).toEqual(missing);
    expect(itemRows.some((r) => r.block === 'party') && itemRows.some((r) => r.block === 'own')).toBe(true);
    expect(report.score).toEqual(validate(withRecord).score);
    expect(report.score!.blocks.map((b) => [b.block, b.weight])).toEqual(
      (['party', 'own'] as const).map((block) => [
        block,
        itemRows.filter((r) => r.block === block).reduce((sum, r) => sum + weightOf(r.row), 0),
      ]),
    );
  });

  it('edited to match a tampered weight: the record no longer matches its own fingerprint', () => {
    const contents = clone(filled);
    const meta = contents.sheets[1]!;
    const firstItem = meta.cells.find((c) => c.col === 7 && typeof c.value === 'number')!;
    firstItem.value = (firstItem.value as number) + 1;
    getCell(contents, firstItem.row - 13 + itemRows[0]!.row, columns.weight)!.value = firstItem.value;
    const report = validate(contents);
    expect(report.status).toBe('invalid');
    expect(codesAt(report)).toContain('metadata-mismatch@-');
  });

  it("another unit's record in this unit's sheet: the title and unit line are named", () => {
    const other = catalog2019.units.find((u) => u.id !== sampleUnit.id && u.group === sampleUnit.group)!;
    const contents = clone(filled);
    contents.sheets[1] = planToContents(planFor(other)).sheets[1]!;
    const report = validate(contents);
    expect(report.status).toBe('invalid');
    expect(report.unit).toBe(other.name);
    expect(codesAt(report)).toEqual(
      expect.arrayContaining([
        `locked-cell-changed@A${plan.layout.titleRow}`,
        `locked-cell-changed@A${plan.layout.infoRow}`,
      ]),
    );
  });

  it('a record claiming thousands of items is refused as invalid, not checked slowly', () => {
    const contents = clone(filled);
    const meta = contents.sheets[1]!;
    const last = Math.max(...meta.cells.map((c) => c.row));
    for (let i = 1; i <= 1500; i++)
      meta.cells.push(
        { address: `A${last + i}`, row: last + i, col: 1, value: 1 },
        { address: `C${last + i}`, row: last + i, col: 3, value: 'own' },
        { address: `G${last + i}`, row: last + i, col: 7, value: 1 },
      );
    expect(codesAt(validate(contents))).toEqual(['metadata-invalid@-']);
  });

  it('thousands of rows inserted into the table are reported without matching each one', () => {
    const contents = clone(filled);
    const at0 = itemRows[0]!.row;
    insertRows(contents, at0, 3000);
    const report = validate(contents);
    expect(report.status).toBe('invalid');
    const inserted = report.issues.filter((i) => i.code === 'row-inserted');
    expect(inserted.length).toBeGreaterThan(0);
    expect(inserted.length).toBeLessThanOrEqual(201);
    // Rows past the matching limit: one issue with their count, not a one-row issue carrying it in its text.
    const firstUnmatched = totalRow + MAX_EXTRA_ROWS + 1;
    expect(report.issues.filter((i) => i.code === 'rows-inserted')).toEqual([
      {
        severity: 'error',
        code: 'rows-inserted',
        cell: `A${firstUnmatched}`,
        unit: expect.anything(),
        params: { row: firstUnmatched, count: 3000 - MAX_EXTRA_ROWS },
      },
    ]);
    expect(inserted.every((i) => !String(i.params.text).startsWith('…'))).toBe(true);
    const zh = formatIssue(
      createTranslator(),
      report.issues.find((i) => i.code === 'rows-inserted')!,
    );
    expect(zh).toContain(`从第 ${firstUnmatched} 行起还有 ${3000 - MAX_EXTRA_ROWS} 行是插入的行`);
  });

  it('a workbook that is not a template is unreadable, not a crash', () => {
    const report = validate({
      sheets: [
        {
          name: 'Sheet1',
          visibility: 'visible',
          protected: false,
          cells: [{ address: 'A1', row: 1, col: 1, value: '姓名' }],
        },
      ],
    });
    expect(report).toMatchObject({ status: 'unreadable', unit: null, totals: null });
    expect(codesAt(report)).toEqual(['not-a-template@-']);
  });

  it('a template of an unknown version is unreadable', () => {
    const contents = clone(filled);
    expect(contents.sheets[1]!.cells.some((c) => c.value === 'templateVersion')).toBe(true);
    const versionCell = contents.sheets[1]!.cells.find((c) => c.row === 2 && c.col === 2)!;
    versionCell.value = 7;
    expect(codesAt(validate(contents))).toEqual(['template-version-unsupported@-']);
  });
});

describe('bad inputs are errors at their cells, saying what was read', () => {
  const r = itemRows[1]!.row;
  const w = weightOf(r);
  const cases: Array<[string, Parameters<typeof setCell>[3], string, Record<string, unknown>]> = [
    ['text "8分"', '8分', 'self-score-not-a-number', { read: '8分' }],
    ['full-width digits', '１', 'self-score-not-a-number', { read: '１' }],
    ['a Chinese numeral', '八', 'self-score-not-a-number', { read: '八' }],
    ['a number typed as text', ' 1 ', 'self-score-numeric-text', { read: ' 1 ', value: 1 }],
    ['a negative score', -1, 'self-score-negative', { value: -1 }],
    ['a score above the weight', w + 0.5, 'self-score-above-weight', { value: w + 0.5, weight: w }],
    ['more than two decimals', 0.125, 'self-score-too-many-decimals', { value: 0.125 }],
  ];
  it.each(cases)('%s', (_name, value, code, params) => {
    const contents = clone(filled);
    setCell(contents, r, columns.selfScore, value);
    setCell(contents, r, columns.deductionReason, '说明');
    const report = validate(contents);
    const issue = report.issues.find((i) => i.code === code);
    expect(issue).toMatchObject({ severity: 'error', cell: at(r, 'selfScore'), params });
    expect(report.status).toBe('invalid');
  });

  it('a missing 扣分说明 when 自评得分 < 分值', () => {
    const contents = clone(filled);
    setCell(contents, r, columns.selfScore, w - 0.5);
    setCell(contents, r, columns.deductionReason, null);
    const report = validate(contents);
    expect(report.issues.find((i) => i.code === 'deduction-reason-missing')).toMatchObject({
      cell: at(r, 'deductionReason'),
      params: { score: w - 0.5, weight: w },
    });
  });

  it("v2: 考核得分 is the assessors' column; anything the unit puts there is reported at its cell", () => {
    const contents = clone(filled);
    setCell(contents, r, columns.assessedScore, w);
    const report = validate(contents);
    expect(report.status).toBe('invalid');
    expect(report.issues.find((i) => i.code === 'assessed-score-changed')).toMatchObject({
      cell: at(r, 'assessedScore'),
      params: { expected: '', actual: String(w) },
    });
    expect(
      formatIssue(
        createTranslator(),
        report.issues.find((i) => i.code === 'assessed-score-changed')!,
      ),
    ).toMatch(/考核得分由考核组评定/);
  });

  it('v1: 考核得分 is checked where present, and once started every row needs one', () => {
    const plan = planV1;
    const contents = planToContents(plan);
    fillInputs(contents, plan, (i, weight) => ({
      completion: '完成',
      self: weight,
      assessed: i === 0 ? weight + 1 : i === 1 ? '满分' : undefined,
    }));
    const report = validate(contents);
    expect(report.issues.find((i) => i.code === 'assessed-score-above-weight')!.cell).toBe(
      at(itemRows[0]!.row, 'assessedScore'),
    );
    expect(report.issues.find((i) => i.code === 'assessed-score-not-a-number')).toMatchObject({
      cell: at(itemRows[1]!.row, 'assessedScore'),
      params: { read: '满分' },
    });
    expect(report.issues.filter((i) => i.code === 'assessed-score-missing')).toHaveLength(itemRows.length - 2);
  });

  it('a sheet total that disagrees with the recomputed one is named', () => {
    const contents = clone(filled);
    getCell(contents, totalRow, columns.selfScore)!.value = 12.5;
    const report = validate(contents);
    expect(report.issues).toEqual([
      expect.objectContaining({
        code: 'total-mismatch',
        cell: at(totalRow, 'selfScore'),
        params: expect.objectContaining({ label: 'total', actual: 12.5 }),
      }),
    ]);
  });
});

describe('checked against a catalog', () => {
  it('the catalog it was made from: no issue', () => {
    expect(validate(filled, catalog2019).issues).toEqual([]);
  });

  it('a newer catalog with a different weight for this unit: the template is outdated, named at the cell', () => {
    const newer: Catalog = structuredClone(catalog2019);
    const unit = newer.units.find((u) => u.id === sampleUnit.id)!;
    const index = itemRows[2]!.itemIndex;
    unit.items[index]!.weight += 1;
    const report = validate(filled, newer);
    expect(report.status).toBe('invalid');
    expect(codesAt(report)).toEqual([`catalog-outdated@${at(itemRows[2]!.row, 'weight')}`]);
  });

  it('a newer catalog that changed only other units: a warning', () => {
    const newer: Catalog = structuredClone(catalog2019);
    newer.units.find((u) => u.id !== sampleUnit.id)!.items[0]!.content += '（修订）';
    const report = validate(filled, newer);
    expect(report.status).toBe('valid');
    expect(codesAt(report)).toEqual(['catalog-version-differs@-']);
  });

  it('a catalog without this unit, or of another year', () => {
    const without: Catalog = { ...catalog2019, units: catalog2019.units.filter((u) => u.id !== sampleUnit.id) };
    expect(codesAt(validate(filled, without))).toEqual(['catalog-unit-missing@-']);
    expect(codesAt(validate(filled, { ...catalog2019, year: 2020 }))).toEqual(['catalog-year-differs@-']);
  });
});

describe('properties over random fillings', () => {
  const cents = (w: number): fc.Arbitrary<number> =>
    fc.integer({ min: 0, max: Math.round(w * 100) }).map((c) => c / 100);
  const fillingArb = fc.tuple(...itemRows.map((r) => fc.tuple(cents(weightOf(r.row)), fc.boolean())));

  it('any filling within bounds is valid and its totals are the sums of the scores', () => {
    fc.assert(
      fc.property(fillingArb, (filling) => {
        const contents = clone(template);
        fillInputs(contents, plan, (i, weight) => ({
          completion: '完成',
          self: filling[i]![0],
          reason: filling[i]![0] < weight ? '扣分原因' : undefined,
        }));
        const report = validate(contents);
        const selfCents = filling.reduce((s, [v]) => s + Math.round(v * 100), 0);
        expect(report.issues).toEqual([]);
        expect(report.totals).toEqual({ weight: 100, self: selfCents / 100, assessed: null });
      }),
      { numRuns: 60 },
    );
  });

  it('any single out-of-bounds value is flagged at its cell', () => {
    const bad = fc.oneof(
      fc.integer({ min: 1, max: 1000 }).map((c) => ({ kind: 'negative', v: -c / 100 })),
      fc.integer({ min: 1, max: 1000 }).map((c) => ({ kind: 'above', v: c / 100 })),
      fc.integer({ min: 1, max: 9 }).map((d) => ({ kind: 'decimals', v: d / 1000 })),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: itemRows.length - 1 }),
        fc.boolean(),
        bad,
        (index, assessed, { kind, v }) => {
          // 考核得分 is typed only where the template left it open (v1).
          const contents = assessed ? clone(filledV1) : clone(filled);
          const row = itemRows[index]!.row;
          const w = weightOf(row);
          const value = kind === 'above' ? w + v : kind === 'decimals' ? Math.min(w, 1) - v : v;
          const key = assessed ? 'assessedScore' : 'selfScore';
          setCell(contents, row, columns[key], value);
          setCell(contents, row, columns.deductionReason, '说明');
          const report = validate(contents);
          const field = assessed ? 'assessed-score' : 'self-score';
          const code = `${field}-${kind === 'negative' ? 'negative' : kind === 'above' ? 'above-weight' : 'too-many-decimals'}`;
          expect(report.status).toBe('invalid');
          expect(report.issues.map((i) => `${i.code}@${i.cell}`)).toContain(`${code}@${at(row, key)}`);
        },
      ),
      { numRuns: 80 },
    );
  });
});
