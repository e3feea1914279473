// What the two template writers share (render.ts: through ExcelJS; render-direct.ts: the same bytes without its
// object model): the XML escaping, the sheet protection with its password hash, the print area and page footer as
// written, the custom document properties (the part, its content type and relationship), and the packaging of the
// parts into a reproducible zip.
import { strFromU8, strToU8 } from 'fflate';
import { base64ToBytes, bytesToBase64 } from '../core/folders/base64';
import { sha256Hex } from '../core/hash/sha256';
import type { PlanPrint, PlanProtection, SheetPlan } from '../core/plan/model';
import { writeZip } from './zip';

/** SpreadsheetML's paperSize codes (ECMA-376 §18.3.1.63) of the plan's paper sizes. */
export const PAPER_SIZE_CODES: Record<PlanPrint['paperSize'], number> = { A4: 9 };

/** "A2:J40" → "A$2:J$40", which ExcelJS turns into the print area $A$2:$J$40. */
export function absoluteRowsOf(range: string): string {
  return range.replace(/([A-Z]+)(\d+)/g, '$1$$$2');
}

/** The page header and footer as SpreadsheetML writes them ("&L…&C…&R…"), or nothing. */
export function headerFooterOf(plan: Pick<SheetPlan, 'print'>): { oddHeader?: string; oddFooter?: string } | undefined {
  const join = (s: SheetPlan['print']['footer']) =>
    s ? `${s.left ? `&L${s.left}` : ''}${s.center ? `&C${s.center}` : ''}${s.right ? `&R${s.right}` : ''}` : '';
  const oddHeader = join(plan.print.header);
  const oddFooter = join(plan.print.footer);
  if (!oddHeader && !oddFooter) return undefined;
  return { ...(oddHeader ? { oddHeader } : {}), ...(oddFooter ? { oddFooter } : {}) };
}

export interface RenderOptions {
  /** Sheet protection password; without one the sheets are protected without a password. */
  password?: string;
}

const SPIN_COUNT = 100_000;
const hashCache = new Map<string, Promise<string>>();

type NodeCrypto = typeof import('node:crypto');
/** Node's crypto where there is one (CLI), found at run time so that browser bundles do not try to include it. */
function nodeCrypto(): NodeCrypto | undefined {
  const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return p?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
}

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[2 * i] = code & 0xff;
    out[2 * i + 1] = code >> 8;
  }
  return out;
}

/**
 * Excel's SHA-512 sheet password hash (ECMA-376: H0 = SHA512(salt + UTF-16LE password), then Hn = SHA512(Hn-1 +
 * LE32(n)) spinCount times). Native SHA-512 for the 100 000 spins: Node's crypto in the CLI, WebCrypto elsewhere.
 * Memoised, because every sheet of a run shares the salt.
 */
function passwordHash(password: string, saltBase64: string, spinCount: number): Promise<string> {
  const key = `${saltBase64}\u0000${spinCount}\u0000${password}`;
  let cached = hashCache.get(key);
  if (!cached) {
    cached = (async () => {
      const salt = base64ToBytes(saltBase64);
      const pw = utf16le(password);
      const first = new Uint8Array(salt.length + pw.length);
      first.set(salt);
      first.set(pw, salt.length);
      const buf = new Uint8Array(64 + 4);
      const view = new DataView(buf.buffer);
      const node = nodeCrypto();
      let hash: Uint8Array;
      if (node) {
        hash = node.createHash('sha512').update(first).digest();
        for (let i = 0; i < spinCount; i++) {
          buf.set(hash);
          view.setUint32(64, i, true);
          hash = node.createHash('sha512').update(buf).digest();
        }
      } else {
        hash = new Uint8Array(await crypto.subtle.digest('SHA-512', first));
        for (let i = 0; i < spinCount; i++) {
          buf.set(hash);
          view.setUint32(64, i, true);
          hash = new Uint8Array(await crypto.subtle.digest('SHA-512', buf));
        }
      }
      return bytesToBase64(hash);
    })();
    hashCache.set(key, cached);
  }
  return cached;
}

/** 16 bytes of salt derived from the catalog, so that a run's files are reproducible. */
function saltFor(catalogFingerprint: string): string {
  const hex = sha256Hex(`target-sheets/salt/${catalogFingerprint}`).slice(0, 32);
  return bytesToBase64(Uint8Array.from(hex.match(/../g)!, (h) => parseInt(h, 16)));
}

/**
 * The sheet protection as written (attribute names of SpreadsheetML's sheetProtection): the plan's permissions,
 * and with a password its SHA-512 hash, a salt derived from the catalog (same file for the same inputs) and the
 * spin count the hash was made with.
 */
export async function sheetProtection(
  plan: SheetPlan,
  password: string | undefined,
): Promise<Record<string, string | number | boolean>> {
  return protectionFor(plan.protection, plan.metadata.catalogFingerprint, password);
}

/** sheetProtection for any drawing: its permissions, with a password hashed with a salt derived from `saltSeed`. */
export async function protectionFor(
  permissions: PlanProtection,
  saltSeed: string,
  password: string | undefined,
): Promise<Record<string, string | number | boolean>> {
  const protection: Record<string, string | number | boolean> = { sheet: true, ...permissions };
  if (password) {
    const saltValue = saltFor(saltSeed);
    Object.assign(protection, {
      algorithmName: 'SHA-512',
      saltValue,
      spinCount: SPIN_COUNT,
      hashValue: await passwordHash(password, saltValue, SPIN_COUNT),
    });
  }
  return protection;
}

const ESCAPE = /[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/;
const ESCAPES: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
/**
 * The templates' one XML escaper, ExcelJS's xmlEncode rule (so that both writers give the same bytes): the five XML
 * specials escaped, control characters other than tab, LF and CR dropped (XML 1.0 cannot carry them at all; a
 * unit name from a JSON catalog can hold them).
 */
export function esc(text: string): string {
  if (!ESCAPE.test(text)) return text;
  return text.replace(/[<>&'"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => ESCAPES[c] ?? '');
}

/** The custom document properties part (ExcelJS 4.4 cannot write it), its content type and its relationship. */
export const CUSTOM_PROPERTIES_PART = 'docProps/custom.xml';
export const CUSTOM_PROPERTIES_OVERRIDE = `<Override PartName="/${CUSTOM_PROPERTIES_PART}" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>`;
export const CUSTOM_PROPERTIES_RELATIONSHIP = `<Relationship Id="rIdCustomProps" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="${CUSTOM_PROPERTIES_PART}"/>`;

export function customPropertiesXml(properties: Record<string, string>): string {
  const entries = Object.entries(properties)
    .map(
      ([name, value], i) =>
        `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="${esc(name)}"><vt:lpwstr>${esc(value)}</vt:lpwstr></property>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" ' +
    `xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${entries}</Properties>`
  );
}

/**
 * Zips ExcelJS's parts with one fixed mtime, adding docProps/custom.xml and its content type and relationship
 * (ExcelJS 4.4 cannot write custom document properties).
 */
export function finish(parts: [string, Uint8Array][], when: Date, properties: Record<string, string>): Uint8Array {
  const entries = [...parts];
  if (Object.keys(properties).length > 0) {
    const edit = (name: string, change: (xml: string) => string) => {
      const at = entries.findIndex(([n]) => n === name);
      if (at < 0) throw new Error(`ExcelJS wrote no ${name}`);
      entries[at] = [name, strToU8(change(strFromU8(entries[at]![1])))];
    };
    edit('[Content_Types].xml', (xml) => xml.replace('</Types>', `${CUSTOM_PROPERTIES_OVERRIDE}</Types>`));
    edit('_rels/.rels', (xml) => xml.replace('</Relationships>', `${CUSTOM_PROPERTIES_RELATIONSHIP}</Relationships>`));
    entries.push([CUSTOM_PROPERTIES_PART, strToU8(customPropertiesXml(properties))]);
  }
  return writeZip(entries, when);
}
