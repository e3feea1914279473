import fc from 'fast-check';
import { checkDeductionReason, checkScore } from '../../../src/core/validate/inputs';
import { normaliseFormula, sameFormula } from '../../../src/core/plan/formula';
import { parseScore } from '../../../src/core/validate/score';

describe('reading a score cell', () => {
  it('takes numbers as they are and empty or blank cells as missing', () => {
    expect(parseScore(8)).toEqual({ kind: 'number', value: 8 });
    expect(parseScore(null)).toEqual({ kind: 'empty' });
    expect(parseScore('   ')).toEqual({ kind: 'empty' });
    expect(parseScore('\u3000')).toEqual({ kind: 'empty' });
  });

  it('recognises a plain number typed as text, keeping what was read', () => {
    expect(parseScore(' 8.5 ')).toEqual({ kind: 'numeric-text', value: 8.5, read: ' 8.5 ' });
    expect(parseScore('8')).toEqual({ kind: 'numeric-text', value: 8, read: '8' });
  });

  it('says what was read for "8分", full-width digits, Chinese numerals and booleans', () => {
    expect(parseScore('8分')).toEqual({ kind: 'invalid', read: '8分', reason: 'text' });
    expect(parseScore('８')).toEqual({ kind: 'invalid', read: '８', reason: 'full-width-digits' });
    expect(parseScore('八')).toEqual({ kind: 'invalid', read: '八', reason: 'text' });
    expect(parseScore(true)).toEqual({ kind: 'invalid', read: 'TRUE', reason: 'boolean' });
  });
});

describe('checking a score against its weight', () => {
  it('accepts every score between 0 and the weight with at most two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 100 }), (weightCents, pct) => {
        const weight = weightCents / 100;
        const score = Math.floor((weightCents * pct) / 100) / 100;
        const check = checkScore('self-score', score, weight, true);
        return check.issues.length === 0 && check.value === score && check.countedBySheet;
      }),
    );
  });

  it('flags a missing, negative, too high, over-precise or textual score by code', () => {
    const codes = (raw: Parameters<typeof checkScore>[1]): string[] =>
      checkScore('self-score', raw, 8, true).issues.map((i) => i.code);
    expect(codes(null)).toEqual(['self-score-missing']);
    expect(codes(-1)).toEqual(['self-score-negative']);
    expect(codes(8.5)).toEqual(['self-score-above-weight']);
    expect(codes(7.125)).toEqual(['self-score-too-many-decimals']);
    expect(codes('8分')).toEqual(['self-score-not-a-number']);
    expect(codes('7')).toEqual(['self-score-numeric-text']);
    expect(checkScore('assessed-score', null, 8, false).issues).toEqual([]);
    expect(checkScore('assessed-score', 9, 8, false).issues.map((i) => i.code)).toEqual([
      'assessed-score-above-weight',
    ]);
  });

  it('asks for a deduction reason only when the self score is below the weight', () => {
    expect(checkDeductionReason(8, 8, null)).toEqual([]);
    expect(checkDeductionReason(7.5, 8, '  ')).toEqual([
      { severity: 'error', code: 'deduction-reason-missing', params: { score: 7.5, weight: 8 } },
    ]);
    expect(checkDeductionReason(7.5, 8, '未按时完成')).toEqual([]);
    expect(checkDeductionReason(null, 8, null)).toEqual([]);
  });
});

describe('comparing formulas as spreadsheet programs write them back', () => {
  it('ignores case, spaces, "=", "_xlfn." prefixes, "$" and a same-sheet prefix', () => {
    expect(sameFormula('SUM(G6:G20)', '=sum( $G$6 : G20 )')).toBe(true);
    expect(sameFormula('IFERROR(G6,0)', '_xlfn.IFERROR(G6,0)')).toBe(true);
    expect(sameFormula('SUM(G6:G20)', "'评分表'!G6:G20", '评分表')).toBe(false);
    expect(sameFormula('SUM(G6:G20)', "SUM('评分表'!G6:'评分表'!G20)", '评分表')).toBe(true);
  });

  it('still tells a changed range or a changed string literal apart', () => {
    expect(sameFormula('SUM(G6:G20)', 'SUM(G6:G19)')).toBe(false);
    expect(normaliseFormula('IF(A1="合计 ",1,0)')).toBe('IF(A1="合计 ",1,0)');
    expect(sameFormula('IF(A1="a",1,0)', 'IF(A1="A",1,0)')).toBe(false);
  });
});
