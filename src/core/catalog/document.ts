// A neutral model of the department's targets document: what any reader (the Word text export, a .docx,
// a master sheet) sees before it knows about sections, units or weights. `build.ts` turns it into a Catalog.

/** A line without a table cell: a section title, a unit name, or stray text between tables. */
export interface TitleBlock {
  kind: 'title';
  /** The text as written, trimmed. */
  text: string;
  /** 1-based line (or row) in the source. */
  line: number;
}

/** One table row: its cells from left to right. Cell text keeps internal line breaks as '\n'. */
export interface TableRow {
  /** 1-based line (or row) in the source where the row starts. */
  line: number;
  /** Cell texts, trimmed; an empty string is an empty (often vertically merged) cell. */
  cells: string[];
}

export interface TableBlock {
  kind: 'table';
  rows: TableRow[];
}

export type DocumentBlock = TitleBlock | TableBlock;

/** The document in reading order. */
export interface TargetsDocument {
  blocks: DocumentBlock[];
}
