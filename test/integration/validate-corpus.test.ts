// The corpus: real template files (buildSheetPlan + renderer), filled and tampered through ExcelJS, one correct
// sheet re-saved by LibreOffice headless, and files that are not templates at all. Each goes through the same
// path as `validate` (bytes → readWorkbook → validateWorkbook) and must be flagged with its code at its cell.
import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import type { Catalog } from '../../src/core/catalog/model';
import { unreadableReport, validateWorkbook, type ValidationReport } from '../../src/core/validate/validate';
import { readWorkbook } from '../../src/xlsx/read';
import { catalog2019, sampleUnit, TEXTS } from '../core/validate/fixture';
import { edit, fill, fillCorrectly, template, weightsOf, type Template } from './validate-corpus';
import { resaveWithLibreOffice } from '../support/libreoffice';

function check(bytes: Uint8Array, catalog?: Catalog): ValidationReport {
  const read = readWorkbook(bytes);
  if (!read.ok) {
    return unreadableReport(read.failure);
  }
  return validateWorkbook(read.contents, { texts: TEXTS, catalog });
}
const codes = (r: ValidationReport): string[] => r.issues.map((i) => `${i.code}@${i.cell ?? '-'}`);

let t: Template;
let correct: Uint8Array;
beforeAll(async () => {
  t = await template(sampleUnit);
  correct = await edit(t, fillCorrectly);
});

describe('returned sheets that can be accepted', () => {
  it('a sheet filled in correctly is valid, with its unit and totals', () => {
    const report = check(correct);
    expect(report.issues).toEqual([]);
    expect(report).toMatchObject({
      status: 'valid',
      unit: sampleUnit.name,
      identity: { unitId: sampleUnit.id, year: 2019 },
    });
    const weights = weightsOf(t.plan);
    const selfCents = weights.reduce((s, w, i) => s + Math.round((i % 2 === 0 || w < 1 ? w : w - 1) * 100), 0);
    expect(report.totals).toEqual({ weight: 100, self: selfCents / 100, assessed: null });
  });

  it('the same sheet opened, recalculated and saved again by LibreOffice is still valid', () => {
    // No skip: without LibreOffice this test fails (resaveWithLibreOffice throws), in CI and locally.
    const resaved = resaveWithLibreOffice(correct);
    expect(resaved).not.toEqual(correct);
    const report = check(resaved);
    expect(report.issues).toEqual([]);
    expect(report.status).toBe('valid');
  });

  it('a sheet whose weight was changed and then re-saved by LibreOffice is still caught at the cell', async () => {
    const tampered = await edit(t, (e) => {
      fillCorrectly(e);
      e.sheet.getCell(e.at(0, 'weight')).value = 9;
    });
    const report = check(resaveWithLibreOffice(tampered));
    expect(codes(report)).toEqual(expect.arrayContaining([`weight-changed@E${t.plan.layout.itemRows[0]!.row}`]));
  });

  it('a sheet with protection removed and nothing locked changed is accepted with a warning', async () => {
    const report = check(
      await edit(t, (e) => {
        fillCorrectly(e);
        e.sheet.unprotect();
      }),
    );
    expect(report.status).toBe('valid');
    expect(report.issues.map((i) => `${i.severity}:${i.code}`)).toEqual(['warning:protection-removed']);
  });
});

describe('tampered sheets are rejected, naming the cell', () => {
  const cases: Array<
    [string, (e: Parameters<Parameters<typeof edit>[1]>[0]) => void, (plan: Template['plan']) => string[]]
  > = [
    [
      '分值 changed',
      (e) => {
        e.sheet.getCell(e.at(2, 'weight')).value = 30;
      },
      (p) => [`weight-changed@E${p.layout.itemRows[2]!.row}`],
    ],
    [
      '考核内容 changed',
      (e) => {
        e.sheet.getCell(e.at(5, 'content')).value = '降低了要求的考核内容';
      },
      (p) => [`text-changed@D${p.layout.itemRows[5]!.row}`],
    ],
    [
      '考核项目 changed',
      (e) => {
        e.sheet.getCell(e.at(6, 'item')).value = '别的项目';
      },
      (p) => [`text-changed@C${p.layout.itemRows[6]!.row}`],
    ],
    [
      'row inserted',
      (e) => {
        e.sheet.spliceRows(e.plan.layout.itemRows[4]!.row, 0, [99, '共性指标', '新增', '新增的目标', 5]);
      },
      (p) => [`row-inserted@A${p.layout.itemRows[4]!.row}`],
    ],
    [
      'row deleted',
      (e) => {
        e.sheet.spliceRows(e.plan.layout.itemRows[4]!.row, 1);
      },
      () => ['row-deleted@-'],
    ],
    [
      'subtotal formula replaced by a number',
      (e) => {
        e.sheet.getCell(`E${e.plan.layout.subtotalRows[0]!.row}`).value = 20;
      },
      (p) => [`formula-replaced@E${p.layout.subtotalRows[0]!.row}`],
    ],
    [
      '合计 formula altered',
      (e) => {
        e.sheet.getCell(`G${e.plan.layout.totalRow}`).value = {
          formula: `G${e.plan.layout.subtotalRows[1]!.row}`,
          result: 0,
        } as ExcelJS.CellFormulaValue;
      },
      (p) => [`formula-changed@G${p.layout.totalRow}`],
    ],
    [
      'metadata sheet removed',
      (e) => {
        e.workbook.removeWorksheet(e.meta!.id);
      },
      () => ['metadata-missing@-'],
    ],
    [
      'metadata edited together with the weight',
      (e) => {
        e.sheet.getCell(e.at(0, 'weight')).value = 12;
        e.meta!.getRow(14).getCell(7).value = 12;
      },
      () => ['metadata-mismatch@-'],
    ],
  ];
  it.each(cases)('%s', async (_name, change, expected) => {
    const report = check(
      await edit(t, (e) => {
        fillCorrectly(e);
        change(e);
      }),
    );
    expect(report.status).toBe('invalid');
    expect(codes(report)).toEqual(expect.arrayContaining(expected(t.plan)));
    // Each change is named at its cell; the fingerprint adds no second, vaguer line.
    expect(codes(report)).not.toContain('fingerprint-mismatch@-');
  });

  it('a moved row is named with its old and new row', async () => {
    const [a, b] = [t.plan.layout.itemRows[3]!.row, t.plan.layout.itemRows[7]!.row];
    const report = check(
      await edit(t, (e) => {
        fillCorrectly(e);
        for (let col = 1; col <= 10; col++) {
          const x = e.sheet.getCell(a, col).value;
          e.sheet.getCell(a, col).value = e.sheet.getCell(b, col).value;
          e.sheet.getCell(b, col).value = x;
        }
      }),
    );
    expect(report.status).toBe('invalid');
    const moved = report.issues.filter((i) => i.code === 'row-moved');
    expect(moved.length).toBeGreaterThanOrEqual(1);
    for (const m of moved) expect([a, b]).toEqual(expect.arrayContaining([m.params.from, m.params.to]));
  });

  it('a template made from an older catalog is caught against the current catalog', () => {
    const newer: Catalog = structuredClone(catalog2019);
    const unit = newer.units.find((u) => u.id === sampleUnit.id)!;
    unit.items[t.plan.layout.itemRows[1]!.itemIndex]!.content = '新一年的考核内容';
    const report = check(correct, newer);
    expect(report.status).toBe('invalid');
    expect(codes(report)).toEqual([`catalog-outdated@D${t.plan.layout.itemRows[1]!.row}`]);
  });
});

describe('bad inputs are rejected at their cells, saying what was read', () => {
  const cases: Array<
    [string, number, 'selfScore' | 'assessedScore' | 'deductionReason', unknown, string, Record<string, unknown>]
  > = [
    ['自评得分 missing', 0, 'selfScore', null, 'self-score-missing', {}],
    ['自评得分 "8分"', 1, 'selfScore', '8分', 'self-score-not-a-number', { read: '8分' }],
    ['自评得分 in full-width digits', 2, 'selfScore', '２', 'self-score-not-a-number', { read: '２' }],
    ['自评得分 typed as text', 3, 'selfScore', '1', 'self-score-numeric-text', { read: '1', value: 1 }],
    ['自评得分 negative', 4, 'selfScore', -1, 'self-score-negative', { value: -1 }],
    ['自评得分 above 分值', 5, 'selfScore', 99, 'self-score-above-weight', { value: 99 }],
    ['自评得分 with three decimals', 6, 'selfScore', 0.125, 'self-score-too-many-decimals', { value: 0.125 }],
    // 考核得分 is locked in a v2 unit template: typed anyway (protection removed), it is reported as changed.
    ['考核得分 typed by the unit', 7, 'assessedScore', 99, 'assessed-score-changed', { actual: '99' }],
  ];
  it.each(cases)('%s', async (_name, index, key, value, code, params) => {
    const report = check(
      await edit(t, (e) => {
        fill(e, (i, weight) => ({
          completion: '完成',
          self: i === index && key === 'selfScore' ? (value as number) : weight,
          reason: '说明',
          assessed: i === index && key === 'assessedScore' ? (value as number) : undefined,
        }));
        if (value === null) e.sheet.getCell(e.at(index, key)).value = null;
      }),
    );
    const cell = `${key === 'selfScore' ? 'G' : 'I'}${t.plan.layout.itemRows[index]!.row}`;
    expect(report.status).toBe('invalid');
    expect(report.issues.find((i) => i.code === code)).toMatchObject({ severity: 'error', cell, params });
  });

  it('扣分说明 missing when 自评得分 < 分值', async () => {
    const report = check(
      await edit(t, (e) => fill(e, (i, weight) => ({ completion: '完成', self: i === 2 ? weight - 1 : weight }))),
    );
    expect(codes(report)).toEqual([`deduction-reason-missing@H${t.plan.layout.itemRows[2]!.row}`]);
  });

  it('a sheet total that disagrees with the recomputed total', async () => {
    const report = check(
      await edit(t, (e) => {
        fillCorrectly(e);
        const cell = e.sheet.getCell(`G${e.plan.layout.totalRow}`);
        cell.value = {
          formula: (cell.value as ExcelJS.CellFormulaValue).formula,
          result: 100,
        } as ExcelJS.CellFormulaValue;
      }),
    );
    expect(codes(report)).toEqual([`total-mismatch@G${t.plan.layout.totalRow}`]);
  });
});

describe('files that are not templates are reported as such, never a crash', () => {
  it('a workbook that is not a template', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = '姓名';
    expect(codes(check(new Uint8Array(await wb.xlsx.writeBuffer())))).toEqual(['not-a-template@-']);
  });
  it('a csv renamed to .xlsx', () => {
    expect(codes(check(strToU8('序号,考核项目,分值\n1,党建,8\n')))).toEqual(['file-not-a-workbook@-']);
  });
  it('a truncated template', () => {
    expect(check(correct.subarray(0, Math.floor(correct.length * 0.6))).issues[0]!.code).toBe('file-corrupt');
  });
  it('a template saved as .xlsm (with a VBA project)', () => {
    const parts = unzipSync(correct);
    parts['xl/vbaProject.bin'] = new Uint8Array(64);
    expect(codes(check(zipSync(parts)))).toEqual(['file-macro-enabled@-']);
  });
  it('a password-encrypted workbook (OLE2 container)', () => {
    const cfb = new Uint8Array(8192);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(codes(check(cfb))).toEqual(['file-encrypted-or-xls@-']);
  });
  it('every status is "unreadable"', () => {
    expect(check(strToU8('x')).status).toBe('unreadable');
  });
});
