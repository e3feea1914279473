/**
 * The time written into a template's record (SheetMetadata.createdAt) and the documents made with it: ISO 8601 in
 * UTC, to the second (as the files' document properties show it). One form for the CLI and the task pane.
 */
export function planTimestamp(when: Date): string {
  return `${when.toISOString().slice(0, 19)}Z`;
}
