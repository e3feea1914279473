// The fast-check properties again, on real files: random fillings written into a generated template with ExcelJS
// and read back through the file reader.
import fc from 'fast-check';
import { validateWorkbook } from '../../src/core/validate/validate';
import { readWorkbook } from '../../src/xlsx/read';
import { sampleUnit, TEXTS } from '../core/validate/fixture';
import { edit, fill, template, weightsOf, type Template } from './validate-corpus';

let t: Template;
let weights: number[];
beforeAll(async () => {
  t = await template(sampleUnit);
  weights = weightsOf(t.plan);
});

function validate(bytes: Uint8Array) {
  const read = readWorkbook(bytes);
  if (!read.ok) throw new Error(`unreadable: ${read.failure.code}`);
  return validateWorkbook(read.contents, { texts: TEXTS });
}

it('a file filled at random within bounds is valid and its totals are the sums of the scores', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.integer({ min: 0, max: 100 }), { minLength: weights.length, maxLength: weights.length }),
      async (pcts) => {
        const scores = weights.map((w, i) => Math.floor(w * pcts[i]!) / 100);
        const report = validate(
          await edit(t, (e) =>
            fill(e, (i, w) => ({ completion: '完成', self: scores[i]!, reason: scores[i]! < w ? '原因' : undefined })),
          ),
        );
        expect(report.issues).toEqual([]);
        expect(report.totals).toEqual({
          weight: 100,
          self: scores.reduce((s, v) => s + Math.round(v * 100), 0) / 100,
          assessed: null,
        });
      },
    ),
    { numRuns: 12 },
  );
});

it('a single out-of-bounds score in a file is flagged at its cell', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.nat({ max: 1000 }),
      fc.integer({ min: 1, max: 500 }),
      fc.boolean(),
      async (pick, over, negative) => {
        const index = pick % weights.length;
        const bad = negative ? -over / 100 : weights[index]! + over / 100;
        const report = validate(
          await edit(t, (e) =>
            fill(e, (i, w) => ({ completion: '完成', self: i === index ? bad : w, reason: '原因' })),
          ),
        );
        const cell = `G${t.plan.layout.itemRows[index]!.row}`;
        expect(report.issues.map((i) => `${i.code}@${i.cell}`)).toEqual([
          `self-score-${negative ? 'negative' : 'above-weight'}@${cell}`,
        ]);
      },
    ),
    { numRuns: 12 },
  );
});
