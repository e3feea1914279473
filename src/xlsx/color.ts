/** A plan colour (RRGGBB) as SpreadsheetML writes it: ARGB, opaque. */
export function argb(rgb: string): string {
  return `FF${rgb.toUpperCase()}`;
}
