// Which files the pane's file pickers offer (the `accept` of their hidden <input type="file">): one list per kind of
// file, so that every picker of targets documents offers the same ones.
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A targets document: its text export, the Word document itself, or a master sheet. */
export const CATALOG_FILES = ['.txt', '.docx', '.xlsx', 'text/plain', DOCX, XLSX].join(',');

/** A returned target sheet. */
export const WORKBOOK_FILES = ['.xlsx', XLSX].join(',');
