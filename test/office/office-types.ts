// What @types/office-js declares for the Excel namespace, read from its index.d.ts: every enum with its values,
// and, for each class and interface, the type text of its properties and of its methods' parameters. The Excel
// stand-in (excel-mock.ts) checks the values an adapter sets or passes against these, so that it can never accept
// a value Excel does not have ("Centre", "Thick " …) nor invent one of its own.
//
// Read once per process. The browser build of the stand-in (test/taskpane/fill-live-browser.test.ts) cannot read
// files: it is given the same table, made here in Node, through setOfficeTypes().
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface OfficeTypes {
  /** Enum name → its string values ("HorizontalAlignment" → ["General", "Left", …]). */
  enums: Record<string, string[]>;
  /** Class or interface name → property name → its declared type text. */
  properties: Record<string, Record<string, string>>;
  /** Class name → method name → the type text of each parameter, one list per overload. */
  methods: Record<string, Record<string, string[][]>>;
}

let table: OfficeTypes | null = null;

/** The table, from node_modules/@types/office-js (or as given to setOfficeTypes). */
export function officeTypes(): OfficeTypes {
  if (table) return table;
  // Beside this file in the repository; from the working directory when bundled elsewhere (the bench).
  const file = [__dirname, process.cwd()]
    .map((dir) => path.join(dir, dir === __dirname ? '../..' : '.', 'node_modules/@types/office-js/index.d.ts'))
    .find((candidate) => existsSync(candidate));
  if (!file) throw new Error('@types/office-js is missing: npm ci');
  table = readOfficeTypes(readFileSync(file, 'utf8'));
  return table;
}

/** Where the declarations cannot be read (a browser), the table made in Node. */
export function setOfficeTypes(types: OfficeTypes): void {
  table = types;
}

/** Splits "a: X, b?: Y | Z" at the commas that are not inside brackets or quotes. */
function splitParameters(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quote = !quote;
    else if (!quote && (ch === '(' || ch === '[' || ch === '{' || ch === '<')) depth++;
    else if (!quote && (ch === ')' || ch === ']' || ch === '}' || ch === '>')) depth--;
    else if (!quote && depth === 0 && ch === ',') {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (text.slice(start).trim() !== '') out.push(text.slice(start));
  return out.map((p) => p.trim());
}

export function readOfficeTypes(source: string): OfficeTypes {
  const start = source.indexOf('declare namespace Excel {');
  if (start < 0) throw new Error('@types/office-js: no Excel namespace');
  const end = source.indexOf('\ndeclare namespace', start + 1);
  // Comments hold sample code that would read as declarations.
  const text = source
    .slice(start, end)
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');
  const types: OfficeTypes = { enums: {}, properties: {}, methods: {} };
  // Top-level declarations only (four spaces): the nested `namespace Interfaces` holds look-alikes.
  const header = /\n {4}(class|interface|enum) (\w+)(?:<[^>]*>)?(?: extends [\w.<>, ]+)? \{/g;
  for (let m = header.exec(text); m; m = header.exec(text)) {
    const [, kind, name] = m as unknown as [string, string, string];
    const body = text.slice(m.index + m[0].length, text.indexOf('\n    }', m.index));
    if (kind === 'enum') {
      types.enums[name] ??= [...body.matchAll(/^ {8}\w+ = "([^"]*)",?$/gm)].map((v) => v[1]!);
      continue;
    }
    if (types.properties[name]) continue;
    const properties: Record<string, string> = {};
    const methods: Record<string, string[][]> = {};
    for (const line of body.split('\n')) {
      const property = /^ {8}(?:readonly )?(\w+)\??: (.+);$/.exec(line);
      if (property) {
        properties[property[1]!] = property[2]!;
        continue;
      }
      const method = /^ {8}(\w+)(?:<[^>]*>)?\((.*)\): .+;$/.exec(line);
      if (method) {
        const parameters = splitParameters(method[2]!).map((p) => p.replace(/^\w+\??: /, ''));
        (methods[method[1]!] ??= []).push(parameters);
      }
    }
    types.properties[name] = properties;
    if (kind === 'class') types.methods[name] = methods;
  }
  return types;
}

/**
 * Why `value` is not something Excel takes for a member declared as `type` (null when it is, or when the type is
 * not one the stand-in checks). Checked: a type made only of Excel enums and string literals (the value must be
 * one of their values), and an Excel interface given as an object (each of its fields, by the same rule).
 */
export function offTypeReason(
  value: unknown,
  type: string,
  types: OfficeTypes = officeTypes(),
  depth = 0,
): string | null {
  if (value === undefined || value === null || depth > 4) return null;
  const alternatives = type.split('|').map((t) => t.trim());
  const allowed: string[] = [];
  let onlyNames = true;
  const interfaces: string[] = [];
  for (const alternative of alternatives) {
    const literal = /^"([^"]*)"$/.exec(alternative);
    const excel = /^Excel\.(\w+)$/.exec(alternative);
    if (literal) allowed.push(literal[1]!);
    else if (excel && types.enums[excel[1]!]) allowed.push(...types.enums[excel[1]!]!);
    else if (excel && types.properties[excel[1]!] && !types.methods[excel[1]!]) {
      interfaces.push(excel[1]!);
      onlyNames = false;
    } else onlyNames = false;
  }
  if (onlyNames && allowed.length > 0) {
    return typeof value === 'string' && allowed.includes(value)
      ? null
      : `${JSON.stringify(value)} is not one of ${[...new Set(allowed)].map((a) => `"${a}"`).join(', ')}`;
  }
  if (interfaces.length === 1 && typeof value === 'object' && !Array.isArray(value)) {
    const fields = types.properties[interfaces[0]!]!;
    for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
      const declared = fields[key];
      if (declared === undefined) continue;
      const reason = offTypeReason(field, declared, types, depth + 1);
      if (reason) return `${interfaces[0]}.${key}: ${reason}`;
    }
  }
  return null;
}

/** Why the arguments of `officeClass.method(...)` are not what Excel takes (null when they are, or not checked). */
export function offTypeArguments(officeClass: string, method: string, args: readonly unknown[]): string | null {
  const overloads = officeTypes().methods[officeClass]?.[method];
  if (!overloads || overloads.length === 0) return null;
  // An overload that takes the arguments: when none does, the first one's reason is given.
  let first: string | null = null;
  for (const parameters of overloads) {
    const reason = args
      .map((arg, i) => (parameters[i] === undefined ? null : offTypeReason(arg, parameters[i]!)))
      .find((r) => r !== null);
    if (!reason) return null;
    first ??= reason;
  }
  return `${officeClass}.${method}: ${first}`;
}
