// What the task pane can do, as plain async operations. index.tsx picks the implementation: inside Excel the
// src/office adapter, in a plain browser file-based versions (download / file picker). Views only call these
// and present the results; they never touch Excel, ExcelJS or the validator directly.
import type { TFunction } from 'i18next';
import type { Catalog, Unit } from '../core/catalog/model';
import type { PaneHost } from './host';

export type GenerateTarget = 'workbook' | 'files';

export interface GenerateProgress {
  done: number;
  total: number;
  /** The unit being worked on, or null when finished. */
  current: string | null;
}

export interface GenerateRequest {
  catalog: Catalog;
  units: Unit[];
  target: GenerateTarget;
  signal: AbortSignal;
  onProgress: (progress: GenerateProgress) => void;
}

export interface GenerateResult {
  /** Units whose sheets were produced before finishing or cancelling. */
  done: number;
  cancelled: boolean;
  /** Names the user will see: downloaded file names or inserted sheet names. */
  outputs: string[];
}

/** One problem, presented: stable code, where it is, and a message in the current language. */
export interface PaneIssue {
  code: string;
  severity: 'error' | 'warning' | 'info';
  sheet: string | null;
  cell: string | null;
  message: (t: TFunction) => string;
}

export interface BlockTotal {
  block: 'party' | 'own';
  weight: number;
  self: number;
}

/** A validation pass over a returned sheet or the live workbook, ready to show. */
export interface PaneReport {
  /** File name, or null for the open workbook. */
  source: string | null;
  unitName: string | null;
  valid: boolean;
  filled: { done: number; total: number } | null;
  blocks: BlockTotal[];
  /** assessed is null until the assessment team has entered a score. */
  total: { weight: number; self: number; assessed: number | null } | null;
  issues: PaneIssue[];
}

export type LiveStop = () => Promise<void>;

export interface TaskpaneOperations {
  host: PaneHost;
  /** Generation targets this host offers, preferred first. */
  generateTargets: GenerateTarget[];
  loadEmbeddedCatalog(): Promise<Catalog>;
  readCatalogFile(file: File): Promise<Catalog>;
  generate(request: GenerateRequest): Promise<GenerateResult>;
  /** Check a returned file chosen by the user (every host). */
  checkFile(file: File): Promise<PaneReport>;
  /** Check the open workbook (Excel only). */
  checkWorkbook?: () => Promise<PaneReport>;
  /** Live panel for the 填报 view (Excel only). */
  startLive?: (onPass: (report: PaneReport) => void, onError: (error: unknown) => void) => Promise<LiveStop>;
  /** Jump to a cell (Excel only). */
  selectCell?: (sheet: string, cell: string) => Promise<void>;
}

/** An error the pane can explain: a stable code with params for the taskpane locale's `errors.*` keys. */
export class PaneError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'PaneError';
  }
}
