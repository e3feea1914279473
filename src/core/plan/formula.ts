// Formulas as spreadsheet programs write them back differ trivially from what the plan wrote: a leading '=',
// case, spaces, '_xlfn.' prefixes on newer functions, absolute '$' markers, a sheet name on a same-sheet reference.
// Both sides are normalised before they are compared, so only a real change is reported.

function quoteSheet(name: string): string[] {
  const escaped = name.replace(/'/g, "''");
  return [`'${escaped}'!`, `${name}!`];
}

export function normaliseFormula(formula: string, sheetName?: string): string {
  let f = formula.trim();
  if (f.startsWith('=')) f = f.slice(1);
  // Split on string literals so that their contents are kept exactly.
  const parts = f.split(/("(?:[^"]|"")*")/);
  return parts
    .map((part, i) => {
      if (i % 2 === 1) return part;
      let p = part
        .replace(/_xlfn\.|_xlws\./gi, '')
        .replace(/\$/g, '')
        .replace(/\s+/g, '')
        .toUpperCase();
      if (sheetName) for (const prefix of quoteSheet(sheetName.toUpperCase())) p = p.split(prefix).join('');
      return p;
    })
    .join('');
}

export function sameFormula(a: string, b: string, sheetName?: string): boolean {
  return normaliseFormula(a, sheetName) === normaliseFormula(b, sheetName);
}
