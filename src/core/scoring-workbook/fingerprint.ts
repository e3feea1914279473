// Fingerprints of a scoring workbook's locked content: the contract between the builder (which records them) and
// the validator (which recomputes them from what it reads), as ../plan/fingerprint.ts is for a unit's sheet.
//
// Canonical form of one sheet (version "target-sheets/scoring-locked/1"): the UTF-8 bytes of
//   JSON.stringify(["target-sheets/scoring-locked/1", year, scorerKind, scorerName, formatVersion,
//                   [[address, "f", normalisedFormula] | [address, "n", hundredths] | [address, "s", text]
//                    | [address, "b", boolean], …]])   // sorted by row, then column
// over every cell that holds a formula or a value, except the two input cells (考核得分, 考核扣分说明) of the item
// rows, whatever they hold: the whole sheet as a reader sees it, so a changed 分值, a changed text the unit
// returned, an edited formula, a moved row or a note typed anywhere else no longer matches.
// - texts exactly as stored; numbers as integer hundredths (2 and 2.0 alike); a formula's cached value is left
//   out and its text normalised (normaliseFormula: no '=', '$', spaces, _xlfn.; upper case outside strings);
// - the workbook's fingerprint is the SHA-256 of JSON [version, year, scorerKind, scorerName, formatVersion,
//   [sheet fingerprints in sheet order]], so one sheet can be checked alone (the live panel reads one).
// Fingerprints are lowercase hex SHA-256.
import { sha256Hex } from '../hash/sha256';
import { normaliseFormula } from '../plan/formula';
import type { Sha256 } from '../plan/fingerprint';
import type { CellValue } from '../plan/model';
import { toHundredths } from '../scoring';

export const SCORING_LOCKED_VERSION = 'target-sheets/scoring-locked/1';

/** What every fingerprint of one workbook shares. */
export interface ScoringFingerprintHeader {
  year: number;
  scorerKind: string;
  scorerName: string;
  version: number;
}

/** A cell as the plan has it or a reader sees it. */
export interface FingerprintCell {
  row: number;
  col: number;
  value?: CellValue;
  formula?: string;
}

function canonicalCell(cell: FingerprintCell): [string, string, string | number | boolean] | null {
  const address = `${cell.col},${cell.row}`;
  if (cell.formula !== undefined) return [address, 'f', normaliseFormula(cell.formula)];
  const v = cell.value;
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number') return [address, 'n', Number.isFinite(v) ? toHundredths(v) : String(v)];
  if (typeof v === 'boolean') return [address, 'b', v];
  return [address, 's', v];
}

/**
 * The canonical text of one sheet's locked content. `isInput(row, col)`: the input cells of item rows, left out.
 * Addresses are written "col,row" (numbers), so no letter arithmetic is needed to compare them.
 */
export function canonicalSheet(
  header: ScoringFingerprintHeader,
  cells: Iterable<FingerprintCell>,
  isInput: (row: number, col: number) => boolean,
): string {
  const kept: { row: number; col: number; entry: [string, string, string | number | boolean] }[] = [];
  for (const cell of cells) {
    if (isInput(cell.row, cell.col)) continue;
    const entry = canonicalCell(cell);
    if (entry) kept.push({ row: cell.row, col: cell.col, entry });
  }
  kept.sort((a, b) => a.row - b.row || a.col - b.col);
  return JSON.stringify([
    SCORING_LOCKED_VERSION,
    header.year,
    header.scorerKind,
    header.scorerName,
    header.version,
    kept.map((k) => k.entry),
  ]);
}

export function sheetFingerprint(
  header: ScoringFingerprintHeader,
  cells: Iterable<FingerprintCell>,
  isInput: (row: number, col: number) => boolean,
  sha256: Sha256 = sha256Hex,
): string {
  return sha256(canonicalSheet(header, cells, isInput));
}

export function workbookFingerprint(
  header: ScoringFingerprintHeader,
  sheets: readonly string[],
  sha256: Sha256 = sha256Hex,
): string {
  return sha256(
    JSON.stringify([SCORING_LOCKED_VERSION, header.year, header.scorerKind, header.scorerName, header.version, sheets]),
  );
}
