// Text rules shared by every document reader and the catalog builder: how a label is normalised, which
// header cell is which column, how a weight is read. Kept apart so the .docx and master-sheet readers reuse them.
import type { Group } from './model';

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;

/** True when the character is Chinese (or full-width punctuation), where a space or line break carries no meaning. */
export function isCjk(char: string | undefined): boolean {
  return char !== undefined && CJK.test(char);
}

/**
 * Joins the lines of a wrapped cell: no separator between Chinese characters (a vertical label "共\n性\n指\n标"
 * reads 共性指标), one space between Latin words.
 */
export function joinWrapped(lines: readonly string[]): string {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (out !== '' && !isCjk(out[out.length - 1]) && !isCjk(line[0])) out += ' ';
    out += line;
  }
  return out;
}

const SPACE = /\s/;

/**
 * A label (指标类别, 考核项目, a unit name) without the spaces and line breaks that only lay it out:
 * "共\n性 指\n标" → 共性指标, "人 事 处" → 人事处, "考　核　内　容" → 考核内容. Spaces between Latin words stay (one).
 */
export function normaliseLabel(text: string): string {
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (SPACE.test(c)) {
      pendingSpace = out !== '';
      continue;
    }
    if (pendingSpace && !isCjk(out[out.length - 1]) && !isCjk(c)) out += ' ';
    pendingSpace = false;
    out += c;
  }
  return out;
}

/** Full-width ASCII (ＡＢ１２（）) and the ideographic space as their ASCII forms; cheaper than NFKC and enough for keys. */
export function halfWidth(text: string): string {
  if (!/[\u3000\uff01-\uff5e]/.test(text)) return text;
  return text.replace(/[\u3000\uff01-\uff5e]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/** Compact form for matching keywords: full-width brackets and digits as ASCII, no whitespace. */
export function matchKey(text: string): string {
  return halfWidth(text).replace(/\s+/g, '');
}

export type HeaderColumn = 'category' | 'item' | 'content' | 'weight';

/** Which column a header cell names, or null when it is not a header label. */
export function headerColumn(text: string): HeaderColumn | null {
  const key = matchKey(text);
  if (key === '') return null;
  if (/^(指标)?类别$|^指标类别/.test(key) || key === '指标') return 'category';
  if (/^(考核)?(项目|目标)$/.test(key) || key === '考核') return 'item';
  if (/^(考核)?内容$/.test(key)) return 'content';
  if (/^分值|^分数$|^权重$/.test(key)) return 'weight';
  return null;
}

/** The first cell of a header row reads 指标类别 (possibly wrapped or spaced). */
export function isCategoryHeader(text: string): boolean {
  return /^指标类别$/.test(matchKey(text));
}

/**
 * If a label is the same text written several times over (a merged cell repeated at each page break and
 * flattened into one cell: "共性指标共性指标"), the text once and how many times it was written.
 */
export function collapseRepeats(label: string): { text: string; times: number } {
  const chars = Array.from(label);
  const n = chars.length;
  for (let size = 1; size <= n / 2; size++) {
    if (n % size !== 0) continue;
    const unit = chars.slice(0, size).join('');
    if (unit.repeat(n / size) === label) return { text: unit, times: n / size };
  }
  return { text: label, times: 1 };
}

/** Points written into a category label ("党政建设20分", "党政建设30"): the label without them, and the points. */
export function splitPoints(label: string): { label: string; points: number | null } {
  const match = /^(.*?[^\d.])?[(（]?(\d+(?:\.\d+)?)\s*分?[)）]?$/.exec(halfWidth(label));
  if (!match || match[1] === undefined || match[1] === '') return { label, points: null };
  const rest = match[1].replace(/[(（:：\s]+$/, '');
  if (rest === '') return { label, points: null };
  return { label: rest, points: Number(match[2]) };
}

export type WeightReading =
  | { kind: 'number'; value: number; repaired: boolean }
  /** "3+2": the points of two targets written into one cell; the sum is used and reported. */
  | { kind: 'sum'; value: number; text: string }
  | { kind: 'missing' }
  | { kind: 'not-numeric'; text: string };

/**
 * Reads a 分值 cell. Spaces around it are layout; full-width digits and a trailing 分 are repaired (and said so);
 * anything else is not a number.
 */
export function readWeight(text: string): WeightReading {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (trimmed === '') return { kind: 'missing' };
  if (/^\d+(\.\d+)?$/.test(trimmed)) return { kind: 'number', value: Number(trimmed), repaired: false };
  const key = matchKey(trimmed).replace(/分$/, '');
  if (/^\d+(\.\d+)?$/.test(key)) return { kind: 'number', value: Number(key), repaired: true };
  if (/^\d+(\.\d+)?(\+\d+(\.\d+)?)+$/.test(key)) {
    const value = key.split('+').reduce((sum, part) => sum + Number(part), 0);
    return { kind: 'sum', value: Math.round(value * 1e6) / 1e6, text: trimmed };
  }
  return { kind: 'not-numeric', text: trimmed };
}

/** The groups a title names, in the order they are written. */
export function groupsNamed(title: string): Group[] {
  const key = matchKey(title);
  const found: Array<{ group: Group; at: number }> = [];
  const look = (group: Group, pattern: RegExp): void => {
    const at = key.search(pattern);
    if (at >= 0) found.push({ group, at });
  };
  look('institution', /厅直属/);
  look('department', /厅机关/);
  look('city', /市\(州\)|市州/);
  look('bureau', /事业局/);
  return found.sort((a, b) => a.at - b.at).map((f) => f.group);
}

/** A party-building (党政建设) table title: names the groups it applies to and says 党政建设 / 党建. */
export function isPartyTitle(title: string): boolean {
  return /党政建设|党建/.test(matchKey(title)) && groupsNamed(title).length > 0;
}

/** The year a title is for ("2019年度…"), or null. */
export function yearOf(title: string): number | null {
  const match = /((?:19|20|21)\d{2})\s*年/.exec(halfWidth(title));
  return match ? Number(match[1]) : null;
}
