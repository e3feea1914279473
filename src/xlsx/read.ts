// Bytes of a returned file → WorkbookContents, safely. Nothing here trusts the file: the signature is checked
// first, the zip's central directory is checked against size, entry-count and ratio limits before anything is
// inflated, macro-enabled workbooks are refused, and only the parts needed for cell contents are parsed
// (workbook, its relationships, shared strings, worksheets) with a tokenizer that expands no entities and refuses
// DOCTYPE declarations in any of them. External links, VBA, embedded objects and everything else in the package are
// never opened, let alone run. Cells and shared strings are counted against limits as they are read.
// Every refusal is a code (and a reason code) worded by the locale; the technical account goes to `detail`. An
// exception the reader did not expect is 'reader-failed': its own fault, never reported as a damaged file.
// Uses only Uint8Array and TextDecoder, so the task pane can use it on getFileAsync bytes too.
import type { CellValue } from '../core/plan/model';
import {
  cellAddress,
  type CellContent,
  type SheetContents,
  type SheetVisibility,
  type WorkbookContents,
} from '../core/validate/grid';
import { DEFAULT_ZIP_LIMITS, GuardedZip, ZipProblemError, type ZipLimits, type ZipProblem } from './read-zip';
import { decodeEntities, scanXml, XmlError } from './read-xml';
import { parseAddress, shiftFormula } from './read-formula';
import type { ReadReason } from '../core/validate/issues';

export interface ReadLimits extends ZipLimits {
  /** Cells (with a value or formula) across all worksheets. */
  maxCells: number;
  /**
   * Entries of the shared-string table. Tiny entries (`<si/>`) fit millions into the size limits, and each costs
   * memory and time; a table longer than the cells that could use it is no sheet anyone filled in.
   */
  maxSharedStrings: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { ...DEFAULT_ZIP_LIMITS, maxCells: 200_000, maxSharedStrings: 200_000 };

/** Why a file could not be read as a workbook. Codes are stable and have messages in the validate locale. */
export type ReadFailureCode =
  | 'reader-failed'
  | 'file-empty'
  | 'file-too-large'
  | 'file-not-a-workbook'
  | 'file-encrypted-or-xls'
  | 'file-corrupt'
  | 'file-archive-limits'
  | 'file-macro-enabled'
  | 'file-not-xlsx'
  | 'file-too-many-cells'
  | 'file-too-many-strings';

export interface ReadFailure {
  code: ReadFailureCode;
  /** What the message shows; `reason` is one of the core's READ_REASONS. */
  params: Record<string, string | number>;
  /** The technical account (English, naming parts and exceptions), for a log; never shown as the message. */
  detail?: string;
}

export type ReadResult = { ok: true; contents: WorkbookContents } | { ok: false; failure: ReadFailure };

class ReadFailureError extends Error {
  constructor(readonly failure: ReadFailure) {
    super(failure.code);
  }
}
function fail(code: ReadFailureCode, params: Record<string, string | number> = {}, detail?: string): never {
  throw new ReadFailureError(detail === undefined ? { code, params } : { code, params, detail });
}

function corrupt(reason: ReadReason, detail: string): never {
  fail('file-corrupt', { reason }, detail);
}

/** The archive's problem as the reader's failure. */
function zipFailure(problem: ZipProblem): ReadFailure {
  switch (problem.code) {
    case 'file-too-large':
      return { code: 'file-too-large', params: problem.params };
    case 'corrupt-archive':
      return { code: 'file-corrupt', params: { reason: problem.params.reason }, detail: problem.params.detail };
    case 'encrypted-entry':
      return {
        code: 'file-corrupt',
        params: { reason: 'encrypted-entry' },
        detail: `entry ${problem.params.entry} is encrypted`,
      };
    case 'archive-bomb':
      return {
        code: 'file-archive-limits',
        params: { reason: problem.code, ratio: problem.params.ratio },
        detail: `entry ${problem.params.entry}`,
      };
    default:
      return { code: 'file-archive-limits', params: { reason: problem.code, ...problem.params } };
  }
}

/** Runs `read` over one XML part; malformed XML or a DOCTYPE there is a corrupt file, the part named in the detail. */
function parsing<T>(part: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof XmlError) corrupt(error.reason, `${part}: ${error.message}`);
    throw error;
  }
}

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
}

/** A rough look at the first bytes: text (a csv renamed to .xlsx) or something binary. */
function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  let control = 0;
  for (const b of head) if (b < 9 || (b > 13 && b < 32)) control++;
  if (control > head.length / 50) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 4)));
    return true;
  } catch {
    return control === 0;
  }
}

function checkSignature(bytes: Uint8Array, limits: ReadLimits): void {
  if (bytes.length === 0) fail('file-empty');
  if (bytes.length > limits.maxFileBytes) fail('file-too-large', { bytes: bytes.length, limit: limits.maxFileBytes });
  // Password-protected .xlsx files are OLE2 compound files holding the encrypted package; so are legacy .xls.
  if (startsWith(bytes, CFB_SIGNATURE)) fail('file-encrypted-or-xls');
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return;
  fail('file-not-a-workbook', { kind: looksLikeText(bytes) ? 'text' : 'binary' });
}

function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const base = fromPart.includes('/') ? fromPart.slice(0, fromPart.lastIndexOf('/') + 1) : '';
  const parts = (base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

function readRelationships(zip: GuardedZip, part: string): Relationship[] {
  const relsPart = relsPathOf(part);
  const xml = zip.readText(relsPart);
  if (xml === undefined) return [];
  const rels: Relationship[] = [];
  parsing(relsPart, () =>
    scanXml(xml, (t) => {
      if (t.kind === 'open' && t.name === 'Relationship') {
        rels.push({
          id: t.attrs.Id ?? '',
          type: t.attrs.Type ?? '',
          target: t.attrs.Target ?? '',
          external: (t.attrs.TargetMode ?? '').toLowerCase() === 'external',
        });
      }
    }),
  );
  return rels;
}

function checkMacros(zip: GuardedZip): void {
  for (const name of zip.entries.keys()) {
    if (/(^|\/)vbaProject\.bin$/i.test(name) || (/\.bin$/i.test(name) && /vba/i.test(name))) fail('file-macro-enabled');
  }
  const types = zip.readText('[Content_Types].xml');
  if (types === undefined) fail('file-not-xlsx', { reason: 'no-content-types' }, 'no [Content_Types].xml');
  if (/macroEnabled|vbaProject/i.test(types)) fail('file-macro-enabled');
}

// Fast paths: the parts the reader needs are flat and regular, so plain regular expressions over them are several
// times faster than the general tokenizer. Anything unusual (CDATA, a DOCTYPE, cells without an address) takes
// the general path, which gives the same result.
// The bodies stop at the next tag of the same kind, so an unclosed tag costs one scan to the next, never to the
// end of the part (which would make a crafted file quadratic).
const SI = /<(?:\w+:)?si\b[^<>]*?(?:\/>|>((?:[^<]|<(?!\/?(?:\w+:)?si\b))*)<\/(?:\w+:)?si>)/g;
const RPH = /<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g;
const T = /<(?:\w+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g;

function unusual(xml: string): boolean {
  return xml.includes('<![CDATA[') || xml.includes('<!DOCTYPE') || xml.includes('<!ENTITY');
}

function runsText(inner: string): string {
  const clean = inner.includes('rPh') ? inner.replace(RPH, '') : inner;
  let text = '';
  T.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = T.exec(clean)) !== null) text += m[1] === undefined ? '' : decodeEntities(m[1]);
  return text;
}

function readSharedStrings(zip: GuardedZip, part: string | undefined, limit: number): string[] {
  if (!part) return [];
  const xml = zip.readText(part);
  if (xml === undefined) return [];
  const tooMany = (): never => fail('file-too-many-strings', { limit }, `${part}: more than ${limit} entries`);
  if (!unusual(xml)) {
    const fast: string[] = [];
    SI.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = SI.exec(xml)) !== null) {
      if (fast.length === limit) tooMany();
      fast.push(m[1] === undefined ? '' : runsText(m[1]));
    }
    return fast;
  }
  const strings: string[] = [];
  let current: string[] | null = null;
  let inT = false;
  let skipDepth = 0; // inside <rPh> (phonetic runs), whose text is not part of the value
  parsing(part, () =>
    scanXml(xml, (t) => {
      if (t.kind === 'open') {
        if (t.name === 'si' && t.selfClosing) {
          // <si/> is an empty string and takes its index, as on the fast path.
          if (strings.length === limit) tooMany();
          strings.push('');
        } else if (t.name === 'si') current = [];
        else if (t.name === 'rPh' && !t.selfClosing) skipDepth++;
        else if (t.name === 't' && !t.selfClosing) inT = true;
      } else if (t.kind === 'close') {
        if (t.name === 'si') {
          if (strings.length === limit) tooMany();
          strings.push(current ? current.join('') : '');
          current = null;
        } else if (t.name === 'rPh') skipDepth--;
        else if (t.name === 't') inT = false;
      } else if (inT && current && skipDepth === 0) {
        current.push(t.text);
      }
    }),
  );
  return strings;
}

interface SheetRef {
  name: string;
  visibility: SheetVisibility;
  part: string;
}

const CELL = /<(?:\w+:)?c\b([^<>]*?)(?:\/>|>((?:[^<]|<(?!\/?(?:\w+:)?c\b))*)<\/(?:\w+:)?c>)/g;
const CELL_WITHOUT_ADDRESS = /<(?:\w+:)?c\b(?![^<>]*\br\s*=)/;
// Attribute values in either quote style (XML allows both, and spaces around '='), as the general path reads them.
const ATTR_R = /\br\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const ATTR_T = /\bt\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const V = /<(?:\w+:)?v\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?v>)/;
const F = /<(?:\w+:)?f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?f>)/;
const IS = /<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/;
const PROTECTION = /<(?:\w+:)?sheetProtection\b([^>]*)>/;
const ATTR_SHEET = /\bsheet\s*=\s*(?:"([^"]*)"|'([^']*)')/;
const ATTR_SI = /\bsi\s*=\s*(?:"([^"]*)"|'([^']*)')/;

/** The value of an attribute found by one of the ATTR_ patterns, whichever quotes it had. */
function attr(pattern: RegExp, attrs: string): string | undefined {
  const m = pattern.exec(attrs);
  return m ? (m[1] ?? m[2]) : undefined;
}

type SharedFormulas = Map<string, { formula: string; row: number; col: number }>;

/**
 * A cell's formula: its own text, or for a shared formula without text the group's first formula shifted to the
 * cell (`type`, `si`: the <f> element's attributes; the first cell of a group records it in `shared`).
 */
function cellFormula(
  shared: SharedFormulas,
  type: string | undefined,
  si: string | undefined,
  text: string,
  row: number,
  col: number,
): string | undefined {
  if (type === 'shared' && si !== undefined) {
    if (text.trim()) {
      shared.set(si, { formula: text, row, col });
      return text;
    }
    const master = shared.get(si);
    return master ? shiftFormula(master.formula, row - master.row, col - master.col) : undefined;
  }
  return text || undefined;
}

function cellValue(type: string, v: string | null, inline: string | null, strings: string[]): CellValue {
  if (type === 'inlineStr') return inline;
  if (v === null) return null;
  switch (type) {
    case 's':
      return strings[Number(v)] ?? null;
    case 'b':
      return v.trim() === '1' || v.trim().toLowerCase() === 'true';
    case 'str':
    case 'e':
    case 'd':
      return v;
    default: {
      if (v.trim() === '') return null;
      const n = Number(v);
      return Number.isFinite(n) ? n : v;
    }
  }
}

function readWorksheetFast(
  xml: string,
  ref: SheetRef,
  strings: string[],
  budget: { cells: number },
  maxCells: number,
): SheetContents | undefined {
  if (unusual(xml) || CELL_WITHOUT_ADDRESS.test(xml)) return undefined;
  const cells: CellContent[] = [];
  const shared: SharedFormulas = new Map();
  const start = xml.search(/<(?:\w+:)?sheetData\b/);
  const endTag = xml.search(/<\/(?:\w+:)?sheetData>/);
  const data = start < 0 ? '' : xml.slice(start, endTag < 0 ? xml.length : endTag);
  CELL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CELL.exec(data)) !== null) {
    const attrs = m[1]!;
    const inner = m[2];
    if (inner === undefined || inner === '') continue; // an empty or style-only cell
    // An address the pattern cannot read (unquoted, say) sends the sheet to the general path, as none at all does.
    const address = attr(ATTR_R, attrs);
    const pos = address === undefined ? undefined : parseAddress(address);
    if (!pos) return undefined;
    const type = attr(ATTR_T, attrs) ?? 'n';
    const vm = V.exec(inner);
    const v = vm ? decodeEntities(vm[1] ?? '') : null;
    const inline = type === 'inlineStr' ? runsText(IS.exec(inner)?.[1] ?? '') : null;
    const fm = F.exec(inner);
    const formula = fm
      ? cellFormula(
          shared,
          attr(ATTR_T, fm[1]!),
          attr(ATTR_SI, fm[1]!),
          fm[2] === undefined ? '' : decodeEntities(fm[2]),
          pos.row,
          pos.col,
        )
      : undefined;
    let value = cellValue(type, v, inline, strings);
    if (value === '') value = null;
    if (value === null && formula === undefined) continue;
    if (++budget.cells > maxCells) fail('file-too-many-cells', { limit: maxCells });
    const cell: CellContent = { address: cellAddress(pos.row, pos.col), row: pos.row, col: pos.col, value };
    if (formula !== undefined) cell.formula = formula;
    cells.push(cell);
  }
  const protection = PROTECTION.exec(xml);
  const sheet = protection ? (attr(ATTR_SHEET, protection[1]!) ?? '').toLowerCase() : '';
  return { name: ref.name, visibility: ref.visibility, protected: sheet === '1' || sheet === 'true', cells };
}

function readWorksheet(
  xml: string,
  ref: SheetRef,
  strings: string[],
  budget: { cells: number },
  maxCells: number,
): SheetContents {
  const fast = readWorksheetFast(xml, ref, strings, { ...budget }, maxCells);
  if (fast) {
    budget.cells += fast.cells.length;
    return fast;
  }
  const cells: CellContent[] = [];
  let isProtected = false;
  const shared: SharedFormulas = new Map();
  let rowNumber = 0;
  let colNumber = 0;
  // current cell
  let inCell = false;
  let cellRow = 0;
  let cellCol = 0;
  let cellType = 'n';
  let text: string[] = [];
  let vText: string | null = null;
  let fText: string | null = null;
  let fAttrs: Record<string, string> | null = null;
  let inIs = false;
  let capture: 'v' | 'f' | 't' | null = null;

  const finishCell = (): void => {
    const formula = fAttrs ? cellFormula(shared, fAttrs.t, fAttrs.si, fText ?? '', cellRow, cellCol) : undefined;
    let value = cellValue(cellType, vText, cellType === 'inlineStr' ? text.join('') : null, strings);
    if (value === '') value = null;
    if (value === null && formula === undefined) return;
    if (++budget.cells > maxCells) fail('file-too-many-cells', { limit: maxCells });
    const cell: CellContent = { address: cellAddress(cellRow, cellCol), row: cellRow, col: cellCol, value };
    if (formula !== undefined) cell.formula = formula;
    cells.push(cell);
  };

  parsing(ref.part, () =>
    scanXml(xml, (t) => {
      if (t.kind === 'open') {
        switch (t.name) {
          case 'row':
            rowNumber = t.attrs.r ? Number(t.attrs.r) : rowNumber + 1;
            colNumber = 0;
            return;
          case 'c': {
            const pos = t.attrs.r ? parseAddress(t.attrs.r) : undefined;
            cellRow = pos ? pos.row : rowNumber;
            cellCol = pos ? pos.col : colNumber + 1;
            colNumber = cellCol;
            cellType = t.attrs.t ?? 'n';
            text = [];
            vText = null;
            fText = null;
            fAttrs = null;
            inIs = false;
            if (t.selfClosing) {
              inCell = false;
            } else {
              inCell = true;
            }
            return;
          }
          case 'v':
            if (inCell && !t.selfClosing) {
              capture = 'v';
              vText = '';
            }
            return;
          case 'f':
            if (inCell) {
              fAttrs = t.attrs;
              fText = '';
              capture = t.selfClosing ? null : 'f';
            }
            return;
          case 'is':
            inIs = true;
            return;
          case 'rPh':
            if (inIs && !t.selfClosing) capture = null;
            return;
          case 't':
            if (inIs && !t.selfClosing) capture = 't';
            return;
          case 'sheetProtection': {
            const sheet = (t.attrs.sheet ?? '').toLowerCase();
            isProtected = sheet === '1' || sheet === 'true';
            return;
          }
          default:
            return;
        }
      } else if (t.kind === 'close') {
        switch (t.name) {
          case 'c':
            if (inCell) finishCell();
            inCell = false;
            return;
          case 'v':
          case 'f':
          case 't':
            capture = null;
            return;
          case 'is':
            inIs = false;
            return;
          default:
            return;
        }
      } else if (capture === 'v') {
        vText += t.text;
      } else if (capture === 'f') {
        fText += t.text;
      } else if (capture === 't') {
        text.push(t.text);
      }
    }),
  );
  return { name: ref.name, visibility: ref.visibility, protected: isProtected, cells };
}

function readPackage(bytes: Uint8Array, limits: ReadLimits): WorkbookContents {
  const zip = GuardedZip.open(bytes, limits);
  checkMacros(zip);
  const rootRels = readRelationships(zip, '');
  const officeDoc = rootRels.find((r) => /\/officeDocument$/.test(r.type) && !r.external);
  const workbookPart = officeDoc ? resolveTarget('', officeDoc.target) : 'xl/workbook.xml';
  const workbookXml = zip.readText(workbookPart);
  if (workbookXml === undefined) fail('file-not-xlsx', { reason: 'no-workbook-part' }, `no ${workbookPart}`);
  const rels = readRelationships(zip, workbookPart);
  const relById = new Map(rels.map((r) => [r.id, r]));
  const refs: SheetRef[] = [];
  let sawWorkbook = false;
  parsing(workbookPart, () =>
    scanXml(workbookXml, (t) => {
      if (t.kind !== 'open') return;
      if (t.name === 'workbook') sawWorkbook = true;
      if (t.name !== 'sheet') return;
      const rel = relById.get(t.attrs.id ?? '');
      // Chart sheets and dialog sheets hold no cells; external targets are never followed.
      if (!rel || rel.external || !/\/worksheet$/.test(rel.type)) return;
      const state = t.attrs.state;
      refs.push({
        name: t.attrs.name ?? '',
        visibility: state === 'veryHidden' ? 'veryHidden' : state === 'hidden' ? 'hidden' : 'visible',
        part: resolveTarget(workbookPart, rel.target),
      });
    }),
  );
  if (!sawWorkbook) fail('file-not-xlsx', { reason: 'no-workbook-element' }, `no workbook element in ${workbookPart}`);
  const sst = rels.find((r) => /\/sharedStrings$/.test(r.type) && !r.external);
  const strings = readSharedStrings(
    zip,
    sst ? resolveTarget(workbookPart, sst.target) : undefined,
    limits.maxSharedStrings,
  );
  const budget = { cells: 0 };
  const sheets: SheetContents[] = [];
  for (const ref of refs) {
    const xml = zip.readText(ref.part);
    if (xml === undefined) corrupt('part-missing', `missing ${ref.part}`);
    sheets.push(readWorksheet(xml, ref, strings, budget, limits.maxCells));
  }
  return { sheets };
}

/**
 * Never throws: every problem of the file is a ReadFailure with a stable code, and an exception the reader did
 * not expect (a bug of ours, not the file's fault) is 'reader-failed' with the exception in `detail`.
 */
export function readWorkbook(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): ReadResult {
  try {
    checkSignature(bytes, limits);
    return { ok: true, contents: readPackage(bytes, limits) };
  } catch (error) {
    if (error instanceof ReadFailureError) return { ok: false, failure: error.failure };
    if (error instanceof ZipProblemError) return { ok: false, failure: zipFailure(error.problem) };
    const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
    return { ok: false, failure: { code: 'reader-failed', params: {}, detail } };
  }
}
