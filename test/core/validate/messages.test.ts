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
  items: 27,
  // The merge's conflicts (scoring-not-owner, scoring-pair-twice, scoring-scorer-unknown).
  scorer: '办公室',
  owner: '信息中心',
  cells: '考核组!K9、办公室!K7',
};

describe('issue messages', () => {
  it('every issue code has a Chinese and an English message', () => {
    for (const code of ALL_CODES) {
      expect([code, typeof (zh.codes as Record<string, string>)[code]]).toEqual([code, 'string']);
      expect([code, typeof (en.codes as Record<string, string>)[code]]).toEqual([code, 'string']);
    }
    // Beside each code's message, variants for a value that was or became empty (code_wasEmpty, code_nowEmpty…).
    const codesOf = (messages: Record<string, string>) =>
      [...new Set(Object.keys(messages).map((k) => k.replace(/_(wasEmpty|nowEmpty|noText)$/, '')))].sort();
    expect(codesOf(zh.codes)).toEqual([...ALL_CODES].sort());
    expect(codesOf(en.codes)).toEqual([...ALL_CODES].sort());
  });

  it('messages say which target (序号 and 考核项目) and what was read, in Chinese by default and in English on request', () => {
    const issue: ValidationIssue = {
      severity: 'error',
      code: 'self-score-not-a-number',
      cell: 'G12',
      unit: '办公室',
      params: { read: '8分', seq: 8, item: '信用体系建设' },
    };
    expect(formatIssue(createTranslator(), issue)).toBe('第 8 项「信用体系建设」：自评得分不是数字：读到的是「8分」。');
    expect(formatIssue(createTranslator('en'), issue)).toBe(
      'Item 8 “信用体系建设”: The self score is not a number: read "8分".',
    );
    // A problem list has its own 序号 and 考核项目 columns.
    expect(formatIssue(createTranslator(), issue, { where: false })).toBe('自评得分不是数字：读到的是「8分」。');
  });

  it('a changed locked cell says what it was and what it is now, in plain words', () => {
    const issue: ValidationIssue = {
      severity: 'error',
      code: 'weight-changed',
      cell: 'E16',
      unit: null,
      params: { expected: 1, actual: 5, seq: 12, item: '保密工作' },
    };
    expect(formatIssueLine(createTranslator(), issue)).toBe('E16 第 12 项「保密工作」：分值被改动，原为 1，现为 5。');
    expect(formatIssueLine(createTranslator(), { ...issue, params: { expected: 1, actual: '' } })).toBe(
      'E16 分值被清空，原为 1。',
    );
  });

  it("a total that disagrees names the row in the user's words", () => {
    const issue: ValidationIssue = {
      severity: 'error',
      code: 'total-mismatch',
      cell: 'G36',
      unit: null,
      params: { label: 'total', expected: 80, actual: 100, rowLabel: 'total' },
    };
    expect(formatIssueLine(createTranslator(), issue)).toBe('G36 合计：表中为 100，按各项得分重新计算应为 80。');
    expect(formatIssueLine(createTranslator('en'), issue)).toBe(
      'G36: Total: The sheet shows 100; recomputed from the item scores it should be 80.',
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

  it('as one line of text every issue names its cell exactly once, at its head', () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const t = createTranslator(lang);
      for (const code of ALL_CODES) {
        const line = formatIssueLine(t, { severity: 'error', code, cell: 'G12', unit: null, params });
        expect([code, line.startsWith('G12'), line.split('G12').length - 1]).toEqual([code, true, 1]);
        // The message alone (what the pane and the CLI show beside their own cell column) never repeats the cell.
        expect([code, formatIssue(t, { severity: 'error', code, cell: 'G12', unit: null, params })]).not.toEqual([
          code,
          expect.stringContaining('G12'),
        ]);
      }
    }
    const zh = createTranslator();
    const noCell: ValidationIssue = {
      severity: 'error',
      code: 'fingerprint-mismatch',
      cell: null,
      unit: null,
      params: {},
    };
    expect(formatIssueLine(zh, noCell)).toBe(formatIssue(zh, noCell));
    expect(formatIssue(zh, noCell)).not.toMatch(/指纹/);
  });
});
