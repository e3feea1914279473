import { createTranslator } from '../../../src/i18n';
import { formatIssue, formatIssueLine } from '../../../src/core/validate/format';
import { ALL_CODES, type ValidationIssue } from '../../../src/core/validate/issues';
import zh from '../../../src/i18n/locales/zh-CN/validate.json';
import en from '../../../src/i18n/locales/en/validate.json';

const params = {
  bytes: 1,
  limit: 2,
  reason: 'r',
  sheet: 's',
  version: 9,
  supported: 1,
  field: 'f',
  expected: 'e',
  actual: 'a',
  column: '分值',
  row: 12,
  text: 't',
  seq: 3,
  item: 'i',
  from: 4,
  to: 5,
  unitId: 'u',
  detail: 'd',
  read: '8分',
  value: 8,
  weight: 10,
  score: 7,
  label: '合计',
  count: 2800,
  total: 2900,
};

describe('issue messages', () => {
  it('every issue code has a Chinese and an English message', () => {
    for (const code of ALL_CODES) {
      expect([code, typeof (zh.codes as Record<string, string>)[code]]).toEqual([code, 'string']);
      expect([code, typeof (en.codes as Record<string, string>)[code]]).toEqual([code, 'string']);
    }
    expect(Object.keys(zh.codes).sort()).toEqual([...ALL_CODES].sort());
    expect(Object.keys(en.codes).sort()).toEqual([...ALL_CODES].sort());
  });

  it('messages name the cell and say what was read, in Chinese by default and in English on request', () => {
    const issue: ValidationIssue = {
      severity: 'error',
      code: 'self-score-not-a-number',
      cell: 'G12',
      unit: '办公室',
      params: { read: '8分' },
    };
    expect(formatIssue(createTranslator(), issue)).toBe('G12 的自评得分不是数字：读到的是「8分」。');
    expect(formatIssue(createTranslator('en'), issue)).toBe('The self score at G12 is not a number: read "8分".');
  });

  it("a total that disagrees names the row in the user's words", () => {
    const issue: ValidationIssue = {
      severity: 'error',
      code: 'total-mismatch',
      cell: 'G36',
      unit: null,
      params: { label: 'total', expected: 80, actual: 100 },
    };
    expect(formatIssue(createTranslator(), issue)).toBe('G36 的合计为 100，按各项得分重新计算应为 80。');
    expect(formatIssue(createTranslator('en'), issue)).toBe(
      'Total at G36 is 100; recomputed from the item scores it should be 80.',
    );
  });

  it('no message is left with an unfilled placeholder', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const t = createTranslator(lang);
      for (const code of ALL_CODES) {
        const text = formatIssue(t, { severity: 'error', code, cell: 'E12', unit: '办公室', params });
        expect(text).not.toMatch(/\{\{|\}\}|validate:/);
      }
    }
  });

  it('as one line of text an issue names its cell once: led by it only when the message does not name it', () => {
    const zh = createTranslator();
    const score: ValidationIssue = {
      severity: 'error',
      code: 'self-score-not-a-number',
      cell: 'G12',
      unit: null,
      params: { read: '8分' },
    };
    expect(formatIssueLine(zh, score)).toBe('G12 的自评得分不是数字：读到的是「8分」。');
    const moved: ValidationIssue = {
      severity: 'error',
      code: 'row-moved',
      cell: 'A9',
      unit: null,
      params: { seq: 3, item: '规划', from: 7, to: 9 },
    };
    expect(formatIssueLine(zh, moved)).toBe(`A9 ${formatIssue(zh, moved)}`);
    const noCell: ValidationIssue = {
      severity: 'error',
      code: 'fingerprint-mismatch',
      cell: null,
      unit: null,
      params: {},
    };
    expect(formatIssueLine(zh, noCell)).toBe(formatIssue(zh, noCell));
  });
});
